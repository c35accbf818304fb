using System.Text.Json.Nodes;
using Clawdbot.Sdk.Testing;
using Clawdbot.Sdk.Tests.Hosting;
using Microsoft.Extensions.Logging;
using Xunit;

namespace Clawdbot.Sdk.Tests.Discovery;

/// <summary>An application inference profile's ARN gets the rules of the model behind it, found once with GetInferenceProfile.</summary>
public sealed class ApplicationProfileTests
{
    private const string ProfileId = "a1b2c3d4e5f6";

    [Fact]
    public async Task TheModelBehindTheProfileGivesTheReasoningStyleAndTheArnIsInvoked()
    {
        await using var bedrock = await LocalBedrock.StartAsync();
        var arn = AddProfile(bedrock, "anthropic.claude-sonnet-4-5-20250929-v1:0");
        using var client = Client(bedrock);

        for (var i = 0; i < 2; i++)
        {
            var request = new ConverseRequest(arn) { ReasoningEffort = ReasoningEffort.Low, InferenceConfig = new InferenceConfig { Temperature = 0.4f } }.AddUser("q");
            await client.ConverseStreamAsync(request).ToResultAsync();
        }

        var calls = bedrock.Requests.Where(r => r.Operation == "ConverseStream").ToList();
        Assert.Equal(2, calls.Count);
        Assert.All(calls, call => Assert.Equal(arn, call.ModelId));
        var body = JsonNode.Parse(calls[0].Body)!;
        Assert.Equal("""{"thinking":{"type":"enabled","budget_tokens":2048}}""", body["additionalModelRequestFields"]!.ToJsonString());
        Assert.Null(body["inferenceConfig"]!["temperature"]);
        Assert.Equal(1, bedrock.GetInferenceProfileCallCount);
    }

    [Fact]
    public async Task TheModelBehindTheProfileGivesTheCacheTtl()
    {
        await using var bedrock = await LocalBedrock.StartAsync();
        var arn = AddProfile(bedrock, "anthropic.claude-sonnet-4-5-20250929-v1:0");
        using var client = Client(bedrock);
        var request = new ConverseRequest(arn) { CacheRetention = CacheRetention.Long }.AddUser("q");

        await client.ConverseAsync(request);

        // The ARN names no model; the 1-hour TTL and the cache point come from Claude Sonnet 4.5 behind it.
        var body = JsonNode.Parse(bedrock.Requests.Single(r => r.Operation == "Converse").Body)!;
        Assert.Equal("""{"cachePoint":{"type":"default","ttl":"1h"}}""", body["messages"]![0]!["content"]![1]!.ToJsonString());
    }

    [Fact]
    public async Task ANovaProfileGetsNovasReasoningConfig()
    {
        await using var bedrock = await LocalBedrock.StartAsync();
        var arn = AddProfile(bedrock, "amazon.nova-2-lite-v1:0");
        using var client = Client(bedrock);

        var result = await client.ConverseAsync(new ConverseRequest(arn) { ReasoningEffort = ReasoningEffort.Medium }.AddUser("q"));

        var body = JsonNode.Parse(bedrock.Requests.Single(r => r.Operation == "Converse").Body)!;
        Assert.Equal("""{"reasoningConfig":{"type":"enabled","maxReasoningEffort":"medium"}}""", body["additionalModelRequestFields"]!.ToJsonString());
        Assert.Equal("Thinking it over at medium effort.", Assert.IsType<ReasoningBlock>(result.Message.Content[0]).Text);
    }

    [Fact]
    public async Task AProfileThatCannotBeResolvedIsSentUnchangedAndLoggedOnce()
    {
        await using var bedrock = await LocalBedrock.StartAsync();
        var logs = new CapturingLoggerProvider();
        using var loggerFactory = LoggerFactory.Create(logging => logging.SetMinimumLevel(LogLevel.Trace).AddProvider(logs));
        using var client = Client(bedrock, o => o.LoggerFactory = loggerFactory);
        var arn = $"arn:aws:bedrock:{bedrock.Region}:{LocalBedrockOptions.DefaultAccountId}:application-inference-profile/missing";
        var signed = Message.Assistant(new ReasoningBlock("thought", "c2ln"), new TextBlock("A"));

        for (var i = 0; i < 2; i++)
        {
            var request = new ConverseRequest(arn) { ReasoningEffort = ReasoningEffort.High, InferenceConfig = new InferenceConfig { Temperature = 0.4f, TopP = 0.5f } }.AddUser("q");
            request.Messages.Add(signed);
            request.Messages.Add(Message.User("q2"));
            await client.ConverseStreamAsync(request).ToResultAsync();
        }

        var body = JsonNode.Parse(bedrock.Requests.Last(r => r.Operation == "ConverseStream").Body)!;
        Assert.Null(body["additionalModelRequestFields"]);
        Assert.Equal("""{"temperature":0.4,"topP":0.5}""", body["inferenceConfig"]!.ToJsonString());
        Assert.Equal("c2ln", body["messages"]![1]!["content"]![0]!["reasoningContent"]!["reasoningText"]!["signature"]!.GetValue<string>());
        var warning = Assert.Single(logs.Entries, e => e.EventId.Name == "BedrockApplicationProfileUnresolved");
        Assert.Contains(arn, warning.Message, StringComparison.Ordinal);
        Assert.True(warning.Message.Contains("ResourceNotFoundException", StringComparison.Ordinal), warning.Message);
    }

    [Fact]
    public async Task TheResolvedModelIsKeptInTheClientsDiscoveryCacheUntilItIsCleared()
    {
        await using var bedrock = await LocalBedrock.StartAsync();
        var arn = AddProfile(bedrock, "openai.gpt-oss-120b-1:0");
        var cache = new BedrockDiscoveryCache();
        using var first = Client(bedrock, o => o.DiscoveryCache = cache);
        using var second = Client(bedrock, o => o.DiscoveryCache = cache);

        await first.ConverseStreamAsync(new ConverseRequest(arn) { ReasoningEffort = ReasoningEffort.High }.AddUser("q")).ToResultAsync();
        await second.ConverseStreamAsync(new ConverseRequest(arn) { ReasoningEffort = ReasoningEffort.High }.AddUser("q")).ToResultAsync();
        Assert.Equal(1, bedrock.GetInferenceProfileCallCount);

        cache.Clear();
        await second.ConverseStreamAsync(new ConverseRequest(arn) { ReasoningEffort = ReasoningEffort.Low }.AddUser("q")).ToResultAsync();

        Assert.Equal(2, bedrock.GetInferenceProfileCallCount);
        var body = JsonNode.Parse(bedrock.Requests.Last(r => r.Operation == "ConverseStream").Body)!;
        Assert.Equal("""{"reasoning_effort":"low"}""", body["additionalModelRequestFields"]!.ToJsonString());
    }

    private static BedrockClient Client(LocalBedrock bedrock, Action<BedrockClientOptions>? configure = null)
        => Runtime.RuntimeTestSupport.Client(bedrock, options =>
        {
            options.ControlPlaneEndpoint = bedrock.Endpoint;
            configure?.Invoke(options);
        });

    private static string AddProfile(LocalBedrock bedrock, string foundationModelId)
    {
        bedrock.Catalog.InferenceProfiles.Add(new InferenceProfileEntry
        {
            InferenceProfileId = ProfileId,
            InferenceProfileName = "team-a",
            Type = "APPLICATION",
            ModelArns = [$"arn:aws:bedrock:{bedrock.Region}::foundation-model/{foundationModelId}"],
        });
        return $"arn:aws:bedrock:{bedrock.Region}:{LocalBedrockOptions.DefaultAccountId}:application-inference-profile/{ProfileId}";
    }
}
