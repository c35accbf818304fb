using System.Text.Json.Nodes;
using Clawdbot.Sdk.Testing;
using Microsoft.Extensions.AI;
using Xunit;
using static Clawdbot.Sdk.Tests.Runtime.RuntimeTestSupport;

namespace Clawdbot.Sdk.Tests.Runtime;

/// <summary>Cache points with a TTL, placed by the caller or by <c>cacheRetention</c>, and cache writes priced per TTL.</summary>
public sealed class PromptCachingTests
{
    private const string Sonnet45 = "anthropic.claude-sonnet-4-5-20250929-v1:0";

    private static BedrockModel Declared(LocalBedrock bedrock, string modelId, string? parameters)
    {
        var entry = parameters is null ? string.Empty : $$"""agents: { defaults: { models: { "amazon-bedrock/{{modelId}}": { params: {{parameters}} } } } },""";
        var config = ClawdbotConfig.Parse($$"""
            {
              models: { providers: { "amazon-bedrock": { baseUrl: "https://bedrock-runtime.us-east-1.amazonaws.com", models: [
                { id: "{{modelId}}", name: "M", cost: { input: 3, output: 15, cacheRead: 0.3, cacheWrite: 3.75 } },
              ] } } },
              {{entry}}
            }
            """);
        var clients = new BedrockClientProvider(config);
        clients.Use(Client(bedrock));
        return new BedrockModel(clients, "amazon-bedrock", config.Models.Providers[0].Models[0]);
    }

    private static async Task<JsonObject> SendAsync(LocalBedrock bedrock, BedrockModel model, Action<ConverseRequest>? configure = null)
    {
        var request = model.CreateRequest("What is in the manual?");
        request.System.Add(SystemBlock.FromText("You answer from the manual."));
        configure?.Invoke(request);
        await model.StreamAsync(request).ToResultAsync();
        return JsonNode.Parse(bedrock.Requests[^1].Body)!.AsObject();
    }

    /// <summary>The TTL of each cache point in <paramref name="blocks"/> ("default" when it names none).</summary>
    private static string[] Ttls(JsonNode? blocks)
        => blocks is null ? [] : [.. blocks.AsArray().Where(b => b!["cachePoint"] is not null).Select(b => b!["cachePoint"]!["ttl"]?.GetValue<string>() ?? "default")];

    private static string[] Expected(string? ttl) => ttl is null ? [] : [ttl];

    [Fact]
    public async Task LongRetentionPutsOneHourCachePointsOnTheSystemPromptAndTheLastUserTurn()
    {
        await using var bedrock = await LocalBedrock.StartAsync();

        var body = await SendAsync(bedrock, Declared(bedrock, Sonnet45, "{ cacheRetention: 'long' }"));

        Assert.Equal("""[{"text":"You answer from the manual."},{"cachePoint":{"type":"default","ttl":"1h"}}]""", body["system"]!.ToJsonString());
        Assert.Equal("""[{"text":"What is in the manual?"},{"cachePoint":{"type":"default","ttl":"1h"}}]""", body["messages"]![0]!["content"]!.ToJsonString());
    }

    [Theory]
    [InlineData("{ cacheRetention: 'short' }", "5m")]
    [InlineData("{ cacheRetention: 'none' }", null)]
    [InlineData(null, "5m")]
    [InlineData("{ temperature: 0.5 }", "5m")]
    public async Task RetentionOfADeclaredClaudeModel(string? parameters, string? ttl)
    {
        await using var bedrock = await LocalBedrock.StartAsync();

        var body = await SendAsync(bedrock, Declared(bedrock, Sonnet45, parameters));

        Assert.Equal(Expected(ttl), Ttls(body["system"]));
        Assert.Equal(Expected(ttl), Ttls(body["messages"]![0]!["content"]));
    }

    [Theory]
    // The 1-hour TTL exists from Claude 4.5 on: long falls back to five minutes before.
    [InlineData("anthropic.claude-sonnet-4-20250514-v1:0", "{ cacheRetention: 'long' }", "5m")]
    [InlineData("us.anthropic.claude-opus-4-5-20251101-v1:0", "{ cacheRetention: 'long' }", "1h")]
    [InlineData("us.anthropic.claude-3-7-sonnet-20250219-v1:0", null, "5m")]
    // Models that do not cache, and Nova unless asked (as in Clawdbot), get no cache points.
    [InlineData("anthropic.claude-3-haiku-20240307-v1:0", "{ cacheRetention: 'long' }", null)]
    [InlineData("meta.llama3-70b-instruct-v1:0", "{ cacheRetention: 'short' }", null)]
    [InlineData("amazon.nova-pro-v1:0", null, null)]
    [InlineData("amazon.nova-pro-v1:0", "{ cacheRetention: 'long' }", "5m")]
    public async Task WhichModelsGetWhichTtl(string modelId, string? parameters, string? ttl)
    {
        await using var bedrock = await LocalBedrock.StartAsync();

        var body = await SendAsync(bedrock, Declared(bedrock, modelId, parameters));

        Assert.Equal(Expected(ttl), Ttls(body["system"]));
        Assert.Equal(Expected(ttl), Ttls(body["messages"]![0]!["content"]));
    }

    [Fact]
    public async Task ARequestWithoutAModelGetsNoCachePointsUnlessItAsks()
    {
        await using var bedrock = await LocalBedrock.StartAsync();
        using var client = Client(bedrock);

        await client.ConverseAsync(Request(Sonnet45));
        await client.ConverseAsync(new ConverseRequest(Sonnet45) { CacheRetention = CacheRetention.Long }.AddUser("Hi"));

        Assert.Empty(Ttls(JsonNode.Parse(bedrock.Requests[0].Body)!["messages"]![0]!["content"]));
        Assert.Equal(["1h"], Ttls(JsonNode.Parse(bedrock.Requests[1].Body)!["messages"]![0]!["content"]));
    }

    [Fact]
    public async Task TheRequestsRetentionWinsAndAPlaceEndingWithACachePointGetsNoSecond()
    {
        await using var bedrock = await LocalBedrock.StartAsync();
        var model = Declared(bedrock, Sonnet45, "{ cacheRetention: 'short' }");

        var body = await SendAsync(bedrock, model, request =>
        {
            request.CacheRetention = CacheRetention.Long;
            request.System.Add(SystemBlock.CachePointFor(CacheTtl.OneHour));
        });

        Assert.Equal(["1h"], Ttls(body["system"]));
        Assert.Equal(["1h"], Ttls(body["messages"]![0]!["content"]));
    }

    [Fact]
    public async Task AConversationEndingWithTheAssistantGetsNoMessageCachePoint()
    {
        await using var bedrock = await LocalBedrock.StartAsync();
        var model = Declared(bedrock, Sonnet45, "{ cacheRetention: 'short' }");

        var body = await SendAsync(bedrock, model, request => request.Messages.Add(Message.Assistant(new TextBlock("The manual says"))));

        Assert.Equal(["5m"], Ttls(body["system"]));
        Assert.All(body["messages"]!.AsArray(), m => Assert.Empty(Ttls(m!["content"])));
    }

    [Fact]
    public async Task EveryCachePointACallerPlacesCarriesItsTtl()
    {
        await using var bedrock = await LocalBedrock.StartAsync();
        using var client = Client(bedrock);
        var request = new ConverseRequest("anthropic.claude-3-haiku-20240307-v1:0")
        {
            ToolConfig = new ToolConfig([new ToolDefinition("find", null, JsonNode.Parse("""{"type":"object"}""")!)]) { CachePointAfterToolsTtl = CacheTtl.OneHour },
        };
        request.System.Add(SystemBlock.FromText("Manual."));
        request.System.Add(SystemBlock.CachePointFor(CacheTtl.OneHour));
        request.System.Add(SystemBlock.CachePointHere);
        request.Messages.Add(Message.User(new TextBlock("Q"), CachePointBlock.For(CacheTtl.FiveMinutes), CachePointBlock.Default));

        await client.ConverseStreamAsync(request).ToResultAsync();

        var body = JsonNode.Parse(bedrock.Requests[0].Body)!;
        Assert.Equal("""[{"text":"Manual."},{"cachePoint":{"type":"default","ttl":"1h"}},{"cachePoint":{"type":"default"}}]""", body["system"]!.ToJsonString());
        Assert.Equal("""[{"text":"Q"},{"cachePoint":{"type":"default","ttl":"5m"}},{"cachePoint":{"type":"default"}}]""", body["messages"]![0]!["content"]!.ToJsonString());
        Assert.Equal("""{"cachePoint":{"type":"default","ttl":"1h"}}""", body["toolConfig"]!["tools"]![1]!.ToJsonString());
    }

    [Fact]
    public async Task TheChatClientCarriesCachePointTtlsAndTheCacheRetentionOption()
    {
        await using var bedrock = await LocalBedrock.StartAsync();
        using var client = Client(bedrock);
        var chat = client.AsIChatClient("anthropic.claude-3-haiku-20240307-v1:0");
        var marked = new ChatMessage(ChatRole.User, [new TextContent("Q"), new AIContent { RawRepresentation = CachePointBlock.For(CacheTtl.OneHour) }]);

        await chat.GetResponseAsync([marked]);
        await chat.GetResponseAsync([new ChatMessage(ChatRole.User, "Q")], new ChatOptions
        {
            ModelId = Sonnet45,
            AdditionalProperties = new() { ["cache_retention"] = "long" },
        });

        Assert.Equal(["1h"], Ttls(JsonNode.Parse(bedrock.Requests[0].Body)!["messages"]![0]!["content"]));
        Assert.Equal(["1h"], Ttls(JsonNode.Parse(bedrock.Requests[1].Body)!["messages"]![0]!["content"]));
        await Assert.ThrowsAsync<ArgumentException>(() => chat.GetResponseAsync([new ChatMessage(ChatRole.User, "Q")], new ChatOptions
        {
            AdditionalProperties = new() { ["cache_retention"] = "forever" },
        }));
    }

    [Fact]
    public async Task OneHourCacheWritesAreReadFromCacheDetailsAndPricedAtTwiceTheInputPrice()
    {
        await using var bedrock = await LocalBedrock.StartAsync();
        var model = Declared(bedrock, Sonnet45, "{ cacheRetention: 'long' }");
        bedrock.Enqueue(Script.Stream().Text("ok").Usage(input: 1000, output: 100, cacheRead: 400).CacheWrites(fiveMinutes: 300, oneHour: 2000));
        bedrock.Enqueue(Script.Stream().Text("ok").Usage(input: 1000, output: 100, cacheRead: 400).CacheWrites(fiveMinutes: 300, oneHour: 2000));

        var streamed = (await model.StreamAsync("Hi").ToResultAsync()).Usage!;
        var whole = (await model.CompleteAsync("Hi")).Usage!;

        foreach (var usage in new[] { streamed, whole })
        {
            Assert.Equal(2300, usage.CacheWriteInputTokens);
            Assert.Equal(2000, usage.CacheWriteOneHourInputTokens);
            Assert.Equal(300, usage.CacheWriteFiveMinuteInputTokens);
            // input 1000 × 3 + output 100 × 15 + reads 400 × 0.3 + 5-minute writes 300 × 3.75 + 1-hour writes 2000 × 6, per million.
            Assert.Equal(((1000 * 3m) + (100 * 15m) + (400 * 0.3m) + (300 * 3.75m) + (2000 * 6m)) / 1_000_000m, usage.CostUsd);
        }
    }

    [Fact]
    public void WithoutCacheDetailsEveryWriteIsAFiveMinuteWrite()
    {
        var cost = new ModelCost(3m, 15m, 0.3m, 3.75m);

        Assert.Equal(TokenUsage.ComputeCost(cost, 10, 20, 30, 40), TokenUsage.ComputeCost(cost, 10, 20, 30, 40, 0));
        Assert.Equal((40 * 6m) / 1_000_000m, TokenUsage.ComputeCost(cost, 0, 0, 0, 40, 40));
        Assert.Throws<ArgumentOutOfRangeException>(() => TokenUsage.ComputeCost(cost, 0, 0, 0, 10, 11));
        Assert.Equal(0, new TokenUsage(1, 2, 3, 4, 10, null).CacheWriteOneHourInputTokens);
        Assert.Equal(4, new TokenUsage(1, 2, 3, 4, 10, null).CacheWriteFiveMinuteInputTokens);
    }
}
