using Amazon.Runtime;
using Clawdbot.Sdk.Testing;
using Clawdbot.Sdk.Tests.Hosting;
using Microsoft.Extensions.Logging;
using Xunit;

namespace Clawdbot.Sdk.Tests.Discovery;

/// <summary>Discovery that cannot run never takes the declared models down, and says why once.</summary>
public sealed class DiscoveryFailureTests
{
    private const string DeclaredId = "amazon.nova-pro-v1:0";

    private static ClawdbotConfig Config(bool? enabled) => new()
    {
        Models = new ModelsConfig
        {
            BedrockDiscovery = new BedrockDiscoveryConfig { Enabled = enabled },
            Providers = [new ModelProviderConfig { Id = "amazon-bedrock", BaseUrl = "https://bedrock-runtime.us-east-1.amazonaws.com", Models = [new ModelDefinition { Id = DeclaredId, Name = "Nova Pro" }] }],
        },
    };

    private static BedrockClient ClientFor(LocalBedrock emulator, AWSCredentials credentials, ILoggerFactory? loggerFactory = null) => new(new BedrockClientOptions
    {
        Region = emulator.Region,
        Endpoint = emulator.Endpoint,
        ControlPlaneEndpoint = emulator.Endpoint,
        Credentials = credentials,
        Environment = static _ => null,
        LoggerFactory = loggerFactory,
    });

    [Fact]
    public async Task Credentials_that_fail_to_resolve_turn_unset_discovery_off()
    {
        await using var emulator = await LocalBedrock.StartAsync();
        using var client = ClientFor(emulator, new ExpiredSsoCredentials());
        var errors = new List<Exception>();

        var listing = await BedrockModels.ListAsync(Config(enabled: null), client, new BedrockModelsOptions { Cache = new BedrockDiscoveryCache(), OnDiscoveryError = errors.Add });

        Assert.False(listing.DiscoveryEnabled);
        Assert.Null(listing.DiscoveryError);
        Assert.Equal([DeclaredId], listing.Models.Select(model => model.Id));
        Assert.Empty(errors);
        Assert.Equal(0, emulator.ListFoundationModelsCallCount);
    }

    [Fact]
    public async Task Credentials_that_fail_to_resolve_with_discovery_on_keep_the_declared_models_and_report_once()
    {
        await using var emulator = await LocalBedrock.StartAsync();
        var logs = new CapturingLoggerProvider();
        using var loggerFactory = LoggerFactory.Create(logging => logging.SetMinimumLevel(LogLevel.Trace).AddProvider(logs));
        using var client = ClientFor(emulator, new ExpiredSsoCredentials(), loggerFactory);
        var errors = new List<Exception>();
        var options = new BedrockModelsOptions { Cache = new BedrockDiscoveryCache(), OnDiscoveryError = errors.Add };

        var first = await BedrockModels.ListAsync(Config(enabled: true), client, options);
        var second = await BedrockModels.ListAsync(Config(enabled: true), client, options);

        foreach (var listing in new[] { first, second })
        {
            Assert.True(listing.DiscoveryEnabled);
            Assert.Contains(ExpiredSsoCredentials.Message, listing.DiscoveryError!.Message);
            Assert.Equal([DeclaredId], listing.Models.Select(model => model.Id));
        }

        Assert.Single(errors);
        var logged = Assert.Single(logs.Entries, entry => entry.EventId.Id == 1006);
        Assert.Equal("BedrockDiscoveryFailed", logged.EventId.Name);
        Assert.Equal(LogLevel.Warning, logged.Level);
        Assert.Contains(emulator.Region, logged.Message);
        Assert.Contains(ExpiredSsoCredentials.Message, logged.Message);
        Assert.Equal(0, emulator.ListFoundationModelsCallCount);
    }

    [Fact]
    public async Task The_model_catalog_lists_declared_models_when_credentials_fail_to_resolve()
    {
        await using var emulator = await LocalBedrock.StartAsync();
        using var client = ClientFor(emulator, new ExpiredSsoCredentials());

        var listing = await new BedrockModelCatalog(Config(enabled: true), client).ListAsync(refresh: true);

        Assert.NotNull(listing.DiscoveryError);
        Assert.Equal([DeclaredId], listing.Models.Select(model => model.Id));
    }

    [Fact]
    public async Task A_refused_listing_is_logged_once_with_region_and_kind_and_no_secret()
    {
        await using var emulator = await LocalBedrock.StartAsync();
        const string secret = "wrong-secret-value";
        const string sessionToken = "wrong-session-token-value";
        var logs = new CapturingLoggerProvider();
        using var loggerFactory = LoggerFactory.Create(logging => logging.SetMinimumLevel(LogLevel.Trace).AddProvider(logs));
        using var client = ClientFor(emulator, new SessionAWSCredentials("AKIDWRONGKEY", secret, sessionToken), loggerFactory);
        var options = new BedrockModelsOptions { Cache = new BedrockDiscoveryCache() };

        var first = await BedrockModels.ListAsync(Config(enabled: true), client, options);
        await BedrockModels.ListAsync(Config(enabled: true), client, options);

        var failure = Assert.IsType<BedrockException>(first.DiscoveryError);
        var logged = Assert.Single(logs.Entries, entry => entry.EventId.Id == 1006);
        Assert.Contains(emulator.Region, logged.Message);
        Assert.Contains($"({failure.Kind})", logged.Message);
        Assert.DoesNotContain(secret, logs.AllText(), StringComparison.Ordinal);
        Assert.DoesNotContain(sessionToken, logs.AllText(), StringComparison.Ordinal);
    }

    /// <summary>What an expired SSO token or a refused assume-role looks like to the SDK.</summary>
    private sealed class ExpiredSsoCredentials : AWSCredentials
    {
        public const string Message = "The SSO session associated with this profile has expired or is otherwise invalid.";

        public override ImmutableCredentials GetCredentials() => throw new AmazonClientException(Message);

        public override Task<ImmutableCredentials> GetCredentialsAsync() => Task.FromException<ImmutableCredentials>(new AmazonClientException(Message));
    }
}
