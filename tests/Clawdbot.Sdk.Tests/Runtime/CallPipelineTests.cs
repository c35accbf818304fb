using Clawdbot.Sdk.Testing;

namespace Clawdbot.Sdk.Tests.Runtime;

/// <summary>
/// The shape of the call pipeline: one transport (handler, credentials) under model calls and discovery alike, a
/// provider's location worked out without a client, and discovery results kept by the client that found them.
/// </summary>
public sealed class CallPipelineTests
{
    private static readonly ClawdbotConfig Discovering = new() { Models = new ModelsConfig { BedrockDiscovery = new BedrockDiscoveryConfig { Enabled = true } } };

    [Fact]
    public async Task Converse_ConverseStream_and_discovery_go_through_one_transport()
    {
        await using var bedrock = await LocalBedrock.StartAsync();
        var handlersCreated = 0;
        var sent = new List<string>();
        using var client = new BedrockClient(Options(bedrock, () =>
        {
            Interlocked.Increment(ref handlersCreated);
            return new RecordingHandler(sent);
        }));

        await client.ConverseAsync(Request("one"));
        await foreach (var _ in client.ConverseStreamAsync(Request("two")))
        {
        }

        var listing = await BedrockModels.ListAsync(Discovering, client);

        Assert.Null(listing.DiscoveryError);
        Assert.Equal(1, handlersCreated);
        Assert.Contains(sent, path => path.EndsWith("/converse", StringComparison.Ordinal));
        Assert.Contains(sent, path => path.EndsWith("/converse-stream", StringComparison.Ordinal));
        Assert.Contains(sent, path => path.EndsWith("/foundation-models", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Discovery_results_belong_to_the_client_unless_its_options_share_a_cache()
    {
        await using var bedrock = await LocalBedrock.StartAsync();
        using var first = new BedrockClient(Options(bedrock));
        using var second = new BedrockClient(Options(bedrock));

        await BedrockModels.ListAsync(Discovering, first);
        await BedrockModels.ListAsync(Discovering, first);
        Assert.Equal(1, bedrock.ListFoundationModelsCallCount);

        await BedrockModels.ListAsync(Discovering, second);
        Assert.Equal(2, bedrock.ListFoundationModelsCallCount);

        var shared = new BedrockDiscoveryCache();
        using var third = new BedrockClient(Options(bedrock, cache: shared));
        using var fourth = new BedrockClient(Options(bedrock, cache: shared));
        await BedrockModels.ListAsync(Discovering, third);
        await BedrockModels.ListAsync(Discovering, fourth);
        Assert.Equal(3, bedrock.ListFoundationModelsCallCount);
    }

    [Fact]
    public void A_providers_location_is_worked_out_without_a_client()
    {
        var config = ClawdbotConfig.Parse("""
            {
              models: {
                providers: {
                  "amazon-bedrock": { baseUrl: "https://bedrock-runtime.eu-west-3.amazonaws.com", api: "bedrock-converse-stream", models: [] },
                  "gateway": { baseUrl: "https://llm.example.com/bedrock", api: "bedrock-converse-stream", models: [] },
                },
                bedrockDiscovery: { region: "ap-southeast-2" },
              },
            }
            """);
        var options = new BedrockClientOptions { Environment = RuntimeTestSupport.Environment() };

        var bedrock = BedrockLocation.ForProvider(config, "amazon-bedrock", options);
        var gateway = BedrockLocation.ForProvider(config, "gateway", options);

        Assert.Equal("eu-west-3", bedrock.Region);
        Assert.Equal(new Uri("https://bedrock.eu-west-3.amazonaws.com"), bedrock.ControlPlaneEndpoint);
        Assert.Equal("ap-southeast-2", gateway.Region);
        Assert.Equal(new Uri("https://llm.example.com/bedrock"), gateway.RuntimeEndpoint);
        Assert.Throws<ArgumentException>(() => BedrockLocation.ForProvider(config, "nowhere", options));
        using var client = BedrockClient.FromConfig(config, "gateway", options);
        Assert.Equal(gateway, client.Transport.Location);
    }

    private static ConverseRequest Request(string prompt)
    {
        var request = new ConverseRequest("amazon.nova-lite-v1:0");
        request.Messages.Add(Message.User(prompt));
        return request;
    }

    private static BedrockClientOptions Options(LocalBedrock bedrock, Func<HttpMessageHandler>? handler = null, BedrockDiscoveryCache? cache = null) => new()
    {
        Region = bedrock.Region,
        Endpoint = bedrock.Endpoint,
        ControlPlaneEndpoint = bedrock.Endpoint,
        Credentials = bedrock.Credentials,
        Environment = RuntimeTestSupport.Environment(),
        HttpMessageHandlerFactory = handler,
        DiscoveryCache = cache,
    };

    private sealed class RecordingHandler(List<string> sent) : DelegatingHandler(new SocketsHttpHandler())
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            lock (sent)
            {
                sent.Add(request.RequestUri!.AbsolutePath);
            }

            return base.SendAsync(request, cancellationToken);
        }
    }
}
