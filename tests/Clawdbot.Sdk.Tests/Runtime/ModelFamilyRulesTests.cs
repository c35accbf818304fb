using System.Text.Json.Nodes;
using Clawdbot.Sdk.Testing;
using Clawdbot.Sdk.Tests.Hosting;
using Microsoft.Extensions.Logging;
using Xunit;
using static Clawdbot.Sdk.Tests.Runtime.RuntimeTestSupport;

namespace Clawdbot.Sdk.Tests.Runtime;

/// <summary>What a model refuses is left out before the call (and logged), never sent to fail at AWS.</summary>
public sealed class ModelFamilyRulesTests
{
    private const string DroppedEvent = "BedrockRequestFieldsDropped";

    [Fact]
    public async Task ClaudeThinkingLeavesOutTemperatureTopPAndTopKWithoutTouchingTheRequest()
    {
        await using var harness = await Harness.StartAsync();
        var inference = new InferenceConfig { MaxTokens = 20000, Temperature = 0.3f, TopP = 0.9f, StopSequences = ["END"] };
        var fields = new JsonObject { ["top_k"] = 40, ["anthropic_beta"] = new JsonArray("x") };
        var request = new ConverseRequest("us.anthropic.claude-sonnet-4-20250514-v1:0")
        {
            InferenceConfig = inference,
            AdditionalModelRequestFields = fields,
            ReasoningEffort = ReasoningEffort.Low,
        }.AddUser("q");

        var body = await harness.SendAsync(request);

        Assert.Equal("""{"maxTokens":20000,"stopSequences":["END"]}""", body["inferenceConfig"]!.ToJsonString());
        Assert.Equal("""{"anthropic_beta":["x"],"thinking":{"type":"enabled","budget_tokens":2048}}""", body["additionalModelRequestFields"]!.ToJsonString());
        Assert.Equal(0.3f, request.InferenceConfig!.Temperature);
        Assert.Equal("""{"top_k":40,"anthropic_beta":["x"]}""", fields.ToJsonString());
        var logged = Assert.Single(harness.Events(DroppedEvent));
        Assert.Contains("temperature, topP, top_k", logged.Message, StringComparison.Ordinal);
        Assert.Contains("thinking", logged.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ThinkingTheCallerTurnedOnCountsToo()
    {
        await using var harness = await Harness.StartAsync();
        var request = new ConverseRequest("anthropic.claude-opus-4-6-v1")
        {
            InferenceConfig = new InferenceConfig { Temperature = 0.5f },
            AdditionalModelRequestFields = new JsonObject { ["thinking"] = new JsonObject { ["type"] = "adaptive" } },
        }.AddUser("q");

        var body = await harness.SendAsync(request);

        Assert.Null(body["inferenceConfig"]);
    }

    [Theory]
    [InlineData("anthropic.claude-sonnet-4-5-20250929-v1:0", true)]
    [InlineData("us.anthropic.claude-haiku-4-5-20251001-v1:0", true)]
    [InlineData("anthropic.claude-opus-4-1-20250805-v1:0", true)]
    [InlineData("global.anthropic.claude-opus-4-6-v1", true)]
    [InlineData("anthropic.claude-sonnet-4-20250514-v1:0", false)]
    [InlineData("us.anthropic.claude-3-7-sonnet-20250219-v1:0", false)]
    [InlineData("amazon.nova-pro-v1:0", false)]
    public async Task NewerClaudeModelsKeepTemperatureAndLeaveOutTopP(string modelId, bool dropsTopP)
    {
        await using var harness = await Harness.StartAsync();
        var request = new ConverseRequest(modelId) { InferenceConfig = new InferenceConfig { Temperature = 0.2f, TopP = 0.8f } }.AddUser("q");

        var body = await harness.SendAsync(request);

        Assert.Equal(0.2f, body["inferenceConfig"]!["temperature"]!.GetValue<float>());
        Assert.Equal(dropsTopP, body["inferenceConfig"]!["topP"] is null);
        Assert.Equal(dropsTopP ? 1 : 0, harness.Events(DroppedEvent).Count);
    }

    [Fact]
    public async Task NovaAtHighEffortLeavesOutTemperatureTopPAndMaxTokens()
    {
        await using var harness = await Harness.StartAsync();
        var high = new ConverseRequest("us.amazon.nova-2-lite-v1:0")
        {
            InferenceConfig = new InferenceConfig { MaxTokens = 1000, Temperature = 0.7f, TopP = 0.9f },
            ReasoningEffort = ReasoningEffort.High,
        }.AddUser("q");
        var medium = new ConverseRequest("us.amazon.nova-2-lite-v1:0")
        {
            InferenceConfig = new InferenceConfig { MaxTokens = 1000, Temperature = 0.7f, TopP = 0.9f },
            ReasoningEffort = ReasoningEffort.Medium,
        }.AddUser("q");

        var highBody = await harness.SendAsync(high);
        var mediumBody = await harness.SendAsync(medium);

        Assert.Null(highBody["inferenceConfig"]);
        Assert.Equal("""{"reasoningConfig":{"type":"enabled","maxReasoningEffort":"high"}}""", highBody["additionalModelRequestFields"]!.ToJsonString());
        Assert.Equal("""{"maxTokens":1000,"temperature":0.7,"topP":0.9}""", mediumBody["inferenceConfig"]!.ToJsonString());
        var logged = Assert.Single(harness.Events(DroppedEvent));
        Assert.Contains("temperature, topP, maxTokens", logged.Message, StringComparison.Ordinal);
        Assert.Contains("Nova", logged.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("openai.gpt-oss-120b-1:0")]
    [InlineData("us.deepseek.r1-v1:0")]
    [InlineData("amazon.nova-2-lite-v1:0")]
    public async Task ClaudesSignedReasoningIsNotReplayedToAnotherVendorsModel(string modelId)
    {
        await using var harness = await Harness.StartAsync();
        var request = Conversation(modelId);

        var body = await harness.SendAsync(request);

        Assert.Equal(
            """[{"text":"A1"},{"reasoningContent":{"reasoningText":{"text":"unsigned"}}},{"text":"A2"}]""",
            AssistantContent(body));
        Assert.Contains("2 reasoning block(s)", Assert.Single(harness.Events(DroppedEvent)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ClaudeGetsItsOwnSignedAndRedactedReasoningBackButNoUnsignedReasoning()
    {
        await using var harness = await Harness.StartAsync();
        var request = Conversation("anthropic.claude-sonnet-4-5-20250929-v1:0");

        var body = await harness.SendAsync(request);

        Assert.Equal(
            """[{"reasoningContent":{"reasoningText":{"text":"signed","signature":"c2ln"}}},{"text":"A1"},{"reasoningContent":{"redactedContent":"AQI="}},{"text":"A2"}]""",
            AssistantContent(body));
    }

    [Fact]
    public async Task DeepSeekR1ReasoningStreamsUnsignedAndIsKeptInTheResult()
    {
        await using var harness = await Harness.StartAsync();
        var updates = await CollectAsync(harness.Client.ConverseStreamAsync(Request("us.deepseek.r1-v1:0", "Why?")));

        var deltas = updates.OfType<ReasoningDelta>().ToList();
        Assert.NotEmpty(deltas);
        Assert.All(deltas, d => Assert.Null(d.Signature));
        var result = await harness.Client.ConverseStreamAsync(Request("us.deepseek.r1-v1:0", "Why?")).ToResultAsync();
        var reasoning = Assert.IsType<ReasoningBlock>(result.Message.Content[0]);
        Assert.Equal("Thinking it over.", reasoning.Text);
        Assert.Null(reasoning.Signature);
        Assert.Equal("You said: Why?", result.Message.Text);
    }

    [Theory]
    [InlineData("amazon.nova-2-lite-v1:0", ReasoningEffort.High, "Thinking it over at high effort.")]
    [InlineData("openai.gpt-oss-120b-1:0", ReasoningEffort.Low, "Thinking it over at low effort.")]
    public async Task NovaAndGptOssReasoningArrivesAsReasoningDeltas(string modelId, ReasoningEffort effort, string expected)
    {
        await using var harness = await Harness.StartAsync();
        var request = new ConverseRequest(modelId) { ReasoningEffort = effort }.AddUser("Hi");

        var updates = await CollectAsync(harness.Client.ConverseStreamAsync(request));

        Assert.Equal(expected, string.Concat(updates.OfType<ReasoningDelta>().Select(d => d.Text)));
        Assert.Equal("You said: Hi", string.Concat(updates.OfType<TextDelta>().Select(d => d.Text)));
    }

    private static ConverseRequest Conversation(string modelId)
    {
        var request = new ConverseRequest(modelId).AddUser("Q1");
        request.Messages.Add(Message.Assistant(new ReasoningBlock("signed", "c2ln"), new TextBlock("A1")));
        request.Messages.Add(Message.User("Q2"));
        request.Messages.Add(Message.Assistant(new ReasoningBlock("unsigned", null), new ReasoningBlock(new byte[] { 1, 2 }), new TextBlock("A2")));
        request.Messages.Add(Message.User("Q3"));
        return request;
    }

    private static string AssistantContent(JsonNode body)
    {
        var messages = body["messages"]!.AsArray();
        return new JsonArray([.. messages.Where(m => m!["role"]!.GetValue<string>() == "assistant").SelectMany(m => m!["content"]!.AsArray()).Select(b => b!.DeepClone())]).ToJsonString();
    }

    private sealed class Harness : IAsyncDisposable
    {
        private readonly ILoggerFactory _loggerFactory;
        private readonly CapturingLoggerProvider _logs = new();

        private Harness(LocalBedrock bedrock)
        {
            Bedrock = bedrock;
            _loggerFactory = LoggerFactory.Create(logging => logging.SetMinimumLevel(LogLevel.Trace).AddProvider(_logs));
            Client = RuntimeTestSupport.Client(bedrock, o => o.LoggerFactory = _loggerFactory);
        }

        public LocalBedrock Bedrock { get; }

        public BedrockClient Client { get; }

        public static async Task<Harness> StartAsync() => new(await LocalBedrock.StartAsync());

        public async Task<JsonNode> SendAsync(ConverseRequest request)
        {
            await Client.ConverseStreamAsync(request).ToResultAsync();
            return JsonNode.Parse(Bedrock.Requests[^1].Body)!;
        }

        public List<CapturingLoggerProvider.LogEntry> Events(string name) => [.. _logs.Entries.Where(e => e.EventId.Name == name)];

        public async ValueTask DisposeAsync()
        {
            Client.Dispose();
            _loggerFactory.Dispose();
            await Bedrock.DisposeAsync();
        }
    }
}
