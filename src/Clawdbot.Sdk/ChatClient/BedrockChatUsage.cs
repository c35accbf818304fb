namespace Clawdbot.Sdk;

/// <summary>Keys under which <see cref="BedrockChatClient"/> reports Bedrock-specific usage.</summary>
public static class BedrockChatUsage
{
    /// <summary><c>UsageDetails.AdditionalCounts</c> key: input tokens read from the prompt cache.</summary>
    public const string CacheReadInputTokensKey = "CacheReadInputTokens";

    /// <summary><c>UsageDetails.AdditionalCounts</c> key: input tokens written to the prompt cache.</summary>
    public const string CacheWriteInputTokensKey = "CacheWriteInputTokens";

    /// <summary>
    /// <c>ChatResponse.AdditionalProperties</c> key (and, when streaming, the final update's): the cost in USD as a
    /// <see cref="decimal"/>, present when the model's prices are declared.
    /// </summary>
    public const string CostUsdKey = "CostUsd";

    /// <summary>
    /// <c>ChatResponse.AdditionalProperties</c> key (and, when streaming, that of the update carrying it): the call's
    /// guardrail trace as a <see cref="System.Text.Json.JsonElement"/>, present when the guardrail has <c>trace</c> enabled.
    /// </summary>
    public const string TraceKey = "Trace";
}
