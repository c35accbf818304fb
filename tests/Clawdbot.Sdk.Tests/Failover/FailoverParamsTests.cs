using System.Text.Json.Nodes;
using Clawdbot.Sdk.Testing;
using static Clawdbot.Sdk.Tests.Failover.FailoverFixture;

namespace Clawdbot.Sdk.Tests.Failover;

/// <summary>A fallback answers with its own params, unless the caller chose params of their own.</summary>
public sealed class FailoverParamsTests
{
    private static readonly string Json5WithParams = FailoverFixture.Json5
        .Replace("""{ alias: "pro" }""", """{ alias: "pro", params: { temperature: 0.1, cacheRetention: "none" } }""", StringComparison.Ordinal)
        .Replace("""{ alias: "lite" }""", """{ alias: "lite", params: { temperature: 0.7, cacheRetention: "none" } }""", StringComparison.Ordinal);

    [Fact]
    public async Task A_fallback_is_sent_with_its_own_params_not_the_primarys()
    {
        await using var bedrock = await LocalBedrock.StartAsync();
        using var client = Client(bedrock);
        bedrock.SetStandingResponse(Primary, Script.HttpError(429, "ThrottlingException", "Rate exceeded"));

        var result = await ChainWithParams(client).StreamAsync("Hi").ToResultAsync();

        Assert.Equal("amazon-bedrock/" + Second, result.ModelRef);
        Assert.Equal(0.1f, Temperature(bedrock, Primary));
        Assert.Equal(0.7f, Temperature(bedrock, Second));
    }

    [Fact]
    public async Task Params_the_caller_chose_go_to_every_model_of_the_chain()
    {
        await using var bedrock = await LocalBedrock.StartAsync();
        using var client = Client(bedrock);
        bedrock.SetStandingResponse(Primary, Script.HttpError(429, "ThrottlingException", "Rate exceeded"));
        var chain = ChainWithParams(client);
        var request = chain.CreateRequest("Hi");
        request.Params = new AgentModelParams { Temperature = 0.3 };

        await chain.StreamAsync(request).ToResultAsync();

        Assert.Equal(0.3f, Temperature(bedrock, Primary));
        Assert.Equal(0.3f, Temperature(bedrock, Second));
    }

    private static BedrockFallbackChain ChainWithParams(BedrockClient client)
    {
        var clients = new BedrockClientProvider(ClawdbotConfig.Parse(Json5WithParams));
        clients.Use(client);
        return BedrockFallbackChain.FromConfig(clients);
    }

    private static float Temperature(LocalBedrock bedrock, string modelId)
        => JsonNode.Parse(bedrock.Requests.Last(r => r.ModelId == modelId).Body)!["inferenceConfig"]!["temperature"]!.GetValue<float>();
}
