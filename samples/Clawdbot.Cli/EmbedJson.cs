using System.Text.Json.Serialization;

namespace Clawdbot.Cli;

// The lines `clawdbot embed` writes. Source-generated so the CLI publishes with Native AOT.

/// <summary>One text and its vector, as the service returned it.</summary>
internal sealed record EmbedLineJson(
    [property: JsonPropertyName("text")] string Text,
    [property: JsonPropertyName("embedding")] float[] Embedding);

/// <summary>The last line of <c>clawdbot embed --json</c>: what the calls used.</summary>
internal sealed record EmbedUsageLineJson(
    [property: JsonPropertyName("usage")] EmbedUsageJson Usage);

internal sealed record EmbedUsageJson(
    [property: JsonPropertyName("model")] string Model,
    [property: JsonPropertyName("inputTokens")] int InputTokens,
    [property: JsonPropertyName("dimensions")] int Dimensions,
    [property: JsonPropertyName("requestIds")] IReadOnlyList<string> RequestIds);

/// <summary>The last line of <c>clawdbot embed --json</c> when a call failed.</summary>
internal sealed record EmbedErrorLineJson(
    [property: JsonPropertyName("error")] EmbedErrorJson Error);

internal sealed record EmbedErrorJson(
    [property: JsonPropertyName("kind")] string Kind,
    [property: JsonPropertyName("message")] string Message);

[JsonSourceGenerationOptions(WriteIndented = false)]
[JsonSerializable(typeof(EmbedLineJson))]
[JsonSerializable(typeof(EmbedUsageLineJson))]
[JsonSerializable(typeof(EmbedErrorLineJson))]
internal sealed partial class EmbedJsonContext : JsonSerializerContext;
