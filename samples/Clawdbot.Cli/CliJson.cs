using System.Text.Json.Serialization;

namespace Clawdbot.Cli;

// The shapes --json writes. Source-generated so the CLI publishes with Native AOT.

internal sealed record ModelsListJson(
    [property: JsonPropertyName("count")] int Count,
    [property: JsonPropertyName("models")] IReadOnlyList<ModelJson> Models);

internal sealed record ModelJson(
    [property: JsonPropertyName("key")] string Key,
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("input")] IReadOnlyList<string> Input,
    [property: JsonPropertyName("contextWindow")] int ContextWindow,
    [property: JsonPropertyName("maxTokens")] int MaxTokens,
    [property: JsonPropertyName("reasoning")] bool Reasoning,
    [property: JsonPropertyName("cost")] CostJson Cost,
    [property: JsonPropertyName("origin")] string Origin,
    [property: JsonPropertyName("tags")] IReadOnlyList<string> Tags);

internal sealed record CostJson(
    [property: JsonPropertyName("input")] decimal Input,
    [property: JsonPropertyName("output")] decimal Output,
    [property: JsonPropertyName("cacheRead")] decimal CacheRead,
    [property: JsonPropertyName("cacheWrite")] decimal CacheWrite);

/// <summary>One line of <c>clawdbot chat --json</c>; members that do not apply to the type are left out.</summary>
internal sealed class ChatLineJson
{
    [JsonPropertyName("type")]
    public required string Type { get; init; }

    [JsonPropertyName("text")]
    public string? Text { get; init; }

    [JsonPropertyName("id")]
    public string? Id { get; init; }

    [JsonPropertyName("name")]
    public string? Name { get; init; }

    [JsonPropertyName("input")]
    public System.Text.Json.JsonElement? Input { get; init; }

    [JsonPropertyName("stopReason")]
    public string? StopReason { get; init; }

    [JsonPropertyName("model")]
    public string? Model { get; init; }

    [JsonPropertyName("inputTokens")]
    public int? InputTokens { get; init; }

    [JsonPropertyName("outputTokens")]
    public int? OutputTokens { get; init; }

    [JsonPropertyName("cacheReadInputTokens")]
    public int? CacheReadInputTokens { get; init; }

    [JsonPropertyName("cacheWriteInputTokens")]
    public int? CacheWriteInputTokens { get; init; }

    [JsonPropertyName("totalTokens")]
    public int? TotalTokens { get; init; }

    [JsonPropertyName("cost")]
    public decimal? Cost { get; init; }

    [JsonPropertyName("kind")]
    public string? Kind { get; init; }

    [JsonPropertyName("message")]
    public string? Message { get; init; }
}

/// <summary>What <c>clawdbot tokens --json</c> writes.</summary>
internal sealed record TokensJson(
    [property: JsonPropertyName("inputTokens")] int InputTokens,
    [property: JsonPropertyName("model")] string Model,
    [property: JsonPropertyName("requestId")] string? RequestId);

[JsonSourceGenerationOptions(WriteIndented = false, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ModelsListJson))]
[JsonSerializable(typeof(ChatLineJson))]
[JsonSerializable(typeof(TokensJson))]
internal sealed partial class CliJsonContext : JsonSerializerContext;
