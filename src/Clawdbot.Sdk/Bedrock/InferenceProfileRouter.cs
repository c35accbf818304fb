using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Clawdbot.Sdk;

/// <summary>
/// Routes bare foundation-model ids that Bedrock serves only through inference profiles; the seam
/// <see cref="CallPipeline"/> reroutes through. Injected into a client (see <see cref="BedrockClient"/>'s composition
/// in <c>BedrockClient.Create</c>), never reached through a static.
/// </summary>
internal interface IInferenceProfileRouter
{
    /// <summary>The id to invoke for <paramref name="modelId"/>: a profile learned earlier, else the id as given.</summary>
    string InvokedModelId(string modelId);

    /// <summary>
    /// The profile to send a refused call through instead, or <paramref name="failure"/> extended with the profile ids
    /// to use (thrown) when none can be found.
    /// </summary>
    Task<string> RouteAsync(string modelId, BedrockException failure, ClawdbotConfig discoveryConfig, CancellationToken cancellationToken);
}

/// <summary>
/// A client's routes for bare foundation-model ids that Bedrock serves only through inference profiles. When Bedrock
/// refuses such an id on demand, discovery over the client's control plane (<see cref="IBedrockControlPlane"/>, cached
/// in the client's <see cref="BedrockDiscoveryCache"/>, so concurrent refusals share one listing) names the system
/// profile of the client's region that contains it; the route is remembered, so later calls go straight through the
/// profile. It depends on the control plane only, not on the client, so nothing loops back.
/// </summary>
internal sealed class InferenceProfileRouter : IInferenceProfileRouter
{
    private readonly IBedrockControlPlane _controlPlane;
    private readonly BedrockDiscoveryCache _cache;
    private readonly ILogger? _logger;
    private readonly ConcurrentDictionary<string, string> _routes = new(StringComparer.Ordinal);

    public InferenceProfileRouter(IBedrockControlPlane controlPlane, BedrockDiscoveryCache cache, ILogger? logger = null)
    {
        _controlPlane = controlPlane;
        _cache = cache;
        _logger = logger;
    }

    public string InvokedModelId(string modelId) => _routes.TryGetValue(modelId, out var profile) ? profile : modelId;

    /// <summary>
    /// Whether the call failed, before anything arrived, because Bedrock serves the bare id
    /// <paramref name="invokedModelId"/> only through inference profiles (never true for a profile id or an ARN).
    /// </summary>
    public static bool NeedsProfile(BedrockException failure, string invokedModelId)
        => failure.PartialResult is null && InferenceProfileIds.IsOnDemandRefusal(failure, invokedModelId);

    /// <summary>
    /// The system profile of the control plane's region that serves <paramref name="modelId"/> (its geo prefix first,
    /// else <c>global.</c>), found by discovery under <paramref name="discoveryConfig"/>'s <c>models</c> settings and
    /// remembered. When discovery is off, fails or knows no profile, throws <paramref name="failure"/> extended with the
    /// profile ids to use instead.
    /// </summary>
    public async Task<string> RouteAsync(string modelId, BedrockException failure, ClawdbotConfig discoveryConfig, CancellationToken cancellationToken)
    {
        string reason;
        try
        {
            var options = new BedrockModelsOptions { Cache = _cache };
            var listing = await BedrockModels.ListAsync(discoveryConfig, _controlPlane, options, cancellationToken, _logger).ConfigureAwait(false);
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

        var candidates = InferenceProfileIds.CandidatesFor(modelId, _controlPlane.Region);
        throw new BedrockException(failure.Kind, failure.Message + " " + InferenceProfileIds.Advice(modelId, candidates, reason), failure)
        {
            StatusCode = failure.StatusCode,
            RequestId = failure.RequestId,
            ErrorCode = failure.ErrorCode,
            Attempts = failure.Attempts,
        };
    }
}
