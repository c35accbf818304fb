namespace Clawdbot.Sdk;

/// <summary>
/// Which system inference profiles serve each foundation model in one region, as ListFoundationModels and
/// ListInferenceProfiles report them; tells a bare id that cannot be invoked on demand which profile to go through.
/// </summary>
internal sealed class InferenceProfileRoutes
{
    private readonly Dictionary<string, IReadOnlyList<string>> _profilesByModel;
    private readonly HashSet<string> _profileOnly;

    internal InferenceProfileRoutes(string region, Dictionary<string, IReadOnlyList<string>> profilesByModel, HashSet<string> profileOnly)
    {
        Region = region;
        _profilesByModel = profilesByModel;
        _profileOnly = profileOnly;
    }

    /// <summary>Routes that know nothing: every id is invoked as given.</summary>
    public static InferenceProfileRoutes Empty(string region) => new(region, new(StringComparer.Ordinal), new(StringComparer.Ordinal));

    public string Region { get; }

    /// <summary>Whether the foundation model is served only through inference profiles (its bare id fails on demand).</summary>
    public bool RequiresProfile(string foundationModelId) => _profileOnly.Contains(foundationModelId);

    /// <summary>The system profiles containing the foundation model, in this region's preference order.</summary>
    public IReadOnlyList<string> ProfilesFor(string foundationModelId)
        => _profilesByModel.TryGetValue(foundationModelId, out var profiles) ? profiles : [];

    /// <summary>
    /// The id to invoke for <paramref name="modelId"/>: the region's preferred profile when the model is served only
    /// through profiles and one is known, else the id as given (explicit profile ids and ARNs always).
    /// </summary>
    public string Resolve(string modelId)
    {
        ArgumentNullException.ThrowIfNull(modelId);
        if (InferenceProfileIds.IsProfileOrArn(modelId) || !RequiresProfile(modelId))
        {
            return modelId;
        }

        var profiles = ProfilesFor(modelId);
        return profiles.Count > 0 ? profiles[0] : modelId;
    }

    internal static IReadOnlyList<string> OrderForRegion(IEnumerable<string> profileIds, string region)
    {
        var geos = InferenceProfileIds.GeoPrefixesFor(region).ToList();
        return profileIds
            .Distinct(StringComparer.Ordinal)
            .OrderBy(id =>
            {
                var dot = id.IndexOf('.');
                var index = dot > 0 ? geos.IndexOf(id[..dot]) : -1;
                return index < 0 ? int.MaxValue : index;
            })
            .ThenBy(id => id, StringComparer.Ordinal)
            .ToArray();
    }
}
