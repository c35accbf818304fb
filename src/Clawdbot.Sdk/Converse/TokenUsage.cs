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
    /// The part of <see cref="CacheWriteInputTokens"/> written with the 1-hour TTL (from Bedrock's
    /// <c>usage.cacheDetails</c>); 0 when every write has the 5-minute TTL or Bedrock gave no breakdown.
    /// </summary>
    public int CacheWriteOneHourInputTokens { get; init; }

    /// <summary>The part of <see cref="CacheWriteInputTokens"/> written with the 5-minute TTL.</summary>
    public int CacheWriteFiveMinuteInputTokens => CacheWriteInputTokens - CacheWriteOneHourInputTokens;

    /// <summary>
    /// The cost of these counts at <paramref name="cost"/> (USD per one million tokens): input, output, cache
    /// reads and cache writes each at their own price. Decimal arithmetic, no rounding.
    /// </summary>
    public static decimal ComputeCost(ModelCost cost, int inputTokens, int outputTokens, int cacheReadInputTokens, int cacheWriteInputTokens)
        => ComputeCost(cost, inputTokens, outputTokens, cacheReadInputTokens, cacheWriteInputTokens, cacheWriteOneHourInputTokens: 0);

    /// <summary>
    /// The cost of these counts at <paramref name="cost"/> (USD per one million tokens), where
    /// <paramref name="cacheWriteOneHourInputTokens"/> of the <paramref name="cacheWriteInputTokens"/> were written
    /// with the 1-hour TTL. Those are priced at twice the input price, as Anthropic prices them; the rest at the
    /// declared <c>cacheWrite</c>, which is the 5-minute price. Decimal arithmetic, no rounding.
    /// </summary>
    public static decimal ComputeCost(ModelCost cost, int inputTokens, int outputTokens, int cacheReadInputTokens, int cacheWriteInputTokens, int cacheWriteOneHourInputTokens)
    {
        ArgumentNullException.ThrowIfNull(cost);
        ArgumentOutOfRangeException.ThrowIfNegative(cacheWriteOneHourInputTokens);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(cacheWriteOneHourInputTokens, cacheWriteInputTokens);
        return ((inputTokens * cost.Input)
            + (outputTokens * cost.Output)
            + (cacheReadInputTokens * cost.CacheRead)
            + ((cacheWriteInputTokens - cacheWriteOneHourInputTokens) * cost.CacheWrite)
            + (cacheWriteOneHourInputTokens * cost.Input * 2m)) / 1_000_000m;
    }

    internal static TokenUsage Create(ModelDefinition? model, int input, int output, int cacheRead, int cacheWrite, int total, int cacheWriteOneHour = 0)
    {
        // cacheDetails breaks cacheWriteInputTokens down; a breakdown larger than the total is read as the total.
        cacheWriteOneHour = Math.Clamp(cacheWriteOneHour, 0, Math.Max(cacheWrite, 0));
        return new(input, output, cacheRead, cacheWrite, total,
            model is null ? null : ComputeCost(model.Cost, input, output, cacheRead, cacheWrite, cacheWriteOneHour))
        {
            CacheWriteOneHourInputTokens = cacheWriteOneHour,
        };
    }
}
