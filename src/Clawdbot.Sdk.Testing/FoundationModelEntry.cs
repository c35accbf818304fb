namespace Clawdbot.Sdk.Testing;

/// <summary>One foundation model as <c>GET /foundation-models</c> describes it.</summary>
public sealed record FoundationModelEntry
{
    /// <summary>The model id clients invoke, for example <c>anthropic.claude-3-7-sonnet-20250219-v1:0</c>.</summary>
    public required string ModelId { get; init; }

    /// <summary>The display name Bedrock lists, for example <c>Claude 3.7 Sonnet</c>.</summary>
    public required string ModelName { get; init; }

    /// <summary>
    /// The vendor as Bedrock names it (<c>Anthropic</c>, <c>Amazon</c>, <c>Meta</c>, …); discovery filters on it.
    /// </summary>
    public required string ProviderName { get; init; }

    /// <summary>Defaults to <c>arn:aws:bedrock:{region}::foundation-model/{ModelId}</c> of the emulator's region.</summary>
    public string? ModelArn { get; init; }

    /// <summary>What the model accepts: <c>TEXT</c>, <c>IMAGE</c>, <c>EMBEDDING</c>… Default: <c>TEXT</c> only.</summary>
    public IReadOnlyList<string> InputModalities { get; init; } = ["TEXT"];

    /// <summary>What the model produces: <c>TEXT</c>, <c>IMAGE</c> or <c>EMBEDDING</c>. Default: <c>TEXT</c> only.</summary>
    public IReadOnlyList<string> OutputModalities { get; init; } = ["TEXT"];

    /// <summary>
    /// Whether the model can answer through <c>ConverseStream</c>; discovery leaves out models that cannot. Default:
    /// true.
    /// </summary>
    public bool ResponseStreamingSupported { get; init; } = true;

    /// <summary>The customisations Bedrock offers for the model (<c>FINE_TUNING</c>, …). Default: none.</summary>
    public IReadOnlyList<string> CustomizationsSupported { get; init; } = [];

    /// <summary><c>ON_DEMAND</c>, <c>INFERENCE_PROFILE</c> and/or <c>PROVISIONED</c>.</summary>
    public IReadOnlyList<string> InferenceTypesSupported { get; init; } = ["ON_DEMAND"];

    /// <summary><c>ACTIVE</c> or <c>LEGACY</c>.</summary>
    public string LifecycleStatus { get; init; } = "ACTIVE";
}
