using System.Collections.Concurrent;

namespace Clawdbot.Sdk;

/// <summary>
/// Hands out one <see cref="BedrockClient"/> per declared provider, created from the declared config on first use
/// and reused afterwards (one HTTP handler per client). Tests and hosts replace a client with <see cref="Use"/>; the
/// config's discovery settings still govern how its declared models are routed through inference profiles.
/// </summary>
public sealed class BedrockClientProvider
{
    private readonly ConcurrentDictionary<string, Lazy<BedrockClient>> _clients = new(StringComparer.Ordinal);

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
    }
}
