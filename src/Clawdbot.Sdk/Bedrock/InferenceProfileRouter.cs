using System.Collections.Concurrent;

namespace Clawdbot.Sdk;

/// <summary>
/// A client's routes for bare foundation-model ids that Bedrock serves only through inference profiles. When Bedrock
/// refuses such an id on demand, discovery (the client's own control plane, cached with discovery's cache, so
/// concurrent refusals share one listing) names the system profile of the client's region that contains it; the
/// route is remembered, so later calls go straight through the profile.
/// </summary>
internal sealed class InferenceProfileRouter
{
    private readonly BedrockClient _client;
    private readonly ConcurrentDictionary<string, string> _routes = new(StringComparer.Ordinal);

    public InferenceProfileRouter(BedrockClient client) => _client = client;

    /// <summary>The id to invoke for <paramref name="modelId"/>: a profile learned earlier, else the id as given.</summary>
    public string InvokedModelId(string modelId) => _routes.TryGetValue(modelId, out var profile) ? profile : modelId;

    /// <summary>
    /// Whether the call failed, before anything arrived, because Bedrock serves the bare id
    /// <paramref name="invokedModelId"/> only through inference profiles (never true for a profile id or an ARN).
    /// </summary>
    public static bool NeedsProfile(BedrockException failure, string invokedModelId)
        => failure.PartialResult is null && InferenceProfileIds.IsOnDemandRefusal(failure, invokedModelId);

    /// <summary>
    /// The system profile of the client's region that serves <paramref name="modelId"/> (its geo prefix first, else
    /// <c>global.</c>), found by discovery under <paramref name="discoveryConfig"/>'s <c>models</c> settings and
    /// remembered. When discovery is off, fails or knows no profile, throws <paramref name="failure"/> extended with the
    /// profile ids to use instead.
    /// </summary>
    public async Task<string> RouteAsync(string modelId, BedrockException failure, ClawdbotConfig discoveryConfig, CancellationToken cancellationToken)
    {
        string reason;
        try
        {
            var options = new BedrockModelsOptions { Cache = _client.OptionsInternal.DiscoveryCache };
            var listing = await BedrockModels.ListAsync(discoveryConfig, _client, options, cancellationToken).ConfigureAwait(false);
            if (listing.Routes?.ProfilesFor(modelId) is { Count: > 0 } profiles)
            {
                return _routes.GetOrAdd(modelId, profiles[0]);
            }

            reason = !listing.DiscoveryEnabled ? "discovery is off"
                : listing.DiscoveryError is { } error ? "discovery failed: " + error.Message
                : "discovery found no profile for it";
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            reason = "discovery failed: " + exception.Message;
        }

        var candidates = InferenceProfileIds.CandidatesFor(modelId, _client.Region);
        throw new BedrockException(failure.Kind, failure.Message + " " + InferenceProfileIds.Advice(modelId, candidates, reason), failure)
        {
            StatusCode = failure.StatusCode,
            RequestId = failure.RequestId,
            ErrorCode = failure.ErrorCode,
            Attempts = failure.Attempts,
        };
    }
}
