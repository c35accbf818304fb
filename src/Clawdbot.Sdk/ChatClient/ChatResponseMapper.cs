using Microsoft.Extensions.AI;

namespace Clawdbot.Sdk;

/// <summary>Maps Converse results, stop reasons and usage to Microsoft.Extensions.AI types.</summary>
internal static class ChatResponseMapper
{
    public static ChatResponse ToChatResponse(ConverseResult result)
    {
        var contents = result.Message.Content.Select(ContentMapper.ToContent).ToList();
        var message = new ChatMessage(ChatRole.Assistant, contents)
        {
            MessageId = result.RequestId,
            RawRepresentation = result.Message,
        };
        var response = new ChatResponse(message)
        {
            ResponseId = result.RequestId,
            ModelId = result.ModelId,
            CreatedAt = DateTimeOffset.UtcNow,
            FinishReason = ToFinishReason(result.StopReason),
            Usage = result.Usage is { } usage ? ToUsageDetails(usage) : null,
            RawRepresentation = result,
        };
        if (result.Usage?.CostUsd is { } cost)
        {
            (response.AdditionalProperties ??= [])[BedrockChatUsage.CostUsdKey] = cost;
        }

        if (result.Trace is { } trace)
        {
            (response.AdditionalProperties ??= [])[BedrockChatUsage.TraceKey] = trace;
        }

        return response;
    }

    /// <summary>end_turn and stop_sequence → Stop, max_tokens and a full context window → Length, tool_use → ToolCalls, filtering and guardrails → ContentFilter.</summary>
    public static ChatFinishReason? ToFinishReason(StopReason? stopReason) => stopReason?.Value switch
    {
        null => null,
        "end_turn" or "stop_sequence" => ChatFinishReason.Stop,
        "max_tokens" or "model_context_window_exceeded" => ChatFinishReason.Length,
        "tool_use" => ChatFinishReason.ToolCalls,
        "content_filtered" or "guardrail_intervened" => ChatFinishReason.ContentFilter,
        var other => new ChatFinishReason(other),
    };

    public static UsageDetails ToUsageDetails(TokenUsage usage) => new()
    {
        InputTokenCount = usage.InputTokens,
        OutputTokenCount = usage.OutputTokens,
        TotalTokenCount = usage.TotalTokens,
        CachedInputTokenCount = usage.CacheReadInputTokens,
        AdditionalCounts = new AdditionalPropertiesDictionary<long>
        {
            [BedrockChatUsage.CacheReadInputTokensKey] = usage.CacheReadInputTokens,
            [BedrockChatUsage.CacheWriteInputTokensKey] = usage.CacheWriteInputTokens,
        },
    };
}
