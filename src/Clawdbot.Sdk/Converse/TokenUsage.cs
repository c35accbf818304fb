namespace Clawdbot.Sdk;

/// <summary>Token counts of one call and, when the model's prices are declared, its cost in USD.</summary>
public sealed record TokenUsage(
    int InputTokens,
    int OutputTokens,
    int CacheReadInputTokens,
    int CacheWriteInputTokens,
    int TotalTokens,
    decimal? CostUsd)
{
    /// <summary>
    /// The cost of these counts at <paramref name="cost"/> (USD per one million tokens): input, output, cache
    /// reads and cache writes each at their own price. Decimal arithmetic, no rounding.
    /// </summary>
    public static decimal ComputeCost(ModelCost cost, int inputTokens, int outputTokens, int cacheReadInputTokens, int cacheWriteInputTokens)
    {
        ArgumentNullException.ThrowIfNull(cost);
        return ((inputTokens * cost.Input)
            + (outputTokens * cost.Output)
            + (cacheReadInputTokens * cost.CacheRead)
            + (cacheWriteInputTokens * cost.CacheWrite)) / 1_000_000m;
    }

    internal static TokenUsage Create(ModelDefinition? model, int input, int output, int cacheRead, int cacheWrite, int total)
        => new(input, output, cacheRead, cacheWrite, total,
            model is null ? null : ComputeCost(model.Cost, input, output, cacheRead, cacheWrite));
}
