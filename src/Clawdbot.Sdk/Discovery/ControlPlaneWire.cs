using System.Text.Json.Serialization;

namespace Clawdbot.Sdk;

// The control-plane responses as Bedrock writes them (ListFoundationModels, ListInferenceProfiles, GetInferenceProfile,
// whose document has the members of a profile summary);
// only the members discovery reads are declared, the rest of each document is skipped.

internal sealed class FoundationModelsPage
{
    [JsonPropertyName("modelSummaries")]
    public List<FoundationModelSummary>? ModelSummaries { get; set; }

    [JsonPropertyName("nextToken")]
    public string? NextToken { get; set; }
}

internal sealed class FoundationModelSummary
{
    [JsonPropertyName("modelId")]
    public string? ModelId { get; set; }

    [JsonPropertyName("modelArn")]
    public string? ModelArn { get; set; }

    [JsonPropertyName("modelName")]
    public string? ModelName { get; set; }

    [JsonPropertyName("providerName")]
    public string? ProviderName { get; set; }

    [JsonPropertyName("inputModalities")]
    public List<string>? InputModalities { get; set; }

    [JsonPropertyName("outputModalities")]
    public List<string>? OutputModalities { get; set; }

    [JsonPropertyName("responseStreamingSupported")]
    public bool? ResponseStreamingSupported { get; set; }

    [JsonPropertyName("inferenceTypesSupported")]
    public List<string>? InferenceTypesSupported { get; set; }

    [JsonPropertyName("modelLifecycle")]
    public FoundationModelLifecycle? ModelLifecycle { get; set; }
}

internal sealed class FoundationModelLifecycle
{
    [JsonPropertyName("status")]
    public string? Status { get; set; }
}

internal sealed class InferenceProfilesPage
{
    [JsonPropertyName("inferenceProfileSummaries")]
    public List<InferenceProfileSummary>? InferenceProfileSummaries { get; set; }

    [JsonPropertyName("nextToken")]
    public string? NextToken { get; set; }
}

internal sealed class InferenceProfileSummary
{
    [JsonPropertyName("inferenceProfileId")]
    public string? InferenceProfileId { get; set; }

    [JsonPropertyName("inferenceProfileName")]
    public string? InferenceProfileName { get; set; }

    [JsonPropertyName("inferenceProfileArn")]
    public string? InferenceProfileArn { get; set; }

    [JsonPropertyName("status")]
    public string? Status { get; set; }

    [JsonPropertyName("type")]
    public string? Type { get; set; }

    [JsonPropertyName("models")]
    public List<InferenceProfileModel>? Models { get; set; }
}

internal sealed class InferenceProfileModel
{
    [JsonPropertyName("modelArn")]
    public string? ModelArn { get; set; }
}

internal sealed class ControlPlaneError
{
    [JsonPropertyName("message")]
    public string? Message { get; set; }

    [JsonPropertyName("Message")]
    public string? MessageUpper { get; set; }

    [JsonPropertyName("__type")]
    public string? Type { get; set; }
}

[JsonSourceGenerationOptions(PropertyNameCaseInsensitive = false)]
[JsonSerializable(typeof(FoundationModelsPage))]
[JsonSerializable(typeof(InferenceProfilesPage))]
[JsonSerializable(typeof(InferenceProfileSummary))]
[JsonSerializable(typeof(ControlPlaneError))]
internal sealed partial class ControlPlaneJsonContext : JsonSerializerContext;
