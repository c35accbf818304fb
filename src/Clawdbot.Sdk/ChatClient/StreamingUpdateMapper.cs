using Microsoft.Extensions.AI;

namespace Clawdbot.Sdk;

/// <summary>
/// Turns ConverseStream updates into <see cref="ChatResponseUpdate"/>s: one per text or reasoning delta, a
/// <see cref="FunctionCallContent"/> when a tool call completes, and a last update holding the usage and the finish reason.
/// </summary>
internal sealed class StreamingUpdateMapper
{
    private readonly DateTimeOffset _createdAt = DateTimeOffset.UtcNow;
    private string _modelId;
    private string? _requestId;
    private ChatFinishReason? _finishReason;
    private bool _finished;

    public StreamingUpdateMapper(string modelId) => _modelId = modelId;

    public ChatResponseUpdate? Map(StreamUpdate update)
    {
        switch (update)
        {
            case MessageStart start:
                _modelId = start.ModelId ?? _modelId;
                _requestId = start.RequestId;
                return null;
            case TextDelta text:
                return Create(update, new TextContent(text.Text) { RawRepresentation = update });
            case ReasoningDelta { RedactedContent: { } redacted }:
                return Create(update, ContentMapper.RedactedReasoning(redacted, update));
            case ReasoningDelta { Signature: { } signature }:
                // An empty reasoning content carrying only the signature: ToChatResponse merges it into the text before it.
                return Create(update, new TextReasoningContent(string.Empty) { ProtectedData = signature, RawRepresentation = update });
            case ReasoningDelta reasoning:
                return Create(update, new TextReasoningContent(reasoning.Text) { RawRepresentation = update });
            case ToolUseComplete complete:
                var call = ContentMapper.ToFunctionCall(new ToolUseBlock(complete.ToolUseId, complete.Name, complete.IsValid ? complete.Input : default));
                if (!complete.IsValid)
                {
                    call.Exception = new InvalidOperationException("The tool input is not valid JSON: " + complete.ParseError);
                }

                return Create(update, call);
            case MessageStop stop:
                _finishReason = ChatResponseMapper.ToFinishReason(stop.StopReason);
                return null;
            case UsageUpdate usage:
                var last = Create(update, new UsageContent(ChatResponseMapper.ToUsageDetails(usage.Usage)));
                last.FinishReason = _finishReason;
                if (usage.Usage.CostUsd is { } cost)
                {
                    last.AdditionalProperties = new AdditionalPropertiesDictionary { [BedrockChatUsage.CostUsdKey] = cost };
                }

                _finished = true;
                return last;
            case TraceUpdate trace:
                var traced = Create(update, null);
                traced.AdditionalProperties = new AdditionalPropertiesDictionary { [BedrockChatUsage.TraceKey] = trace.Trace };
                return traced;
            default:
                return null;
        }
    }

    /// <summary>An update carrying the finish reason when the stream ended without usage; otherwise null.</summary>
    public ChatResponseUpdate? Finish()
    {
        if (_finished || _finishReason is null)
        {
            return null;
        }

        _finished = true;
        var update = Create(null, null);
        update.FinishReason = _finishReason;
        return update;
    }

    private ChatResponseUpdate Create(StreamUpdate? raw, AIContent? content) => new(ChatRole.Assistant, content is null ? [] : [content])
    {
        ResponseId = _requestId,
        MessageId = _requestId,
        ModelId = _modelId,
        CreatedAt = _createdAt,
        RawRepresentation = raw,
    };
}
