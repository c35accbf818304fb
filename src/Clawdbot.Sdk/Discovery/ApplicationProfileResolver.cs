using Microsoft.Extensions.Logging;

namespace Clawdbot.Sdk;

/// <summary>
/// The foundation model behind an application inference profile's ARN, which does not name it, so that its family's
/// reasoning style and drop rules apply; the call still invokes the ARN. Found with <c>GetInferenceProfile</c> over
/// the client's control plane and kept in the client's (or host's) <see cref="BedrockDiscoveryCache"/> for discovery's
/// refresh interval. A profile that cannot be resolved (access denied, not found, no answer) is logged once and the
/// request goes as it is.
/// </summary>
internal sealed class ApplicationProfileResolver
{
    private readonly IBedrockControlPlane _controlPlane;
    private readonly BedrockDiscoveryCache _cache;
    private readonly ILogger? _logger;

    public ApplicationProfileResolver(IBedrockControlPlane controlPlane, BedrockDiscoveryCache cache, ILogger? logger = null)
    {
        _controlPlane = controlPlane;
        _cache = cache;
        _logger = logger;
    }

    /// <summary>Discovery's own bound on one control-plane load.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// The foundation model id behind <paramref name="modelId"/> when it is an application inference profile's ARN;
    /// null for any other id and for a profile that could not be resolved.
    /// </summary>
    public async ValueTask<string?> FoundationModelIdAsync(string modelId, ClawdbotConfig discoveryConfig, CancellationToken cancellationToken)
    {
        if (!InferenceProfileIds.IsApplicationProfileArn(modelId))
        {
            return null;
        }

        var settings = DiscoverySettings.From(discoveryConfig.Models.BedrockDiscovery);
        var identity = await _controlPlane.GetCredentialIdentityAsync(cancellationToken).ConfigureAwait(false);
        var key = string.Join('\u001f', "application-profile", _controlPlane.Endpoint.AbsoluteUri, modelId, identity ?? "");
        try
        {
            var resolved = await _cache.GetAsync(key, settings.RefreshInterval, Timeout, refresh: false, token => LoadAsync(modelId, token), cancellationToken).ConfigureAwait(false);
            return resolved ?? Unresolved(key, modelId, "the profile names no foundation model");
        }
        catch (Exception exception) when (!(exception is OperationCanceledException && cancellationToken.IsCancellationRequested))
        {
            return Unresolved(key, modelId, exception.Message);
        }
    }

    // A profile made from a system profile lists the same model once per region; any of them names the family.
    private async Task<string?> LoadAsync(string arn, CancellationToken cancellationToken)
    {
        var profile = await _controlPlane.GetInferenceProfileAsync(arn, cancellationToken).ConfigureAwait(false);
        return profile.Models?.Select(static model => InferenceProfileIds.FoundationModelIdFromArn(model.ModelArn)).FirstOrDefault(static id => id is not null);
    }

    private string? Unresolved(string key, string arn, string reason)
    {
        if (_logger is not null && _cache.ShouldReportFailure(key))
        {
            BedrockLog.ApplicationProfileUnresolved(_logger, arn, reason);
        }

        return null;
    }
}
