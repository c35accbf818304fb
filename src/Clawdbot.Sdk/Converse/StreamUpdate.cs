using System.Text.Json;

namespace Clawdbot.Sdk;

/// <summary>
/// One typed update of a ConverseStream call. A closed set: switch over the sealed records below.
/// </summary>
public abstract record StreamUpdate
{
    private protected StreamUpdate()
    {
    }
}

/// <summary>
/// <c>messageStart</c>: the role of the message being generated, with the model id invoked and the request id
/// of the call (filled by <see cref="BedrockClient"/>, so that any stream folds into a complete result).
/// </summary>
public sealed record MessageStart(ConversationRole Role) : StreamUpdate
{
    /// <summary>
    /// The model id actually invoked: an inference profile id when the call was routed through one. Null only for an
    /// update not made by <see cref="BedrockClient"/>.
    /// </summary>
    public string? ModelId { get; init; }

    /// <summary>
    /// The call's AWS request id (<c>x-amzn-RequestId</c>), for support cases; null when the service sent none.
    /// </summary>
    public string? RequestId { get; init; }

    /// <summary>
    /// The <c>provider/id</c> reference of the model that answers, when the call went through a
    /// <see cref="BedrockFallbackChain"/> (<c>Bedrock.Models.Default</c> among them); else null.
    /// </summary>
    public string? ModelRef { get; init; }

    /// <summary>
    /// The models of a <see cref="BedrockFallbackChain"/> that failed (or were passed over) before <see cref="ModelRef"/>
    /// answered, in order; empty when the first model answered or there was no chain.
    /// </summary>
    public IReadOnlyList<FailoverAttempt> FailoverAttempts { get; init; } = [];
}

/// <summary>A fragment of text in content block <paramref name="Index"/>.</summary>
public sealed record TextDelta(int Index, string Text) : StreamUpdate;

/// <summary>
/// A fragment of reasoning in content block <paramref name="Index"/>: <see cref="Text"/>, the block's
/// <see cref="Signature"/>, or <see cref="RedactedContent"/> bytes (exactly one is set).
/// </summary>
public sealed record ReasoningDelta(int Index, string? Text, string? Signature, ReadOnlyMemory<byte>? RedactedContent) : StreamUpdate
{
    /// <summary>The delta with its signature masked: signatures are opaque tokens, never printed.</summary>
    public override string ToString()
        => $"ReasoningDelta {{ Index = {Index}, Text = {Text}, Signature = {(Signature is null ? "null" : "***")}, Redacted = {RedactedContent?.Length} }}";
}

/// <summary>The model starts a tool call in content block <paramref name="Index"/>.</summary>
public sealed record ToolUseStart(int Index, string ToolUseId, string Name) : StreamUpdate;

/// <summary>A raw fragment of the JSON input of the tool call in block <paramref name="Index"/>.</summary>
public sealed record ToolUseInputDelta(int Index, string JsonFragment) : StreamUpdate;

/// <summary>
/// The tool call in block <paramref name="Index"/> is complete. <see cref="Input"/> is the parsed input; when the
/// fragments do not parse, <see cref="Input"/> is undefined, <see cref="RawInput"/> holds the text and
/// <see cref="ParseError"/> says why.
/// </summary>
public sealed record ToolUseComplete(int Index, string ToolUseId, string Name, JsonElement Input, string RawInput, string? ParseError) : StreamUpdate
{
    /// <summary>True when the input parsed as JSON (<see cref="ParseError"/> is null).</summary>
    public bool IsValid => ParseError is null;
}

/// <summary>A citation attached to the text of block <paramref name="Index"/>.</summary>
public sealed record CitationDelta(int Index, Citation Citation) : StreamUpdate;

/// <summary><c>contentBlockStop</c>.</summary>
public sealed record ContentBlockStop(int Index) : StreamUpdate;

/// <summary><c>messageStop</c>: why the model stopped.</summary>
public sealed record MessageStop(StopReason StopReason, JsonElement? AdditionalModelResponseFields = null) : StreamUpdate;

/// <summary>Token usage from the <c>metadata</c> event, with the cost when the model's prices are declared.</summary>
public sealed record UsageUpdate(TokenUsage Usage) : StreamUpdate;

/// <summary>Server-side latency from the <c>metadata</c> event.</summary>
public sealed record MetricsUpdate(long LatencyMs) : StreamUpdate;

/// <summary>
/// The <c>trace</c> of the <c>metadata</c> event, sent when the request's guardrail has <c>trace</c> enabled: the
/// guardrail's assessments under <c>guardrail</c> (<c>inputAssessment</c>, <c>outputAssessments</c>, <c>modelOutput</c>),
/// as Bedrock wrote them.
/// </summary>
public sealed record TraceUpdate(JsonElement Trace) : StreamUpdate;
