using System.Text.Json;
using System.Text.Json.Nodes;

namespace Clawdbot.Sdk.Wire;

// The REST-JSON shapes of the Converse API (camelCase as the Bedrock API reference), used for the request body
// and the Converse response. Unions are classes with one member set.

internal sealed class ConverseRequestWire
{
    public required List<MessageWire> Messages { get; init; }

    public List<SystemBlockWire>? System { get; init; }

    public InferenceConfigWire? InferenceConfig { get; init; }

    public ToolConfigWire? ToolConfig { get; init; }

    public GuardrailConfigWire? GuardrailConfig { get; init; }

    public JsonObject? AdditionalModelRequestFields { get; init; }

    public List<string>? AdditionalModelResponseFieldPaths { get; init; }

    public Dictionary<string, string>? RequestMetadata { get; init; }

    public PerformanceConfigWire? PerformanceConfig { get; init; }

    public ServiceTierWire? ServiceTier { get; init; }

    public OutputConfigWire? OutputConfig { get; init; }
}

internal sealed class MessageWire
{
    public required string Role { get; init; }

    public required List<ContentBlockWire> Content { get; init; }
}

internal sealed class ContentBlockWire
{
    public string? Text { get; init; }

    public ImageWire? Image { get; init; }

    public DocumentWire? Document { get; init; }

    public ToolUseWire? ToolUse { get; init; }

    public ToolResultWire? ToolResult { get; init; }

    public ReasoningContentWire? ReasoningContent { get; init; }

    public CachePointWire? CachePoint { get; init; }

    public CitationsContentWire? CitationsContent { get; init; }

    public VideoWire? Video { get; init; }

    public GuardContentWire? GuardContent { get; init; }
}

internal sealed class ImageWire
{
    public required string Format { get; init; }

    public required BytesSourceWire Source { get; init; }
}

internal sealed class DocumentWire
{
    public required string Format { get; init; }

    public required string Name { get; init; }

    public required BytesSourceWire Source { get; init; }

    public CitationsConfigWire? Citations { get; init; }
}

internal sealed class VideoWire
{
    public required string Format { get; init; }

    public required BytesSourceWire Source { get; init; }
}

// ImageSource, DocumentSource and VideoSource: a union of bytes and s3Location (documents also take text and content).
internal sealed class BytesSourceWire
{
    public byte[]? Bytes { get; init; }

    public S3LocationWire? S3Location { get; init; }
}

internal sealed class S3LocationWire
{
    public required string Uri { get; init; }

    public string? BucketOwner { get; init; }
}

internal sealed class CitationsConfigWire
{
    public bool Enabled { get; init; }
}

internal sealed class GuardContentWire
{
    public GuardContentTextWire? Text { get; init; }

    public ImageWire? Image { get; init; }
}

internal sealed class GuardContentTextWire
{
    public required string Text { get; init; }

    public List<string>? Qualifiers { get; init; }
}

internal sealed class ToolUseWire
{
    public required string ToolUseId { get; init; }

    public required string Name { get; init; }

    public JsonElement Input { get; init; }
}

internal sealed class ToolResultWire
{
    public required string ToolUseId { get; init; }

    public required List<ToolResultContentWire> Content { get; init; }

    public string? Status { get; init; }
}

internal sealed class ToolResultContentWire
{
    public string? Text { get; init; }

    public JsonElement? Json { get; init; }

    public ImageWire? Image { get; init; }
}

internal sealed class ReasoningContentWire
{
    public ReasoningTextWire? ReasoningText { get; init; }

    public byte[]? RedactedContent { get; init; }
}

internal sealed class ReasoningTextWire
{
    public required string Text { get; init; }

    public string? Signature { get; init; }
}

internal sealed class CachePointWire
{
    public string Type { get; init; } = "default";

    public string? Ttl { get; init; }
}

internal sealed class CitationsContentWire
{
    public List<CitationGeneratedContentWire>? Content { get; init; }

    public List<JsonElement>? Citations { get; init; }
}

internal sealed class CitationGeneratedContentWire
{
    public string? Text { get; init; }
}

internal sealed class SystemBlockWire
{
    public string? Text { get; init; }

    public CachePointWire? CachePoint { get; init; }
}

internal sealed class InferenceConfigWire
{
    public int? MaxTokens { get; init; }

    public float? Temperature { get; init; }

    public float? TopP { get; init; }

    public List<string>? StopSequences { get; init; }
}

internal sealed class ToolConfigWire
{
    public required List<ToolWire> Tools { get; init; }

    public ToolChoiceWire? ToolChoice { get; init; }
}

internal sealed class ToolWire
{
    public ToolSpecWire? ToolSpec { get; init; }

    public CachePointWire? CachePoint { get; init; }
}

internal sealed class ToolSpecWire
{
    public required string Name { get; init; }

    public string? Description { get; init; }

    public required ToolInputSchemaWire InputSchema { get; init; }

    public bool? Strict { get; init; }
}

internal sealed class ToolInputSchemaWire
{
    public required JsonNode Json { get; init; }
}

internal sealed class ToolChoiceWire
{
    public EmptyWire? Auto { get; init; }

    public EmptyWire? Any { get; init; }

    public ToolChoiceToolWire? Tool { get; init; }
}

internal sealed class EmptyWire
{
}

internal sealed class ToolChoiceToolWire
{
    public required string Name { get; init; }
}

internal sealed class GuardrailConfigWire
{
    public required string GuardrailIdentifier { get; init; }

    public required string GuardrailVersion { get; init; }

    public string? Trace { get; init; }

    public string? StreamProcessingMode { get; init; }
}

internal sealed class PerformanceConfigWire
{
    public required string Latency { get; init; }
}

internal sealed class ServiceTierWire
{
    public required string Type { get; init; }
}

internal sealed class OutputConfigWire
{
    public required OutputFormatWire TextFormat { get; init; }
}

internal sealed class OutputFormatWire
{
    public string Type { get; init; } = "json_schema";

    public required OutputFormatStructureWire Structure { get; init; }
}

internal sealed class OutputFormatStructureWire
{
    public required JsonSchemaDefinitionWire JsonSchema { get; init; }
}

internal sealed class JsonSchemaDefinitionWire
{
    // The schema travels as a JSON string, not an object: that is the API's shape.
    public required string Schema { get; init; }

    public string? Name { get; init; }

    public string? Description { get; init; }
}

internal sealed class ConverseResponseWire
{
    public ConverseOutputWire? Output { get; init; }

    public string? StopReason { get; init; }

    public UsageWire? Usage { get; init; }

    public MetricsWire? Metrics { get; init; }

    public JsonElement? AdditionalModelResponseFields { get; init; }

    public JsonElement? Trace { get; init; }
}

internal sealed class ConverseOutputWire
{
    public MessageWire? Message { get; init; }
}

internal sealed class UsageWire
{
    public int InputTokens { get; init; }

    public int OutputTokens { get; init; }

    public int TotalTokens { get; init; }

    public int CacheReadInputTokens { get; init; }

    public int CacheWriteInputTokens { get; init; }

    public List<CacheDetailWire>? CacheDetails { get; init; }
}

internal sealed class CacheDetailWire
{
    public int InputTokens { get; init; }

    public string? Ttl { get; init; }
}

internal sealed class MetricsWire
{
    public long LatencyMs { get; init; }
}

internal sealed class CountTokensRequestWire
{
    public required CountTokensInputWire Input { get; init; }
}

internal sealed class CountTokensInputWire
{
    public required ConverseTokensWire Converse { get; init; }
}

internal sealed class ConverseTokensWire
{
    public required List<MessageWire> Messages { get; init; }

    public List<SystemBlockWire>? System { get; init; }

    public ToolConfigWire? ToolConfig { get; init; }
}

internal sealed class CountTokensResponseWire
{
    public int? InputTokens { get; init; }
}

internal sealed class ErrorBodyWire
{
    public string? Message { get; init; }

    // Some services spell it with a capital M.
    [System.Text.Json.Serialization.JsonPropertyName("Message")]
    public string? MessageUpper { get; init; }

    [System.Text.Json.Serialization.JsonPropertyName("__type")]
    public string? Type { get; init; }
}
