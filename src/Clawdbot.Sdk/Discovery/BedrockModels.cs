using Microsoft.Extensions.Logging;

namespace Clawdbot.Sdk;

/// <summary>The models a config makes available: the declared ones merged with what Bedrock discovery finds.</summary>
public static class BedrockModels
{
    /// <summary>
    /// The provider discovery runs under and puts discovered models in: <c>amazon-bedrock</c> when declared, else the
    /// first declared Bedrock provider.
    /// </summary>
    public static string DiscoveryProviderId(ClawdbotConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        return ModelMerger.DiscoveryProviderId(config);
    }

    /// <summary>
    /// Lists the models of <paramref name="config"/>: the declared ones, merged with what discovery finds through
    /// <paramref name="client"/> (its region, endpoint and credentials) unless <c>models.mode</c> is <c>replace</c> or
    /// discovery is off. Discovery failures never throw: the declared models come back with
    /// <see cref="ModelListing.DiscoveryError"/> set, and the failure is logged once (event 1006) through the client's
    /// <see cref="BedrockClientOptions.LoggerFactory"/>. Results are cached in <see cref="BedrockModelsOptions.Cache"/>,
    /// else in the client's cache (<see cref="BedrockClientOptions.DiscoveryCache"/>, else the client's own).
    /// </summary>
    public static Task<ModelListing> ListAsync(ClawdbotConfig config, BedrockClient client, BedrockModelsOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(client);
        options ??= new BedrockModelsOptions();
        if (options.Cache is null)
        {
            options = options.WithCache(client.DiscoveryCache);
        }

        return ListAsync(
            config,
            new BedrockClientControlPlane(client.Transport),
            options,
            cancellationToken,
            client.Options.LoggerFactory?.CreateLogger(BedrockLog.Category),
            providerId => RegionOf(config, providerId, client.Options));
    }

    /// <summary>
    /// Like <see cref="ListAsync(ClawdbotConfig, BedrockClient, BedrockModelsOptions?, CancellationToken)"/> with a
    /// client created from the config's Bedrock provider (and disposed afterwards). Results outlive the call only in
    /// <see cref="BedrockModelsOptions.Cache"/>.
    /// </summary>
    public static async Task<ModelListing> ListAsync(ClawdbotConfig config, BedrockModelsOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(config);
        using var client = BedrockClient.FromConfig(config, ModelMerger.DiscoveryProviderId(config));
        return await ListAsync(config, client, options, cancellationToken).ConfigureAwait(false);
    }

    // providerRegion: the region a provider's client signs for (null when unknown). Routes learned in the control
    // plane's region reach another provider only when it is theirs; without it, only the discovery provider's.
    internal static async Task<ModelListing> ListAsync(
        ClawdbotConfig config,
        IBedrockControlPlane? controlPlane,
        BedrockModelsOptions? options,
        CancellationToken cancellationToken,
        ILogger? logger = null,
        Func<string, string?>? providerRegion = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        options ??= new BedrockModelsOptions();
        var discoveryProvider = ModelMerger.DiscoveryProviderId(config);
        var providerIds = config.Models.Providers.Select(static provider => provider.Id).Append(discoveryProvider).ToHashSet(StringComparer.Ordinal);

        var identity = config.Models.Mode == ModelsMode.Replace || controlPlane is null || config.Models.BedrockDiscovery?.Enabled == false
            ? null
            : await controlPlane.GetCredentialIdentityAsync(cancellationToken).ConfigureAwait(false);
        var enabled = config.Models.Mode != ModelsMode.Replace
                      && controlPlane is not null
                      && (config.Models.BedrockDiscovery?.Enabled ?? identity is not null);
        if (!enabled)
        {
            return new ModelListing(ModelMerger.Merge(config, [], discoveryProvider), discoveryProvider, false, null, null, config, providerIds, providerRegion);
        }

        var settings = DiscoverySettings.From(config.Models.BedrockDiscovery);
        var cache = options.Cache ?? new BedrockDiscoveryCache();
        var key = settings.CacheKey(controlPlane!.Region, controlPlane.Endpoint, identity);
        try
        {
            var discovered = await cache.GetAsync(
                key,
                settings.RefreshInterval,
                options.Timeout,
                options.Refresh,
                token => BedrockCatalogReader.ReadAsync(controlPlane, settings, token),
                cancellationToken).ConfigureAwait(false);
            return new ModelListing(ModelMerger.Merge(config, discovered.Models, discoveryProvider), discoveryProvider, true, null, discovered.Routes, config, providerIds, providerRegion);
        }
        catch (Exception exception) when (!(exception is OperationCanceledException && cancellationToken.IsCancellationRequested))
        {
            if (cache.ShouldReportFailure(key))
            {
                if (logger is not null)
                {
                    BedrockLog.DiscoveryFailed(logger, controlPlane.Region, ErrorKind(exception), exception.Message);
                }

                options.OnDiscoveryError?.Invoke(exception);
            }

            return new ModelListing(ModelMerger.Merge(config, [], discoveryProvider), discoveryProvider, true, exception, null, config, providerIds, providerRegion);
        }
    }

    private static string ErrorKind(Exception exception) => exception switch
    {
        BedrockException bedrock => bedrock.Kind.ToString(),
        TimeoutException => nameof(BedrockErrorKind.Timeout),
        _ => exception.GetType().Name,
    };

    // Worked out as the provider's client would be (with the discovery client's options), without creating one.
    private static string? RegionOf(ClawdbotConfig config, string providerId, BedrockClientOptions options)
    {
        try
        {
            return BedrockLocation.ForProvider(config, providerId, options).Region;
        }
        catch (Exception exception) when (exception is ArgumentException or InvalidOperationException)
        {
            return null;
        }
    }
}
