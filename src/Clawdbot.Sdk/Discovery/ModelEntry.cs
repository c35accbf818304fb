namespace Clawdbot.Sdk;

/// <summary>One model of a <see cref="ModelListing"/>: its provider, merged definition, origin and tags.</summary>
public sealed record ModelEntry
{
    /// <summary>The provider the model is listed under, for example <c>amazon-bedrock</c>.</summary>
    public required string ProviderId { get; init; }

    /// <summary>The model's definition: the declared fields win over what discovery found.</summary>
    public required ModelDefinition Definition { get; init; }

    /// <summary>Whether the model was declared, discovered, or both.</summary>
    public required ModelOrigin Origin { get; init; }

    /// <summary>
    /// What the agent defaults say about the model: <c>default</c>, <c>fallback</c>, <c>configured</c> (listed in
    /// <c>agents.defaults.models</c>) and <c>alias:NAME</c> for each alias.
    /// </summary>
    public IReadOnlyList<string> Tags { get; init; } = [];

    /// <summary>The model id (<see cref="ModelDefinition.Id"/>).</summary>
    public string Id => Definition.Id;

    /// <summary>The display name (<see cref="ModelDefinition.Name"/>).</summary>
    public string Name => Definition.Name;

    /// <summary>The full <c>provider/id</c> reference.</summary>
    public string Key => ProviderId + "/" + Definition.Id;

    /// <summary>Whether the agent defaults name the model (default, fallback or a <c>agents.defaults.models</c> entry).</summary>
    public bool IsConfigured => Tags.Count > 0;
}
