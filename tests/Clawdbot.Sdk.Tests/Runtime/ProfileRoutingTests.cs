using Clawdbot.Sdk.Testing;
using Microsoft.Extensions.AI;

namespace Clawdbot.Sdk.Tests.Runtime;

/// <summary>
/// The client itself routes a bare id that Bedrock serves only through inference profiles (the emulator serves
/// Opus 4.5 so), whichever way it is called: through the region's profile learned by discovery, once per client.
/// </summary>
public sealed class ProfileRoutingTests
{
    private const string OpusId = "anthropic.claude-opus-4-5-20251101-v1:0";

    [Fact]
    public async Task ConverseStream_with_a_bare_profile_only_id_goes_through_the_regions_profile_and_names_it()
    {
        await using var bedrock = await LocalBedrock.StartAsync();
        using var client = EmulatorClient(bedrock);

        var updates = await RuntimeTestSupport.CollectAsync(client.ConverseStreamAsync(RuntimeTestSupport.Request(OpusId)));
        var again = await client.ConverseStreamAsync(RuntimeTestSupport.Request(OpusId, "Again")).ToResultAsync();

        Assert.Equal("us." + OpusId, updates.OfType<MessageStart>().Single().ModelId);
        Assert.Equal("You said: Hi", string.Concat(updates.OfType<TextDelta>().Select(d => d.Text)));
        Assert.Equal("us." + OpusId, again.ModelId);
        Assert.Equal([OpusId, "us." + OpusId, "us." + OpusId], Invocations(bedrock)); // remembered: no second refusal
        Assert.Equal(1, bedrock.ListFoundationModelsCallCount);
    }

    [Fact]
    public async Task Converse_is_routed_and_its_result_names_the_profile()
    {
        await using var bedrock = await LocalBedrock.StartAsync();
        using var client = EmulatorClient(bedrock);

        var result = await client.ConverseAsync(RuntimeTestSupport.Request(OpusId));

        Assert.Equal("You said: Hi", result.Text);
        Assert.Equal("us." + OpusId, result.ModelId);
        Assert.Equal([OpusId, "us." + OpusId], Invocations(bedrock));
    }

    [Fact]
    public async Task A_chat_client_for_a_bare_profile_only_id_works_streaming_and_not()
    {
        await using var bedrock = await LocalBedrock.StartAsync();
        using var client = EmulatorClient(bedrock);
        var chat = client.AsIChatClient(OpusId);

        var response = await chat.GetResponseAsync("Hi");
        var streamed = await chat.GetStreamingResponseAsync("Hello").ToChatResponseAsync();

        Assert.Equal("You said: Hi", response.Text);
        Assert.Equal("us." + OpusId, response.ModelId);
        Assert.Equal("You said: Hello", streamed.Text);
        Assert.Equal("us." + OpusId, streamed.ModelId);
    }

    [Fact]
    public async Task An_explicit_profile_id_or_arn_is_invoked_as_given()
    {
        await using var bedrock = await LocalBedrock.StartAsync();
        using var client = EmulatorClient(bedrock);
        var arn = "arn:aws:bedrock:us-east-1:123456789012:inference-profile/eu." + OpusId;

        var profile = await client.ConverseStreamAsync(RuntimeTestSupport.Request("eu." + OpusId)).ToResultAsync();
        var byArn = await client.ConverseAsync(RuntimeTestSupport.Request(arn));

        Assert.Equal("eu." + OpusId, profile.ModelId);
        Assert.Equal(arn, byArn.ModelId);
        Assert.Equal(["eu." + OpusId, arn], Invocations(bedrock));
        Assert.Equal(0, bedrock.ListFoundationModelsCallCount);
    }

    [Fact]
    public async Task With_discovery_off_the_error_names_the_profiles_and_the_control_plane_is_not_called()
    {
        await using var bedrock = await LocalBedrock.StartAsync();
        var config = ClawdbotConfig.Parse("{ models: { bedrockDiscovery: { enabled: false } } }");
        using var client = BedrockClient.FromConfig(config, options: EmulatorOptions(bedrock));

        var streamed = await Assert.ThrowsAsync<BedrockException>(() => client.ConverseStreamAsync(RuntimeTestSupport.Request(OpusId)).ToResultAsync());
        var whole = await Assert.ThrowsAsync<BedrockException>(() => client.ConverseAsync(RuntimeTestSupport.Request(OpusId)));

        foreach (var exception in new[] { streamed, whole })
        {
            Assert.Equal(BedrockErrorKind.Validation, exception.Kind);
            Assert.Equal(400, exception.StatusCode);
            Assert.Contains("on-demand throughput", exception.Message);
            Assert.Contains($"(discovery is off); use one of: us.{OpusId}, global.{OpusId}.", exception.Message);
        }

        Assert.Equal(0, bedrock.ListFoundationModelsCallCount);
        Assert.Equal(0, bedrock.ListInferenceProfilesCallCount);
    }

    [Fact]
    public async Task When_discovery_fails_the_error_says_so_and_names_the_candidate_profiles()
    {
        await using var bedrock = await LocalBedrock.StartAsync();
        // Nothing listens on port 9 of the loopback: the control plane cannot be reached.
        using var client = EmulatorClient(bedrock, options => options.ControlPlaneEndpoint = new Uri("http://127.0.0.1:9/"));

        var exception = await Assert.ThrowsAsync<BedrockException>(() => client.ConverseAsync(RuntimeTestSupport.Request(OpusId)));

        Assert.Contains("(discovery failed: ", exception.Message);
        Assert.Contains($"use one of: us.{OpusId}, global.{OpusId}.", exception.Message);
        Assert.Equal([OpusId], Invocations(bedrock));
    }

    [Fact]
    public async Task Concurrent_refusals_share_one_discovery()
    {
        await using var bedrock = await LocalBedrock.StartAsync();
        using var client = EmulatorClient(bedrock);

        var results = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => i % 2 == 0
            ? client.ConverseStreamAsync(RuntimeTestSupport.Request(OpusId, "Hi " + i)).ToResultAsync()
            : client.ConverseAsync(RuntimeTestSupport.Request(OpusId, "Hi " + i))));

        Assert.All(results, result => Assert.Equal("us." + OpusId, result.ModelId));
        Assert.Equal(20, Invocations(bedrock).Count(id => id == "us." + OpusId));
        Assert.Equal(1, bedrock.ListFoundationModelsCallCount);
        Assert.Equal(1, bedrock.ListInferenceProfilesCallCount);
    }

    [Fact]
    public async Task A_declared_chat_clients_model_override_is_routed_under_the_declared_configs_discovery_settings()
    {
        await using var bedrock = await LocalBedrock.StartAsync();
        var config = ClawdbotConfig.Parse("""
            {
              models: {
                providers: { "amazon-bedrock": { baseUrl: "https://bedrock-runtime.us-east-1.amazonaws.com", models: [{ id: "amazon.nova-pro-v1:0", name: "Nova Pro" }] } },
                bedrockDiscovery: { enabled: false },
              },
            }
            """);
        var clients = new BedrockClientProvider(config);
        clients.Use(EmulatorClient(bedrock));
        var chat = new BedrockModel(clients, "amazon-bedrock", config.Models.Providers[0].Models[0]).AsIChatClient();

        var exception = await Assert.ThrowsAsync<BedrockException>(() => chat.GetResponseAsync("Hi", new ChatOptions { ModelId = OpusId }));

        Assert.Contains("(discovery is off); use one of: us." + OpusId, exception.Message);
        Assert.Equal(0, bedrock.ListFoundationModelsCallCount);
    }

    private static List<string?> Invocations(LocalBedrock bedrock)
        => bedrock.Requests.Where(r => r.ModelId is not null).Select(r => r.ModelId).ToList();

    private static BedrockClientOptions EmulatorOptions(LocalBedrock bedrock)
    {
        var options = RuntimeTestSupport.Options();
        options.Endpoint = bedrock.Endpoint;
        options.ControlPlaneEndpoint = bedrock.Endpoint;
        options.Region = bedrock.Region;
        options.Credentials = bedrock.Credentials;
        options.DiscoveryCache = new BedrockDiscoveryCache();
        return options;
    }

    private static BedrockClient EmulatorClient(LocalBedrock bedrock, Action<BedrockClientOptions>? configure = null)
    {
        var options = EmulatorOptions(bedrock);
        configure?.Invoke(options);
        return new BedrockClient(options);
    }
}
