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

    /// <summary>
    /// Creates a provider of clients for the Bedrock providers <paramref name="config"/> declares; no client is created
    /// yet. Throws <see cref="ArgumentNullException"/> when it is null.
    /// </summary>
    public BedrockClientProvider(ClawdbotConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        Config = config;
    }

    /// <summary>The config the clients are created from.</summary>
    public ClawdbotConfig Config { get; }

    /// <summary>
    /// The client of <paramref name="providerId"/>: the one given to <see cref="Use"/>, else one created from the
    /// config on first use and kept.
    /// </summary>
    public BedrockClient GetClient(string providerId)
        => _clients.GetOrAdd(providerId, id => new Lazy<BedrockClient>(() => BedrockClient.FromConfig(Config, id))).Value;

    /// <summary>Routes every model of <paramref name="providerId"/> through <paramref name="client"/> from now on.</summary>
    public void Use(BedrockClient client, string providerId = "amazon-bedrock")
    {
        ArgumentNullException.ThrowIfNull(client);
        _clients[providerId] = new Lazy<BedrockClient>(client);
    }
}
