using System.Text.Json.Serialization;

namespace Clawdbot.Sdk.Wire;

/// <summary>Source-generated (AOT-safe) serialization of the Converse wire shapes.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    PropertyNameCaseInsensitive = false)]
[JsonSerializable(typeof(ConverseRequestWire))]
[JsonSerializable(typeof(ConverseResponseWire))]
[JsonSerializable(typeof(ErrorBodyWire))]
[JsonSerializable(typeof(CountTokensRequestWire))]
[JsonSerializable(typeof(CountTokensResponseWire))]
[JsonSerializable(typeof(System.Text.Json.JsonElement))]
internal sealed partial class ConverseJsonContext : JsonSerializerContext;
