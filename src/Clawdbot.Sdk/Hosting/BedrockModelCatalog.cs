namespace Clawdbot.Sdk;

/// <summary>
/// The models a host can use (registered by <c>AddBedrock</c>): the declared ones merged with what Bedrock discovery
/// finds through the registered <see cref="BedrockClient"/>; see <see cref="BedrockModels.ListAsync(ClawdbotConfig, BedrockClient, BedrockModelsOptions?, CancellationToken)"/>.
/// </summary>
public sealed class BedrockModelCatalog
{
    private readonly BedrockClient _client;

    /// <summary>
    /// Creates the catalogue of <paramref name="config"/>'s models, discovering through <paramref name="client"/>.
    /// Throws <see cref="ArgumentNullException"/> when either is null.
    /// </summary>
    public BedrockModelCatalog(ClawdbotConfig config, BedrockClient client)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(client);
        Config = config;
        _client = client;
    }

    /// <summary>The declared config (empty when none was given).</summary>
    public ClawdbotConfig Config { get; }

    /// <summary>Lists the models; discovery results are cached per <c>refreshInterval</c> unless <paramref name="refresh"/>.</summary>
    public Task<ModelListing> ListAsync(bool refresh = false, CancellationToken cancellationToken = default)
        => BedrockModels.ListAsync(Config, _client, new BedrockModelsOptions { Refresh = refresh }, cancellationToken);
}
