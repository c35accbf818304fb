using System.Text.Json;

namespace Clawdbot.Sdk;

/// <summary>
/// A finished (or, inside <see cref="BedrockException.PartialResult"/>, interrupted) Converse call: the assistant
/// message ready to append to the conversation, why it stopped, usage with cost, and where it ran.
/// </summary>
public sealed record ConverseResult
{
    /// <summary>The model's answer, as an assistant message (text, reasoning, tool calls, citations).</summary>
    public required Message Message { get; init; }

    /// <summary>Null when the stream broke before <c>messageStop</c>.</summary>
    public StopReason? StopReason { get; init; }

    /// <summary>Null when the stream broke before the <c>metadata</c> event.</summary>
    public TokenUsage? Usage { get; init; }

    /// <summary>
    /// The latency Bedrock reports for the call, in milliseconds; null when it sent none (a stream that broke, say).
    /// </summary>
    public long? LatencyMs { get; init; }

    /// <summary>The model id (or profile id / ARN) that was invoked.</summary>
    public required string ModelId { get; init; }

    /// <summary>
    /// The <c>provider/id</c> reference of the model that answered, when the call went through a
    /// <see cref="BedrockFallbackChain"/> (<c>Bedrock.Models.Default</c> among them); else null.
    /// </summary>
    public string? ModelRef { get; init; }

    /// <summary>
    /// The models of a <see cref="BedrockFallbackChain"/> that failed (or were passed over) before <see cref="ModelRef"/>
    /// answered, in order; empty when the first model answered or there was no chain.
    /// </summary>
    public IReadOnlyList<FailoverAttempt> FailoverAttempts { get; init; } = [];

    /// <summary>The <c>x-amzn-requestid</c> of the call, when the service sent one.</summary>
    public string? RequestId { get; init; }

    /// <summary>
    /// The model-specific fields the request asked for (<c>additionalModelResponseFieldPaths</c>), as Bedrock returned
    /// them; null when none.
    /// </summary>
    public JsonElement? AdditionalModelResponseFields { get; init; }

    /// <summary>
    /// The call's <c>trace</c> when its guardrail has <c>trace</c> enabled (the guardrail's assessments under
    /// <c>guardrail</c>), as Bedrock wrote it; null when none was sent.
    /// </summary>
    public JsonElement? Trace { get; init; }

    /// <summary>The text of the message.</summary>
    public string Text => Message.Text;

    /// <summary>True when the stream reached both <c>messageStop</c> and <c>metadata</c>.</summary>
    public bool IsComplete => StopReason is not null && Usage is not null;
}
