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

/// <summary>
/// An image; <see cref="Format"/> is the wire name (<c>png</c>, <c>jpeg</c>, <c>gif</c>, <c>webp</c>). Sent inline
/// (<see cref="Bytes"/>), or read by Bedrock from S3 when <see cref="S3"/> is set (<see cref="FromS3"/>).
/// </summary>
public sealed record ImageBlock(string Format, ReadOnlyMemory<byte> Bytes) : ContentBlock
{
    /// <summary>An image Bedrock reads from <paramref name="uri"/> (<c>s3://bucket/key</c>); see <see cref="S3Location"/>.</summary>
    public static ImageBlock FromS3(string format, string uri, string? bucketOwner = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(format);
        return new ImageBlock(format, ReadOnlyMemory<byte>.Empty) { S3 = new S3Location(uri, bucketOwner) };
    }

    /// <summary>Where Bedrock reads the image from instead of <see cref="Bytes"/>; null sends the bytes.</summary>
    public S3Location? S3 { get; init; }

    /// <summary>The format and size (or S3 location); the bytes are not printed.</summary>
    public override string ToString() => S3 is { } s3
        ? $"ImageBlock {{ Format = {Format}, S3 = {s3.Uri} }}"
        : $"ImageBlock {{ Format = {Format}, Bytes = {Bytes.Length} bytes }}";
}

/// <summary>
/// A document; <see cref="Format"/> is the wire name (<c>pdf</c>, <c>csv</c>, <c>doc</c>, <c>docx</c>, <c>xls</c>,
/// <c>xlsx</c>, <c>html</c>, <c>txt</c>, <c>md</c>). Sent inline (<see cref="Bytes"/>), or read by Bedrock from S3 when
/// <see cref="S3"/> is set (<see cref="FromS3"/>).
/// </summary>
public sealed record DocumentBlock(string Format, string Name, ReadOnlyMemory<byte> Bytes) : ContentBlock
{
    /// <summary>A document Bedrock reads from <paramref name="uri"/> (<c>s3://bucket/key</c>); see <see cref="S3Location"/>.</summary>
    public static DocumentBlock FromS3(string format, string name, string uri, string? bucketOwner = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(format);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        return new DocumentBlock(format, name, ReadOnlyMemory<byte>.Empty) { S3 = new S3Location(uri, bucketOwner) };
    }

    /// <summary>Where Bedrock reads the document from instead of <see cref="Bytes"/>; null sends the bytes.</summary>
    public S3Location? S3 { get; init; }

    /// <summary>
    /// Asks the model to cite this document (<c>citations: {enabled: true}</c>): the answer then arrives as
    /// <see cref="CitationsBlock"/>s (<see cref="CitationDelta"/>s while streaming). Models that cite (Claude 3.5 Sonnet v2,
    /// 3.7 Sonnet, 4 and later) need it; others refuse the request.
    /// </summary>
    public bool CitationsEnabled { get; init; }

    /// <summary>The format, name and size (or S3 location); the bytes are not printed.</summary>
    public override string ToString() => S3 is { } s3
        ? $"DocumentBlock {{ Format = {Format}, Name = {Name}, S3 = {s3.Uri}, Citations = {CitationsEnabled} }}"
        : $"DocumentBlock {{ Format = {Format}, Name = {Name}, Bytes = {Bytes.Length} bytes, Citations = {CitationsEnabled} }}";
}

/// <summary>
/// A video, for models that understand video (Amazon Nova Lite and Pro, …); <see cref="Format"/> is the wire name
/// (<c>mkv</c>, <c>mov</c>, <c>mp4</c>, <c>webm</c>, <c>flv</c>, <c>mpeg</c>, <c>mpg</c>, <c>wmv</c>, <c>three_gp</c>).
/// Sent inline (<see cref="Bytes"/>; Bedrock caps inline video at 25 MB), or read by Bedrock from S3 (<see cref="FromS3"/>).
/// </summary>
public sealed record VideoBlock(string Format, ReadOnlyMemory<byte> Bytes) : ContentBlock
{
    /// <summary>A video Bedrock reads from <paramref name="uri"/> (<c>s3://bucket/key</c>); see <see cref="S3Location"/>.</summary>
    public static VideoBlock FromS3(string format, string uri, string? bucketOwner = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(format);
        return new VideoBlock(format, ReadOnlyMemory<byte>.Empty) { S3 = new S3Location(uri, bucketOwner) };
    }

    /// <summary>Where Bedrock reads the video from instead of <see cref="Bytes"/>; null sends the bytes.</summary>
    public S3Location? S3 { get; init; }

    /// <summary>The format and size (or S3 location); the bytes are not printed.</summary>
    public override string ToString() => S3 is { } s3
        ? $"VideoBlock {{ Format = {Format}, S3 = {s3.Uri} }}"
        : $"VideoBlock {{ Format = {Format}, Bytes = {Bytes.Length} bytes }}";
}

/// <summary>
/// An object in Amazon S3 that Bedrock reads itself (<c>s3Location</c>): <see cref="Uri"/> is <c>s3://bucket/key</c>,
/// <see cref="BucketOwner"/> the account id that owns the bucket when it is not the caller's. The caller's role needs
/// <c>s3:GetObject</c> on it; the bucket must be in the call's region.
/// </summary>
public sealed record S3Location
{
    /// <summary>Creates a location; throws <see cref="ArgumentException"/> unless <paramref name="uri"/> is an <c>s3://</c> URI with a bucket and key.</summary>
    public S3Location(string uri, string? bucketOwner = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(uri);
        if (!uri.StartsWith("s3://", StringComparison.Ordinal) || uri.IndexOf('/', "s3://".Length) is var slash && (slash <= "s3://".Length || slash == uri.Length - 1))
        {
            throw new ArgumentException($"'{uri}' is not an S3 object URI: write s3://bucket/key.", nameof(uri));
        }

        if (bucketOwner is not null && (bucketOwner.Length != 12 || !bucketOwner.All(char.IsAsciiDigit)))
        {
            throw new ArgumentException($"The bucket owner '{bucketOwner}' is not an AWS account id (12 digits).", nameof(bucketOwner));
        }

        Uri = uri;
        BucketOwner = bucketOwner;
    }

    /// <summary>The object: <c>s3://bucket/key</c>.</summary>
    public string Uri { get; }

    /// <summary>The account id that owns the bucket; null when it is the caller's.</summary>
    public string? BucketOwner { get; }
}

/// <summary>
/// Content a guardrail evaluates (<c>guardContent</c>): with a guardrail on the request, only these blocks of a user
/// turn are checked, the rest passes unchecked. Text may carry <see cref="Qualifiers"/> (<c>grounding_source</c>,
/// <c>query</c>, <c>guard_content</c>) for contextual grounding checks; an image is checked as given.
/// </summary>
public sealed record GuardContentBlock : ContentBlock
{
    private GuardContentBlock(string? text, IReadOnlyList<string> qualifiers, string? imageFormat, ReadOnlyMemory<byte>? imageBytes)
    {
        Text = text;
        Qualifiers = qualifiers;
        ImageFormat = imageFormat;
        ImageBytes = imageBytes;
    }

    /// <summary>Text for the guardrail to check, with its <paramref name="qualifiers"/> (none by default).</summary>
    public static GuardContentBlock FromText(string text, params IReadOnlyList<string> qualifiers)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(qualifiers);
        return new GuardContentBlock(text, [.. qualifiers], null, null);
    }

    /// <summary>An image (<c>png</c> or <c>jpeg</c>) for the guardrail to check.</summary>
    public static GuardContentBlock FromImage(string format, ReadOnlyMemory<byte> bytes)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(format);
        return new GuardContentBlock(null, [], format, bytes);
    }

    /// <summary>The text to check; null for an image.</summary>
    public string? Text { get; }

    /// <summary>How the text is used by contextual grounding checks; empty when none.</summary>
    public IReadOnlyList<string> Qualifiers { get; }

    /// <summary>The image's format; null for text.</summary>
    public string? ImageFormat { get; }

    /// <summary>The image; null for text.</summary>
    public ReadOnlyMemory<byte>? ImageBytes { get; }

    /// <summary>The text and qualifiers, or the image's format and size; the bytes are not printed.</summary>
    public override string ToString() => Text is not null
        ? $"GuardContentBlock {{ Text = {Text}, Qualifiers = [{string.Join(", ", Qualifiers)}] }}"
        : $"GuardContentBlock {{ ImageFormat = {ImageFormat}, Bytes = {ImageBytes?.Length} bytes }}";
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
