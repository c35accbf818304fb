using Clawdbot.Sdk;

namespace Clawdbot.Cli;

/// <summary>Creates provider clients that read the CLI's environment seam, never the process environment directly.</summary>
internal static class BedrockClients
{
    public static BedrockClient Create(ClawdbotConfig config, string providerId, CliContext context)
        => BedrockClient.FromConfig(config, providerId, new BedrockClientOptions { Environment = context.GetEnvironmentVariable, DiscoveryCache = context.DiscoveryCache });

    public static BedrockModelsOptions DiscoveryOptions(CliContext context, bool refresh) => new()
    {
        Cache = context.DiscoveryCache,
        Refresh = refresh,
    };
}
