namespace Clawdbot.Sdk;

/// <summary>
/// The Bedrock control-plane calls discovery needs: two listings, one page per call, and one inference profile. The HTTP implementation signs
/// the calls through the runtime; tests substitute scripted pages.
/// </summary>
internal interface IBedrockControlPlane
{
    /// <summary>The region the listings describe (the one models are invoked in).</summary>
    string Region { get; }

    /// <summary>Where the listings come from: part of the cache key, so two endpoints never share a result.</summary>
    Uri Endpoint { get; }

    /// <summary>
    /// Who the calls run as, for cache keys (an access key id, never a secret), or <c>null</c> when no credentials
    /// resolve, for whatever reason: discovery left unset in the config then stays off. Throws only when cancelled.
    /// </summary>
    ValueTask<string?> GetCredentialIdentityAsync(CancellationToken cancellationToken);

    Task<FoundationModelsPage> ListFoundationModelsAsync(string? nextToken, CancellationToken cancellationToken);

    Task<InferenceProfilesPage> ListInferenceProfilesAsync(string? nextToken, CancellationToken cancellationToken);

    /// <summary><c>GetInferenceProfile</c>: the profile <paramref name="identifier"/> (an id or an ARN) and the models it routes to.</summary>
    Task<InferenceProfileSummary> GetInferenceProfileAsync(string identifier, CancellationToken cancellationToken);
}
