namespace Clawdbot.Sdk;

/// <summary>The models a config makes available: the declared ones merged with what Bedrock discovery finds.</summary>
public static class BedrockModels
{
    internal static async Task<ModelListing> ListAsync(
        ClawdbotConfig config,
        IBedrockControlPlane? controlPlane,
        BedrockModelsOptions? options,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(config);
        options ??= new BedrockModelsOptions();
        var discoveryProvider = ModelMerger.DiscoveryProviderId(config);
        var aliases = ModelMerger.AliasTable(config.AgentDefaults);
        var providerIds = config.Models.Providers.Select(static provider => provider.Id).Append(discoveryProvider).ToHashSet(StringComparer.Ordinal);

        var enabled = config.Models.Mode != ModelsMode.Replace
                      && controlPlane is not null
                      && (config.Models.BedrockDiscovery?.Enabled ?? controlPlane.CredentialIdentity is not null);
        if (!enabled)
        {
            return new ModelListing(ModelMerger.Merge(config, [], discoveryProvider), discoveryProvider, false, null, null, aliases, providerIds);
        }

        var settings = DiscoverySettings.From(config.Models.BedrockDiscovery);
        var cache = options.Cache ?? BedrockDiscoveryCache.Shared;
        var key = settings.CacheKey(controlPlane!.Region, controlPlane.CredentialIdentity);
        try
        {
            var discovered = await cache.GetAsync(
                key,
                settings.RefreshInterval,
                options.Timeout,
                options.Refresh,
                token => BedrockCatalogReader.ReadAsync(controlPlane, settings, token),
                cancellationToken).ConfigureAwait(false);
            return new ModelListing(ModelMerger.Merge(config, discovered.Models, discoveryProvider), discoveryProvider, true, null, discovered.Routes, aliases, providerIds);
        }
        catch (Exception exception) when (!(exception is OperationCanceledException && cancellationToken.IsCancellationRequested))
        {
            if (cache.ShouldReportFailure(key))
            {
                options.OnDiscoveryError?.Invoke(exception);
            }

            return new ModelListing(ModelMerger.Merge(config, [], discoveryProvider), discoveryProvider, true, exception, null, aliases, providerIds);
        }
    }
}
