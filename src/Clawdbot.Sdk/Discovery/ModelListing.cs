namespace Clawdbot.Sdk;

/// <summary>
/// The declared models merged with the discovered ones, sorted by name then id, with the outcome of discovery.
/// Discovery never hides a declared model: when it fails, the declared ones are here and <see cref="DiscoveryError"/>
/// says why nothing was added.
/// </summary>
public sealed class ModelListing
{
    private readonly ClawdbotConfig _config;
    private readonly IReadOnlyDictionary<string, string> _aliases;
    private readonly Func<string, string?>? _providerRegion;

    internal ModelListing(
        IReadOnlyList<ModelEntry> models,
        string discoveryProviderId,
        bool discoveryEnabled,
        Exception? discoveryError,
        InferenceProfileRoutes? routes,
        ClawdbotConfig config,
        IReadOnlyCollection<string> providerIds,
        Func<string, string?>? providerRegion = null)
    {
        _config = config;
        var aliases = ModelReference.Aliases(config.AgentDefaults);
        Models = models;
        DiscoveryProviderId = discoveryProviderId;
        DiscoveryEnabled = discoveryEnabled;
        DiscoveryError = discoveryError;
        Routes = routes;
        _aliases = aliases;
        ProviderIds = providerIds;
        _providerRegion = providerRegion;
    }

    /// <summary>
    /// Every model, declared and discovered, each <c>provider/id</c> once: declared providers in file order, then
    /// discovered models by name.
    /// </summary>
    public IReadOnlyList<ModelEntry> Models { get; }

    /// <summary>The provider discovered models are listed under (<c>amazon-bedrock</c> unless the config declares another Bedrock provider).</summary>
    public string DiscoveryProviderId { get; }

    /// <summary>Whether discovery ran (enabled in the config, or left unset with credentials available, and not <c>mode: "replace"</c>).</summary>
    public bool DiscoveryEnabled { get; }

    /// <summary>Why discovery added nothing this time, or null.</summary>
    public Exception? DiscoveryError { get; }

    /// <summary>The inference-profile routes discovery learned, or null when it did not run or failed.</summary>
    internal InferenceProfileRoutes? Routes { get; }

    /// <summary>Every provider a reference may name: the declared ones and the discovery provider.</summary>
    public IReadOnlyCollection<string> ProviderIds { get; }

    /// <summary>How many listed models discovery contributed that the config does not declare.</summary>
    public int DiscoveredCount => Models.Count(static model => model.Origin == ModelOrigin.Discovered);

    /// <summary>
    /// Looks a listed model up by an alias of <c>agents.defaults.models</c>, a <c>provider/id</c> key, an ARN (matched
    /// whole or by the profile or model id it ends with) or a bare id (the listed model with that id, a declared one
    /// first); null when none is listed. A search of the listing: what a reference invokes is <see cref="Resolve"/>'s.
    /// </summary>
    public ModelEntry? Find(string reference)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reference);
        var parsed = Split(Unalias(reference));
        if (parsed.Provider is not null)
        {
            return Models.FirstOrDefault(model => model.ProviderId == parsed.Provider && model.Id == parsed.ModelId);
        }

        if (parsed.ModelId.StartsWith("arn:", StringComparison.Ordinal))
        {
            var resourceId = parsed.ModelId[(parsed.ModelId.LastIndexOf('/') + 1)..];
            return Models.FirstOrDefault(model => model.Id == parsed.ModelId)
                   ?? Models.FirstOrDefault(model => model.Id == resourceId);
        }

        return Models.FirstOrDefault(model => model.Id == parsed.ModelId && model.Origin != ModelOrigin.Discovered)
               ?? Models.FirstOrDefault(model => model.Id == parsed.ModelId);
    }

    /// <summary>
    /// What to invoke for <paramref name="reference"/>, read by the one rule of <see cref="ModelReference"/> (an alias,
    /// an ARN of the Bedrock provider, <c>provider/id</c>, else <c>anthropic/&lt;id&gt;</c>: a bare id that is no alias
    /// is not taken for a Bedrock id), as <c>Bedrock.Models.Default</c>, hosting and the CLI read it. A listed model is
    /// used with its definition; any other id of a known provider is accepted as Clawdbot accepts it, without one; a
    /// bare foundation-model id that Bedrock serves only through inference profiles is routed through the region's
    /// system profile, when the provider signs for the region discovery ran in. Null when the provider is unknown (or
    /// the text is no reference).
    /// </summary>
    public ModelTarget? Resolve(string reference)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reference);
        if (!ModelReference.TryResolve(_config, reference.Trim(), out var requested))
        {
            return null;
        }

        var isArn = requested.ModelId.StartsWith("arn:", StringComparison.Ordinal);
        var entry = isArn
            ? Find(requested.ModelId)
            : Models.FirstOrDefault(model => model.ProviderId == requested.Provider && model.Id == requested.ModelId);
        var providerId = entry?.ProviderId ?? requested.Provider;
        if (entry is null && !ProviderIds.Contains(providerId))
        {
            return null;
        }

        // An ARN is invoked as written even when it names a listed profile.
        var modelId = isArn ? requested.ModelId : entry?.Id ?? requested.ModelId;
        var invoked = RoutesFor(providerId)?.Resolve(modelId) ?? modelId;
        return new ModelTarget(providerId, modelId, invoked, entry);
    }

    // Profiles are regional: the routes hold for the provider discovery ran under and any other signing for its region.
    private InferenceProfileRoutes? RoutesFor(string providerId)
        => Routes is { } routes && (providerId == DiscoveryProviderId || _providerRegion?.Invoke(providerId) == routes.Region) ? routes : null;

    private string Unalias(string reference)
    {
        var text = reference.Trim();
        return _aliases.TryGetValue(text, out var aliased) ? aliased : text;
    }

    // For the search only: a bare id is looked up among the listed models, and an ARN keeps its own slashes.
    private static (string? Provider, string ModelId) Split(string text)
    {
        if (text.StartsWith("arn:", StringComparison.Ordinal))
        {
            return (null, text);
        }

        var slash = text.IndexOf('/');
        return slash > 0 && slash < text.Length - 1 ? (text[..slash], text[(slash + 1)..]) : (null, text);
    }
}

/// <summary>What a reference resolved to: the provider, the id as requested and the id actually invoked.</summary>
/// <param name="ProviderId">The provider whose client makes the call.</param>
/// <param name="ModelId">The model id as requested (after alias resolution).</param>
/// <param name="InvokedModelId">The inference profile id when the call is routed through one, else <paramref name="ModelId"/>.</param>
/// <param name="Entry">The listed model, or null for an undeclared id of a known provider.</param>
public sealed record ModelTarget(string ProviderId, string ModelId, string InvokedModelId, ModelEntry? Entry)
{
    /// <summary>Whether the call goes through an inference profile chosen by routing.</summary>
    public bool IsRoutedThroughProfile => !string.Equals(ModelId, InvokedModelId, StringComparison.Ordinal);
}
