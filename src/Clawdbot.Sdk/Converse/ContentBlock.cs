using System.Text.Json;

namespace Clawdbot.Sdk;

/// <summary>
/// One block of a <see cref="Message"/>: a closed set mirroring the Bedrock Converse <c>ContentBlock</c> union.
/// </summary>
public abstract record ContentBlock
{
    private protected ContentBlock()
    {
    }
}

/// <summary>Plain text.</summary>
public sealed record TextBlock(string Text) : ContentBlock;

/// <summary>An image sent inline; <see cref="Format"/> is the wire name (<c>png</c>, <c>jpeg</c>, <c>gif</c>, <c>webp</c>).</summary>
public sealed record ImageBlock(string Format, ReadOnlyMemory<byte> Bytes) : ContentBlock
{
    /// <summary>The format and size; the bytes are not printed.</summary>
    public override string ToString() => $"ImageBlock {{ Format = {Format}, Bytes = {Bytes.Length} bytes }}";
}

/// <summary>A document sent inline; <see cref="Format"/> is the wire name (<c>pdf</c>, <c>csv</c>, <c>docx</c>, <c>txt</c>, <c>md</c>, …).</summary>
public sealed record DocumentBlock(string Format, string Name, ReadOnlyMemory<byte> Bytes) : ContentBlock
{
    /// <summary>The format, name and size; the bytes are not printed.</summary>
    public override string ToString() => $"DocumentBlock {{ Format = {Format}, Name = {Name}, Bytes = {Bytes.Length} bytes }}";
}

/// <summary>A tool call the model made; <see cref="Input"/> is the parsed JSON input.</summary>
public sealed record ToolUseBlock(string ToolUseId, string Name, JsonElement Input) : ContentBlock;

/// <summary>The caller's answer to a <see cref="ToolUseBlock"/>.</summary>
public sealed record ToolResultBlock(string ToolUseId, IReadOnlyList<ToolResultContent> Content, ToolResultStatus? Status = null) : ContentBlock
{
    /// <summary>
    /// A result of one text part for the call <paramref name="toolUseId"/>; <paramref name="status"/> null sends none
    /// (success).
    /// </summary>
    public static ToolResultBlock FromText(string toolUseId, string text, ToolResultStatus? status = null)
        => new(toolUseId, [new ToolResultContent.Text(text)], status);

    /// <summary>
    /// A result of one JSON part for the call <paramref name="toolUseId"/>; <paramref name="status"/> null sends none
    /// (success).
    /// </summary>
    public static ToolResultBlock FromJson(string toolUseId, JsonElement json, ToolResultStatus? status = null)
        => new(toolUseId, [new ToolResultContent.Json(json)], status);
}

/// <summary>Whether a tool call worked, as the caller reports it in a <see cref="ToolResultBlock"/>.</summary>
public enum ToolResultStatus
{
    /// <summary>The tool ran; the content is its output.</summary>
    Success,
    /// <summary>The tool failed; the content says why, and the model may try another way.</summary>
    Error,
}

/// <summary>One part of a tool result: text, JSON, or an image.</summary>
public abstract record ToolResultContent
{
    private ToolResultContent()
    {
    }

    /// <summary>A text part; <see cref="Value"/> is the text.</summary>
    public sealed record Text(string Value) : ToolResultContent;

    /// <summary>A JSON part; <see cref="Value"/> is sent as a JSON document.</summary>
    public sealed record Json(JsonElement Value) : ToolResultContent;

    /// <summary>
    /// An image part; <see cref="Format"/> is the wire name (<c>png</c>, <c>jpeg</c>, <c>gif</c>, <c>webp</c>) and <see
    /// cref="Bytes"/> the image.
    /// </summary>
    public sealed record Image(string Format, ReadOnlyMemory<byte> Bytes) : ToolResultContent
    {
        /// <summary>The format and size; the bytes are not printed.</summary>
        public override string ToString() => $"Image {{ Format = {Format}, Bytes = {Bytes.Length} bytes }}";
    }
}

/// <summary>
/// The model's reasoning: either readable <see cref="Text"/> with its <see cref="Signature"/>, or opaque
/// <see cref="RedactedContent"/>. Both must be sent back unchanged in later turns, so they are kept byte-exact.
/// </summary>
public sealed record ReasoningBlock : ContentBlock
{
    /// <summary>
    /// Readable reasoning <paramref name="text"/> with the <paramref name="signature"/> that proves it came from the
    /// model (null when none was sent).
    /// </summary>
    public ReasoningBlock(string text, string? signature)
    {
        ArgumentNullException.ThrowIfNull(text);
        Text = text;
        Signature = signature;
    }

    /// <summary>Reasoning the service encrypted (<c>redactedContent</c>): opaque bytes to send back unchanged.</summary>
    public ReasoningBlock(ReadOnlyMemory<byte> redactedContent) => RedactedContent = redactedContent;

    /// <summary>The reasoning text; null for redacted reasoning.</summary>
    public string? Text { get; }

    /// <summary>
    /// The opaque signature that must accompany <see cref="Text"/> when it is sent back; null when the model sent none
    /// or the reasoning is redacted.
    /// </summary>
    public string? Signature { get; }

    /// <summary>The encrypted reasoning; null for readable reasoning.</summary>
    public ReadOnlyMemory<byte>? RedactedContent { get; }

    /// <summary>True when the reasoning is encrypted (<see cref="RedactedContent"/>) rather than readable.</summary>
    public bool IsRedacted => RedactedContent is not null;

    // The signature is an opaque token: it is not printed.
    /// <summary>The text, or the size of redacted content; the signature is never printed.</summary>
    public override string ToString() => IsRedacted
        ? $"ReasoningBlock {{ Redacted = {RedactedContent!.Value.Length} bytes }}"
        : $"ReasoningBlock {{ Text = {Text}, Signed = {Signature is not null} }}";

    /// <summary>True when <paramref name="other"/> holds the same text and signature, or the same redacted bytes.</summary>
    public bool Equals(ReasoningBlock? other) => other is not null
        && string.Equals(Text, other.Text, StringComparison.Ordinal)
        && string.Equals(Signature, other.Signature, StringComparison.Ordinal)
        && RedactedContent.HasValue == other.RedactedContent.HasValue
        && (!RedactedContent.HasValue || RedactedContent.Value.Span.SequenceEqual(other.RedactedContent!.Value.Span));

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Text, Signature, RedactedContent?.Length);
}

/// <summary>A prompt-cache checkpoint: everything before it may be cached.</summary>
public sealed record CachePointBlock : ContentBlock
{
    /// <summary>The checkpoint with no TTL (<c>cachePoint: { type: "default" }</c>): Bedrock keeps it five minutes.</summary>
    public static CachePointBlock Default { get; } = new();

    /// <summary>A checkpoint that lives for <paramref name="ttl"/> (<c>cachePoint: { type: "default", ttl: "1h" }</c>).</summary>
    public static CachePointBlock For(CacheTtl ttl) => new() { Ttl = ttl };

    /// <summary>How long the cached prefix lives; null sends no <c>ttl</c> (five minutes).</summary>
    public CacheTtl? Ttl { get; init; }
}

/// <summary>Text the model generated with the sources it cites (from <c>citation</c> stream deltas).</summary>
public sealed record CitationsBlock(string Text, IReadOnlyList<Citation> Citations) : ContentBlock;

/// <summary>A citation: its title and the source text it points at, plus the raw JSON for anything else.</summary>
public sealed record Citation(string? Title, IReadOnlyList<string> SourceTexts, JsonElement Raw);
