namespace Clawdbot.Sdk.Testing;

/// <summary>One foundation model as <c>GET /foundation-models</c> describes it.</summary>
public sealed record FoundationModelEntry
{
    public required string ModelId { get; init; }

    public required string ModelName { get; init; }

    public required string ProviderName { get; init; }

    /// <summary>Defaults to <c>arn:aws:bedrock:{region}::foundation-model/{ModelId}</c> of the emulator's region.</summary>
    public string? ModelArn { get; init; }

    public IReadOnlyList<string> InputModalities { get; init; } = ["TEXT"];

    public IReadOnlyList<string> OutputModalities { get; init; } = ["TEXT"];

    public bool ResponseStreamingSupported { get; init; } = true;

    public IReadOnlyList<string> CustomizationsSupported { get; init; } = [];

    /// <summary><c>ON_DEMAND</c>, <c>INFERENCE_PROFILE</c> and/or <c>PROVISIONED</c>.</summary>
    public IReadOnlyList<string> InferenceTypesSupported { get; init; } = ["ON_DEMAND"];

    /// <summary><c>ACTIVE</c> or <c>LEGACY</c>.</summary>
    public string LifecycleStatus { get; init; } = "ACTIVE";
}
