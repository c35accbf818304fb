using Clawdbot.Sdk.Testing;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace Clawdbot.Sdk.Tests.Discovery;

/// <summary>Discovery over HTTP, signed by a real <see cref="BedrockClient"/>, against the local emulator.</summary>
public sealed class EmulatorDiscoveryTests
{
    private static readonly ClawdbotConfig Config = new() { Models = new ModelsConfig { BedrockDiscovery = new BedrockDiscoveryConfig { Enabled = true } } };

    private static BedrockClient ClientFor(LocalBedrock emulator) => new(new BedrockClientOptions
    {
        Region = emulator.Region,
        Endpoint = emulator.Endpoint,
        ControlPlaneEndpoint = emulator.Endpoint,
        Credentials = emulator.Credentials,
        Environment = static _ => null,
    });

    [Fact]
    public async Task Pages_through_every_profile_and_keeps_only_invokable_streaming_text_models()
    {
        await using var emulator = await LocalBedrock.StartAsync();
        for (var i = 0; i < 1_200; i++)
        {
            emulator.Catalog.InferenceProfiles.Add(new InferenceProfileEntry
            {
                InferenceProfileId = $"us.test-{i:D4}.amazon.nova-lite-v1:0",
                InferenceProfileName = $"Test {i:D4}",
                ModelArns = ["arn:aws:bedrock:us-east-1::foundation-model/amazon.nova-lite-v1:0"],
            });
        }

        using var client = ClientFor(emulator);
        var listing = await BedrockModels.ListAsync(Config, client, new BedrockModelsOptions { Cache = new BedrockDiscoveryCache() });

        Assert.Null(listing.DiscoveryError);
        Assert.Equal(2, emulator.ListInferenceProfilesCallCount); // 1,211 profiles in pages of 1,000
        Assert.Equal(1_200, listing.Models.Count(model => model.Id.StartsWith("us.test-", StringComparison.Ordinal)));
        var ids = listing.Models.Select(model => model.Id).ToHashSet();
        Assert.Contains("us.anthropic.claude-opus-4-5-20251101-v1:0", ids);
        Assert.Contains("global.anthropic.claude-opus-4-5-20251101-v1:0", ids);
        Assert.DoesNotContain("anthropic.claude-opus-4-5-20251101-v1:0", ids); // profile-only
        Assert.DoesNotContain("anthropic.claude-3-5-sonnet-20240620-v1:0", ids); // LEGACY
        Assert.DoesNotContain("amazon.titan-embed-text-v2:0", ids); // embeddings, no streaming
        Assert.Contains("mistral.mistral-large-2402-v1:0", ids);
        Assert.Equal("us.anthropic.claude-opus-4-5-20251101-v1:0", listing.Routes!.Resolve("anthropic.claude-opus-4-5-20251101-v1:0"));
        var deepSeek = listing.Find("us.deepseek.r1-v1:0")!.Definition;
        Assert.True(deepSeek.Reasoning);
    }

    [Fact]
    public async Task Hundred_concurrent_callers_make_one_upstream_listing_and_the_cache_expires()
    {
        await using var emulator = await LocalBedrock.StartAsync();
        using var client = ClientFor(emulator);
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var options = new BedrockModelsOptions { Cache = new BedrockDiscoveryCache(time) };

        var listings = await Task.WhenAll(Enumerable.Range(0, 100).Select(_ => Task.Run(() => BedrockModels.ListAsync(Config, client, options))));

        Assert.Equal(1, emulator.ListFoundationModelsCallCount);
        Assert.All(listings, listing => Assert.Null(listing.DiscoveryError));
        time.Advance(TimeSpan.FromSeconds(BedrockDiscoveryConfig.DefaultRefreshInterval));
        await BedrockModels.ListAsync(Config, client, options);
        Assert.Equal(2, emulator.ListFoundationModelsCallCount);
    }

    [Fact]
    public async Task A_failed_listing_is_not_cached()
    {
        await using var emulator = await LocalBedrock.StartAsync();
        using var client = new BedrockClient(new BedrockClientOptions
        {
            Region = emulator.Region,
            Endpoint = emulator.Endpoint,
            ControlPlaneEndpoint = emulator.Endpoint,
            Credentials = new Amazon.Runtime.BasicAWSCredentials("AKIDWRONGKEY", "wrong-secret"),
            Environment = static _ => null,
        });
        var options = new BedrockModelsOptions { Cache = new BedrockDiscoveryCache() };

        var first = await BedrockModels.ListAsync(Config, client, options);
        var second = await BedrockModels.ListAsync(Config, client, options);

        Assert.IsType<BedrockException>(first.DiscoveryError);
        Assert.IsType<BedrockException>(second.DiscoveryError);
        Assert.Empty(first.Models);
    }
}
