using System.Text.Json.Nodes;
using Clawdbot.Sdk.Testing;
using Microsoft.Extensions.AI;
using Xunit;
using static Clawdbot.Sdk.Tests.Runtime.RuntimeTestSupport;

namespace Clawdbot.Sdk.Tests.Runtime;

/// <summary><c>agents.defaults.models["provider/id"].params</c> applied at run time: request, then params, then the model.</summary>
public sealed class ModelParamsTests
{
    private const string ModelId = "anthropic.claude-sonnet-4-5-20250929-v1:0";

    private static ClawdbotConfig Config(string parameters, string reasoning = "false") => ClawdbotConfig.Parse($$"""
        {
          models: { providers: { "amazon-bedrock": { baseUrl: "https://bedrock-runtime.us-east-1.amazonaws.com", models: [
            { id: "{{ModelId}}", name: "Sonnet", maxTokens: 8192, reasoning: {{reasoning}} },
          ] } } },
          agents: { defaults: { models: { "amazon-bedrock/{{ModelId}}": { params: {{parameters}} } } } },
        }
        """);

    private static BedrockModel Model(ClawdbotConfig config, LocalBedrock bedrock)
    {
        var clients = new BedrockClientProvider(config);
        clients.Use(Client(bedrock));
        return new BedrockModel(clients, "amazon-bedrock", config.Models.Providers[0].Models[0]);
    }

    private static JsonObject Body(LocalBedrock bedrock, int index = 0) => JsonNode.Parse(bedrock.Requests[index].Body)!.AsObject();

    [Fact]
    public async Task ParamsWinOverTheModelsDeclaration()
    {
        await using var bedrock = await LocalBedrock.StartAsync();
        var model = Model(Config("{ temperature: 0.2, maxTokens: 1500, cacheRetention: 'none' }"), bedrock);

        await model.StreamAsync("Hi").ToResultAsync();

        var inference = Body(bedrock)["inferenceConfig"]!;
        Assert.Equal(1500, inference["maxTokens"]!.GetValue<int>());
        Assert.Equal(0.2f, inference["temperature"]!.GetValue<float>());
    }

    [Fact]
    public async Task TheRequestsOwnValuesWinOverParamsAndTheRequestIsNotChanged()
    {
        await using var bedrock = await LocalBedrock.StartAsync();
        var model = Model(Config("{ temperature: 0.2, maxTokens: 1500, thinking: 'high', cacheRetention: 'none' }"), bedrock);
        var request = model.CreateRequest("Hi");
        request.InferenceConfig = new InferenceConfig { Temperature = 0.9f };
        // Thinking off also keeps the temperature: Claude refuses a temperature only while it thinks.
        request.ReasoningEffort = ReasoningEffort.Off;

        await model.CompleteAsync(request);

        var body = Body(bedrock);
        Assert.Equal(0.9f, body["inferenceConfig"]!["temperature"]!.GetValue<float>());
        Assert.Equal(1500, body["inferenceConfig"]!["maxTokens"]!.GetValue<int>());
        Assert.Null(body["additionalModelRequestFields"]?["thinking"]);
        Assert.Equal(new InferenceConfig { Temperature = 0.9f }, request.InferenceConfig);
        Assert.Equal(ReasoningEffort.Off, request.ReasoningEffort);
    }

    [Theory]
    [InlineData("off", null)]
    [InlineData("minimal", 2048)]
    [InlineData("low", 2048)]
    [InlineData("medium", 8192)]
    [InlineData("high", 16384)]
    [InlineData("on", 16384)]
    [InlineData("xhigh", 32768)]
    public async Task TheThinkingLevelSetsTheReasoningEffort(string level, int? budget)
    {
        await using var bedrock = await LocalBedrock.StartAsync();
        var model = Model(Config($"{{ thinking: '{level}', maxTokens: 64000, cacheRetention: 'none' }}", reasoning: "true"), bedrock);

        await model.StreamAsync("Hi").ToResultAsync();

        var thinking = Body(bedrock)["additionalModelRequestFields"]?["thinking"];
        Assert.Equal(budget, thinking?["budget_tokens"]?.GetValue<int>());
    }

    [Fact]
    public async Task ParamsReachTheDeclaredModelsChatClient()
    {
        await using var bedrock = await LocalBedrock.StartAsync();
        var chat = Model(Config("{ temperature: 0.3, maxTokens: 1200, cacheRetention: 'long' }"), bedrock).AsIChatClient();

        await chat.GetResponseAsync([new ChatMessage(ChatRole.System, "Be brief."), new ChatMessage(ChatRole.User, "Hi")], new ChatOptions { Temperature = 0.7f });

        var body = Body(bedrock);
        Assert.Equal(0.7f, body["inferenceConfig"]!["temperature"]!.GetValue<float>());
        Assert.Equal(1200, body["inferenceConfig"]!["maxTokens"]!.GetValue<int>());
        Assert.Equal("1h", body["system"]![1]!["cachePoint"]!["ttl"]!.GetValue<string>());
    }

    [Fact]
    public async Task ParamsApplyToAReferenceThatIsNotDeclared()
    {
        await using var bedrock = await LocalBedrock.StartAsync();
        var config = ClawdbotConfig.Parse("""
            { agents: { defaults: { models: { "amazon-bedrock/amazon.nova-lite-v1:0": { params: { maxTokens: 700, cacheRetention: "short" } } } } } }
            """);
        var parameters = config.AgentDefaults.ParamsFor("amazon-bedrock", "amazon.nova-lite-v1:0");
        using var client = Client(bedrock);

        await client.ConverseAsync(new ConverseRequest("amazon.nova-lite-v1:0") { Params = parameters }.AddUser("Hi"));

        var body = Body(bedrock);
        Assert.Equal(700, body["inferenceConfig"]!["maxTokens"]!.GetValue<int>());
        Assert.Equal("5m", body["messages"]![0]!["content"]![1]!["cachePoint"]!["ttl"]!.GetValue<string>());
        Assert.Null(config.AgentDefaults.ParamsFor("amazon-bedrock", "amazon.nova-pro-v1:0"));
    }

    [Fact]
    public void UnknownParamsArePassedOverAndPlaceholdersAreFilledWhenUsed()
    {
        var name = "CLAWDBOT_TEST_RETENTION_" + Guid.NewGuid().ToString("N").ToUpperInvariant();
        var config = ClawdbotConfig.Parse($$"""
            { agents: { defaults: { models: { "amazon-bedrock/m": { params: { cacheRetention: "${{{name}}}", topK: 5, toolChoice: "auto" } } } } } }
            """);

        Assert.Null(config.AgentDefaults.ParamsFor("amazon-bedrock", "m"));
        System.Environment.SetEnvironmentVariable(name, "long");
        try
        {
            Assert.Equal(new AgentModelParams { CacheRetention = CacheRetention.Long }, config.AgentDefaults.ParamsFor("amazon-bedrock", "m"));
        }
        finally
        {
            System.Environment.SetEnvironmentVariable(name, null);
        }
    }

    [Fact]
    public void TheOlderCacheControlTtlStillNamesTheRetention()
    {
        var config = ClawdbotConfig.Parse("""
            { agents: { defaults: { models: {
              "amazon-bedrock/a": { params: { cacheControlTtl: "1h" } },
              "amazon-bedrock/b": { params: { cacheControlTtl: "5m" } },
              "amazon-bedrock/c": { params: { cacheRetention: "none", cacheControlTtl: "1h" } },
            } } } }
            """);

        Assert.Equal(CacheRetention.Long, config.AgentDefaults.ParamsFor("amazon-bedrock", "a")!.CacheRetention);
        Assert.Equal(CacheRetention.Short, config.AgentDefaults.ParamsFor("amazon-bedrock", "b")!.CacheRetention);
        Assert.Equal(CacheRetention.None, config.AgentDefaults.ParamsFor("amazon-bedrock", "c")!.CacheRetention);
    }
}
