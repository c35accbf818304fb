using Clawdbot.Sdk;

namespace Clawdbot.Cli;

/// <summary>What <c>--model</c> (or agents.defaults.model.primary) names for the commands that call one Bedrock model.</summary>
internal static class ModelTargets
{
    /// <summary>
    /// The model <paramref name="reference"/> names among the declared and discovered models (by the one reference
    /// rule, <c>ModelReference</c>, as <see cref="ModelListing.Resolve"/> applies it), on an Amazon Bedrock provider;
    /// else null, and the reason is on stderr. <paramref name="onlyOnBedrock"/> ends the sentence for another provider;
    /// <paramref name="explainBareId"/> adds, for a bare id that is no alias, what it means and how to name a Bedrock model.
    /// </summary>
    public static async Task<ModelTarget?> ResolveAsync(ClawdbotConfig config, string reference, CliContext context, string onlyOnBedrock, bool explainBareId, CancellationToken cancellationToken)
    {
        ModelListing listing;
        using (var discoveryClient = BedrockClients.Create(config, BedrockModels.DiscoveryProviderId(config), context))
        {
            listing = await BedrockModels.ListAsync(config, discoveryClient, BedrockClients.DiscoveryOptions(context, refresh: false), cancellationToken).ConfigureAwait(false);
        }

        var target = listing.Resolve(reference);
        if (target is null)
        {
            // A bare id that is no alias means anthropic/<id>.
            var bare = explainBareId && ModelReference.TryResolve(config, reference, out var parsed) && reference.IndexOf('/') < 0 && !reference.StartsWith("arn:", StringComparison.Ordinal)
                ? $" '{reference}' is no alias, so it means '{parsed}' (as in Clawdbot); write '{BedrockModels.DiscoveryProviderId(config)}/{reference}' for a Bedrock model."
                : string.Empty;
            await context.Error.WriteLineAsync($"Unknown model '{reference}': the provider is not configured. Known providers: {string.Join(", ", listing.ProviderIds)}.{bare}").ConfigureAwait(false);
            return null;
        }

        // Only Bedrock is spoken: another provider would get a Bedrock request carrying its apiKey or AWS keys.
        if (config.Models.Providers.FirstOrDefault(p => p.Id == target.ProviderId) is { } provider && !ClawdbotConfigReader.IsBedrock(provider))
        {
            await context.Error.WriteLineAsync($"provider '{provider.Id}' (api {provider.Api ?? "unset"}) is not an Amazon Bedrock provider; {onlyOnBedrock}").ConfigureAwait(false);
            return null;
        }

        return target;
    }
}
