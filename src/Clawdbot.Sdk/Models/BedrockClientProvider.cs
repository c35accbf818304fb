using System.Collections.Concurrent;

namespace Clawdbot.Sdk;

/// <summary>
/// Hands out one <see cref="BedrockClient"/> per declared provider, created from the declared config on first use
/// and reused afterwards (one HTTP handler per client), and remembers which inference profile serves a model that
/// Bedrock does not serve on demand. Tests and hosts replace a client with <see cref="Use"/>.
/// </summary>
public sealed class BedrockClientProvider
{
    private readonly ConcurrentDictionary<string, Lazy<BedrockClient>> _clients = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(string Provider, string ModelId), string> _profileRoutes = new();
    private readonly BedrockDiscoveryCache _discoveryCache = new();

    public BedrockClientProvider(ClawdbotConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        Config = config;
    }

    public ClawdbotConfig Config { get; }

    public BedrockClient GetClient(string providerId)
        => _clients.GetOrAdd(providerId, id => new Lazy<BedrockClient>(() => BedrockClient.FromConfig(Config, id))).Value;

    /// <summary>Routes every model of <paramref name="providerId"/> through <paramref name="client"/> from now on.</summary>
    public void Use(BedrockClient client, string providerId = "amazon-bedrock")
    {
        ArgumentNullException.ThrowIfNull(client);
        _clients[providerId] = new Lazy<BedrockClient>(client);
        foreach (var route in _profileRoutes.Keys.Where(k => k.Provider == providerId))
        {
            _profileRoutes.TryRemove(route, out _);
        }
    }

    /// <summary>The id to invoke for <paramref name="modelId"/>: a profile learned earlier, else the id itself.</summary>
    internal string InvokedModelId(string providerId, string modelId)
        => _profileRoutes.TryGetValue((providerId, modelId), out var profile) ? profile : modelId;

    /// <summary>Whether the call failed, before anything arrived, because the model needs an inference profile.</summary>
    internal static bool NeedsProfile(BedrockException failure, string invokedModelId)
        => failure.PartialResult is null && InferenceProfileIds.IsOnDemandRefusal(failure, invokedModelId);

    /// <summary>
    /// Finds, through discovery (cached), the system profile of the client's region that serves <paramref name="modelId"/>,
    /// and remembers it. When discovery is off, fails or knows no profile, throws a <see cref="BedrockException"/> that
    /// names the profile ids to use instead.
    /// </summary>
    internal async Task<string> RouteThroughProfileAsync(string providerId, string modelId, BedrockException failure, CancellationToken cancellationToken)
    {
        var client = GetClient(providerId);
        string? reason = null;
        try
        {
            var listing = await BedrockModels.ListAsync(Config, client, new BedrockModelsOptions { Cache = _discoveryCache }, cancellationToken).ConfigureAwait(false);
            if (listing.Routes?.ProfilesFor(modelId) is { Count: > 0 } profiles)
            {
                _profileRoutes[(providerId, modelId)] = profiles[0];
                return profiles[0];
            }

            reason = !listing.DiscoveryEnabled ? "discovery is off"
                : listing.DiscoveryError is { } error ? "discovery failed: " + error.Message
                : "discovery found no profile for it";
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            reason = "discovery failed: " + exception.Message;
        }

        var candidates = InferenceProfileIds.CandidatesFor(modelId, client.Region);
        throw new BedrockException(
            failure.Kind,
            failure.Message + " " + InferenceProfileIds.Advice(modelId, candidates, reason),
            failure)
        {
            StatusCode = failure.StatusCode,
            RequestId = failure.RequestId,
            ErrorCode = failure.ErrorCode,
            Attempts = failure.Attempts,
        };
    }
}
