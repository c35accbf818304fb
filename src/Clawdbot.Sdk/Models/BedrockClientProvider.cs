using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.ComponentModel;
using System.Runtime.CompilerServices;

namespace Clawdbot.Sdk;

/// <summary>
/// Hands out one <see cref="BedrockClient"/> per declared provider, created from the declared config on first use
/// and reused afterwards (one HTTP handler per client). Tests and hosts replace a client with <see cref="Use"/>; the
/// config's discovery settings still govern how its declared models are routed through inference profiles.
/// </summary>
/// <remarks>
/// <para>The generated <c>Bedrock.Clients</c> is created by <see cref="ForDeclaredConfig"/>: its config is built on
/// first use (never in a static initializer), so an unset enum-valued <c>${NAME}</c> is the same clear
/// <see cref="InvalidOperationException"/> on every use rather than a <see cref="TypeInitializationException"/>.</para>
/// <para>A host's clients: <c>AddBedrock</c> with that config (<c>options.Config = Bedrock.Config</c>, or
/// <c>AddBedrock(Bedrock.Config)</c>) attaches the host's provider to the declared one while the host runs (from its
/// start to its stop or disposal). Meanwhile <see cref="GetClient"/> hands out the host's clients, built with its
/// <c>IHttpClientFactory</c> handler, options and logging, so <c>Bedrock.Models.X.StreamAsync(...)</c> and the host's
/// <c>IChatClient</c>s take the same path. The link is by config instance: hosts serving other configs, and other
/// generated <c>Bedrock</c> classes, are untouched. When two hosts of one config run at once, the one started last
/// serves until it stops.</para>
/// </remarks>
public sealed class BedrockClientProvider
{
    private static readonly ConditionalWeakTable<ClawdbotConfig, BedrockClientProvider> s_declared = new();

    private readonly ConcurrentDictionary<string, Lazy<BedrockClient>> _clients = new(StringComparer.Ordinal);
    private readonly Func<ClawdbotConfig>? _createConfig;
    private readonly Lock _gate = new();
    private ClawdbotConfig? _config;
    private ImmutableList<BedrockClientProvider> _hosts = [];

    /// <summary>
    /// Creates a provider of clients for the Bedrock providers <paramref name="config"/> declares; no client is created
    /// yet. Throws <see cref="ArgumentNullException"/> when it is null.
    /// </summary>
    public BedrockClientProvider(ClawdbotConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        _config = config;
    }

    private BedrockClientProvider(Func<ClawdbotConfig> createConfig) => _createConfig = createConfig;

    /// <summary>
    /// The provider of generated code (<c>Bedrock.Clients</c>): <paramref name="createConfig"/> builds the declared
    /// config on first use of <see cref="Config"/>, again after a failure, and never again after a success.
    /// </summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static BedrockClientProvider ForDeclaredConfig(Func<ClawdbotConfig> createConfig)
    {
        ArgumentNullException.ThrowIfNull(createConfig);
        return new BedrockClientProvider(createConfig);
    }

    /// <summary>The declared config.</summary>
    /// <exception cref="InvalidOperationException">A generated config's enum-valued <c>${NAME}</c> is unset or invalid (on every use until it is set).</exception>
    public ClawdbotConfig Config => Volatile.Read(ref _config) ?? CreateConfig();

    /// <summary>
    /// The client of <paramref name="providerId"/>: the one given to <see cref="Use"/>, else one created from the
    /// config on first use and kept.
    /// </summary>
    public BedrockClient GetClient(string providerId)
    {
        var hosts = Volatile.Read(ref _hosts);
        if (hosts.Count > 0 && hosts[^1].TryGetOwnClient(providerId) is { } hosted)
        {
            return hosted;
        }

        return _clients.GetOrAdd(providerId, id => new Lazy<BedrockClient>(() => BedrockClient.FromConfig(Config, id))).Value;
    }

    /// <summary>Routes every model of <paramref name="providerId"/> through <paramref name="client"/> from now on.</summary>
    public void Use(BedrockClient client, string providerId = "amazon-bedrock")
    {
        ArgumentNullException.ThrowIfNull(client);
        _clients[providerId] = new Lazy<BedrockClient>(client);
    }

    /// <summary>The provider generated code created for <paramref name="config"/> (<c>Bedrock.Clients</c> when it is <c>Bedrock.Config</c>), if any.</summary>
    internal static BedrockClientProvider? DeclaredFor(ClawdbotConfig config)
        => s_declared.TryGetValue(config, out var declared) ? declared : null;

    /// <summary>
    /// Hands out <paramref name="host"/>'s clients (those it was given with <see cref="Use"/>) instead of this provider's
    /// until the returned handle is disposed.
    /// </summary>
    internal IDisposable Attach(BedrockClientProvider host)
    {
        lock (_gate)
        {
            _hosts = _hosts.Add(host);
        }

        return new Attachment(this, host);
    }

    private BedrockClient? TryGetOwnClient(string providerId)
        => _clients.TryGetValue(providerId, out var client) ? client.Value : null;

    private ClawdbotConfig CreateConfig()
    {
        var created = _createConfig!();
        lock (_gate)
        {
            if (_config is { } raced)
            {
                return raced;
            }

            s_declared.AddOrUpdate(created, this);
            Volatile.Write(ref _config, created);
            return created;
        }
    }

    private sealed class Attachment(BedrockClientProvider declared, BedrockClientProvider host) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                lock (declared._gate)
                {
                    declared._hosts = declared._hosts.Remove(host);
                }
            }
        }
    }
}
