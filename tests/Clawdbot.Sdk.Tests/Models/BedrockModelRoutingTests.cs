using Clawdbot.Sdk.Testing;
using Clawdbot.Sdk.Tests.Runtime;

namespace Clawdbot.Sdk.Tests.Models;

/// <summary>
/// A generated descriptor (a <see cref="BedrockModel"/>) for a model Bedrock serves only through inference profiles
/// goes through the profile of the client's region, learned by discovery once and remembered.
/// </summary>
public sealed class BedrockModelRoutingTests
{
    private const string OpusId = "anthropic.claude-opus-4-5-20251101-v1:0";

    [Fact]
    public async Task ABareProfileOnlyIdIsRoutedThroughTheRegionsProfileAndRemembered()
    {
        await using var bedrock = await LocalBedrock.StartAsync();
        var (model, _) = Descriptor(bedrock, discovery: "enabled: true");
        bedrock.Enqueue(Script.Stream().Text("first").Usage(input: 10, output: 2).Stop("end_turn"));
        bedrock.Enqueue(Script.Stream().Text("second").Usage(input: 10, output: 2).Stop("end_turn"));

        var first = await model.StreamAsync("Hi").ToResultAsync();
        var second = await model.StreamAsync("Again").ToResultAsync();

        Assert.Equal("first", first.Text);
        Assert.Equal("us." + OpusId, first.ModelId);
        Assert.Equal("second", second.Text);
        var invocations = bedrock.Requests.Where(r => r.ModelId is not null).Select(r => r.ModelId).ToList();
        Assert.Equal([OpusId, "us." + OpusId, "us." + OpusId], invocations);
        Assert.Equal(1, bedrock.ListFoundationModelsCallCount);
        Assert.Equal(0.000100m, first.Usage!.CostUsd); // the declared prices apply to the routed call: 10 × $5 + 2 × $25 per 1M
    }

    [Fact]
    public async Task CompleteAsyncIsRoutedToo()
    {
        await using var bedrock = await LocalBedrock.StartAsync();
        var (model, _) = Descriptor(bedrock, discovery: "enabled: true");
        bedrock.Enqueue(Script.Stream().Text("done").Usage(input: 1, output: 1).Stop("end_turn"));

        var result = await model.CompleteAsync("Hi");

        Assert.Equal("done", result.Text);
        Assert.Equal("us." + OpusId, bedrock.Requests.Last().ModelId);
    }

    [Fact]
    public async Task WithDiscoveryOffTheErrorNamesTheProfilesToUse()
    {
        await using var bedrock = await LocalBedrock.StartAsync();
        var (model, _) = Descriptor(bedrock, discovery: "enabled: false");

        var exception = await Assert.ThrowsAsync<BedrockException>(() => model.StreamAsync("Hi").ToResultAsync());

        Assert.Equal(BedrockErrorKind.Validation, exception.Kind);
        Assert.Contains("on-demand throughput", exception.Message);
        Assert.Contains("(discovery is off); use one of: us." + OpusId + ", global." + OpusId + ".", exception.Message);
        Assert.Equal(0, bedrock.ListFoundationModelsCallCount);
    }

    [Fact]
    public async Task AnExplicitProfileIdIsInvokedAsGiven()
    {
        await using var bedrock = await LocalBedrock.StartAsync();
        var (model, _) = Descriptor(bedrock, discovery: "enabled: true", id: "eu." + OpusId);

        var result = await model.StreamAsync("Hi").ToResultAsync();

        Assert.Equal("eu." + OpusId, result.ModelId);
        Assert.Equal(0, bedrock.ListFoundationModelsCallCount);
        Assert.Single(bedrock.Requests, r => r.ModelId is not null);
    }

    [Fact]
    public async Task ARequestForAnotherModelIsRejected()
    {
        await using var bedrock = await LocalBedrock.StartAsync();
        var (model, _) = Descriptor(bedrock, discovery: "enabled: false");
        Assert.Throws<ArgumentException>(() => model.StreamAsync(new ConverseRequest("amazon.nova-pro-v1:0").AddUser("Hi")));
        await Task.CompletedTask;
    }

    private static (BedrockModel Model, BedrockClientProvider Clients) Descriptor(LocalBedrock bedrock, string discovery, string id = OpusId)
    {
        var config = ClawdbotConfig.Parse($$"""
            {
              models: {
                providers: {
                  "amazon-bedrock": {
                    baseUrl: "https://bedrock-runtime.us-east-1.amazonaws.com",
                    models: [{ id: "{{id}}", name: "Claude Opus 4.5", cost: { input: 5, output: 25 } }],
                  },
                },
                bedrockDiscovery: { {{discovery}} },
              },
            }
            """);
        var clients = new BedrockClientProvider(config);
        clients.Use(RuntimeTestSupport.Client(bedrock, options =>
        {
            options.ControlPlaneEndpoint = bedrock.Endpoint;
            options.DiscoveryCache = new BedrockDiscoveryCache();
        }));
        return (new BedrockModel(clients, "amazon-bedrock", config.Models.Providers[0].Models[0]), clients);
    }
}
