namespace Clawdbot.Sdk;

/// <summary>How system inference profile ids relate to regions: <c>{geo}.{foundation model id}</c>.</summary>
internal static class InferenceProfileIds
{
    private static readonly string[] KnownGeoPrefixes = ["us-gov", "us", "eu", "apac", "jp", "au", "ca", "global"];

    /// <summary>
    /// Whether <paramref name="modelId"/> already names a profile (a geo-prefixed system profile id) or an ARN; such ids
    /// are invoked as given.
    /// </summary>
    public static bool IsProfileOrArn(string modelId)
    {
        ArgumentNullException.ThrowIfNull(modelId);
        if (modelId.StartsWith("arn:", StringComparison.Ordinal))
        {
            return true;
        }

        var dot = modelId.IndexOf('.');
        return dot > 0 && KnownGeoPrefixes.Contains(modelId[..dot], StringComparer.Ordinal);
    }

    /// <summary><paramref name="id"/> without its geo prefix (<c>us.amazon.nova-2-lite-v1:0</c> gives <c>amazon.nova-2-lite-v1:0</c>).</summary>
    public static string WithoutGeoPrefix(string id)
    {
        var dot = id.IndexOf('.');
        return dot > 0 && KnownGeoPrefixes.Contains(id[..dot], StringComparer.Ordinal) ? id[(dot + 1)..] : id;
    }

    /// <summary>Whether <paramref name="modelId"/> is an application inference profile's ARN, which does not name its model.</summary>
    public static bool IsApplicationProfileArn(string modelId)
        => modelId.StartsWith("arn:", StringComparison.Ordinal) && modelId.Contains(":application-inference-profile/", StringComparison.Ordinal);

    /// <summary>
    /// The geo prefixes of system profiles serving <paramref name="region"/>, most specific first, always ending with
    /// <c>global</c>: <c>us-east-1</c> gives <c>us, global</c>; <c>ap-northeast-1</c> gives <c>apac, jp, global</c>.
    /// </summary>
    public static IReadOnlyList<string> GeoPrefixesFor(string region)
    {
        ArgumentNullException.ThrowIfNull(region);
        string[] geos = region switch
        {
            _ when region.StartsWith("us-gov-", StringComparison.Ordinal) => ["us-gov"],
            _ when region.StartsWith("us-", StringComparison.Ordinal) => ["us"],
            _ when region.StartsWith("eu-", StringComparison.Ordinal) => ["eu"],
            _ when region.StartsWith("ca-", StringComparison.Ordinal) => ["ca", "us"],
            "ap-northeast-1" or "ap-northeast-3" => ["apac", "jp"],
            "ap-southeast-2" or "ap-southeast-4" => ["apac", "au"],
            _ when region.StartsWith("ap-", StringComparison.Ordinal) => ["apac"],
            _ => [],
        };
        return [.. geos, "global"];
    }

    /// <summary>
    /// The system profile ids that would serve the bare <paramref name="foundationModelId"/> from <paramref name="region"/>,
    /// in the order to try them; what an error suggests when discovery cannot tell which profiles exist.
    /// </summary>
    public static IReadOnlyList<string> CandidatesFor(string foundationModelId, string region)
        => GeoPrefixesFor(region).Select(geo => geo + "." + foundationModelId).ToArray();

    /// <summary>
    /// Whether <paramref name="failure"/> is Bedrock refusing on-demand invocation of the bare foundation model id
    /// <paramref name="invokedModelId"/>, which an inference profile would serve.
    /// </summary>
    public static bool IsOnDemandRefusal(BedrockException failure, string invokedModelId)
    {
        ArgumentNullException.ThrowIfNull(failure);
        ArgumentNullException.ThrowIfNull(invokedModelId);
        return failure.Kind == BedrockErrorKind.Validation
            && !IsProfileOrArn(invokedModelId)
            && failure.Message.Contains("on-demand throughput", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>The sentence that names the profile ids to use instead of <paramref name="foundationModelId"/>.</summary>
    public static string Advice(string foundationModelId, IReadOnlyList<string> profileIds, string reason)
        => $"Bedrock serves '{foundationModelId}' only through inference profiles ({reason}); use one of: {string.Join(", ", profileIds)}.";

    /// <summary>
    /// The foundation model id <paramref name="modelId"/> stands for without discovery: a bare id as it is, a system
    /// profile id (<c>us.anthropic.claude-…</c>) or a system profile's or foundation model's ARN by its name; null for an
    /// application inference profile's ARN, which does not name its model.
    /// </summary>
    public static string? FoundationModelIdOf(string modelId)
    {
        ArgumentNullException.ThrowIfNull(modelId);
        if (FoundationModelIdFromArn(modelId) is { } foundationModel)
        {
            return foundationModel;
        }

        const string ProfileMarker = ":inference-profile/";
        var at = modelId.IndexOf(ProfileMarker, StringComparison.Ordinal);
        if (at >= 0)
        {
            return WithoutGeoPrefix(modelId[(at + ProfileMarker.Length)..]);
        }

        return modelId.StartsWith("arn:", StringComparison.Ordinal) ? null : WithoutGeoPrefix(modelId);
    }

    /// <summary>The foundation model id at the end of a foundation-model ARN (<c>…:foundation-model/ID</c>), or null.</summary>
    internal static string? FoundationModelIdFromArn(string? arn)
    {
        const string Marker = ":foundation-model/";
        var at = arn?.IndexOf(Marker, StringComparison.Ordinal) ?? -1;
        return at < 0 ? null : arn![(at + Marker.Length)..];
    }
}
