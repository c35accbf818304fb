using System.Text.Json;
using System.Text.Json.Nodes;
using Clawdbot.Sdk.Testing;
using Xunit;
using static Clawdbot.Sdk.Tests.Runtime.RuntimeTestSupport;

namespace Clawdbot.Sdk.Tests.Runtime;

public sealed class RequestShapeTests
{
    [Fact]
    public async Task EveryContentBlockAndConfigReachesTheWireInBedrockShape()
    {
        await using var bedrock = await LocalBedrock.StartAsync();
        using var client = Client(bedrock, o => o.Headers["x-extra"] = "1");
        var request = new ConverseRequest("anthropic.claude-3-haiku-20240307-v1:0")
        {
            InferenceConfig = new InferenceConfig { MaxTokens = 300, Temperature = 0.5f, TopP = 0.9f, StopSequences = ["STOP"] },
            ToolConfig = new ToolConfig([new ToolDefinition("get_weather", "Weather by city", JsonNode.Parse("{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"}}}")!)], ToolChoice.Tool("get_weather")) { CachePointAfterTools = true },
            AdditionalModelRequestFields = new JsonObject { ["top_k"] = 5 },
            Latency = LatencyMode.Optimized,
            ServiceTier = ServiceTier.Priority,
            GuardrailConfig = new GuardrailConfig("gr-1", "2") { Trace = "enabled", StreamProcessingMode = "async" },
        };
        request.System.Add(SystemBlock.FromText("Be brief."));
        request.System.Add(SystemBlock.CachePointHere);
        request.RequestMetadata["team"] = "blue";
        request.AdditionalModelResponseFieldPaths.Add("/stop_sequence");
        using var toolInput = JsonDocument.Parse("{\"city\":\"Paris\"}");
        using var toolJson = JsonDocument.Parse("{\"temp\":21}");
        request.Messages.Add(Message.User(
            new TextBlock("Look"),
            new ImageBlock("png", new byte[] { 1, 2, 3 }),
            new DocumentBlock("pdf", "spec", new byte[] { 4, 5 }),
            CachePointBlock.Default));
        request.Messages.Add(Message.Assistant(
            new ReasoningBlock("thinking", "sig=="),
            new ReasoningBlock(new byte[] { 9, 8 }),
            new ToolUseBlock("tu1", "get_weather", toolInput.RootElement)));
        request.Messages.Add(Message.User(new ToolResultBlock("tu1", [new ToolResultContent.Text("sunny"), new ToolResultContent.Json(toolJson.RootElement), new ToolResultContent.Image("jpeg", new byte[] { 7 })], ToolResultStatus.Success)));

        await client.ConverseStreamAsync(request).ToResultAsync();

        var recorded = Assert.Single(bedrock.Requests);
        Assert.Equal("1", recorded.Headers["x-extra"]);
        var root = JsonNode.Parse(recorded.Body)!.AsObject();
        Assert.Equal(
            JsonNode.Parse("""
            {
              "messages": [
                {"role":"user","content":[
                  {"text":"Look"},
                  {"image":{"format":"png","source":{"bytes":"AQID"}}},
                  {"document":{"format":"pdf","name":"spec","source":{"bytes":"BAU="}}},
                  {"cachePoint":{"type":"default"}}]},
                {"role":"assistant","content":[
                  {"reasoningContent":{"reasoningText":{"text":"thinking","signature":"sig=="}}},
                  {"reasoningContent":{"redactedContent":"CQg="}},
                  {"toolUse":{"toolUseId":"tu1","name":"get_weather","input":{"city":"Paris"}}}]},
                {"role":"user","content":[
                  {"toolResult":{"toolUseId":"tu1","content":[{"text":"sunny"},{"json":{"temp":21}},{"image":{"format":"jpeg","source":{"bytes":"Bw=="}}}],"status":"success"}}]}
              ],
              "system":[{"text":"Be brief."},{"cachePoint":{"type":"default"}}],
              "inferenceConfig":{"maxTokens":300,"temperature":0.5,"topP":0.9,"stopSequences":["STOP"]},
              "toolConfig":{"tools":[{"toolSpec":{"name":"get_weather","description":"Weather by city","inputSchema":{"json":{"type":"object","properties":{"city":{"type":"string"}}}}}},{"cachePoint":{"type":"default"}}],"toolChoice":{"tool":{"name":"get_weather"}}},
              "guardrailConfig":{"guardrailIdentifier":"gr-1","guardrailVersion":"2","trace":"enabled","streamProcessingMode":"async"},
              "additionalModelRequestFields":{"top_k":5},
              "additionalModelResponseFieldPaths":["/stop_sequence"],
              "requestMetadata":{"team":"blue"},
              "performanceConfig":{"latency":"optimized"},
              "serviceTier":{"type":"priority"}
            }
            """)!.ToJsonString(),
            root.ToJsonString());
    }

    [Theory]
    [InlineData("auto", "{\"auto\":{}}")]
    [InlineData("any", "{\"any\":{}}")]
    public void ToolChoiceShapes(string kind, string expected)
    {
        var request = Request();
        request.ToolConfig = new ToolConfig([new ToolDefinition("t", null, new JsonObject())], kind == "auto" ? ToolChoice.Auto : ToolChoice.Any);
        var body = JsonNode.Parse(Wire.ConverseRequestWriter.Serialize(request, streaming: true))!;
        Assert.Equal(expected, body["toolConfig"]!["toolChoice"]!.ToJsonString());
    }

    [Fact]
    public void DeclaredMaxTokensIsTheDefaultAndConverseOmitsStreamProcessingMode()
    {
        var request = Request();
        request.Model = new ModelDefinition { Id = request.ModelId, Name = "m", MaxTokens = 1234 };
        request.GuardrailConfig = new GuardrailConfig("g", "1") { StreamProcessingMode = "sync" };
        var body = JsonNode.Parse(Wire.ConverseRequestWriter.Serialize(request, streaming: false))!;
        Assert.Equal(1234, body["inferenceConfig"]!["maxTokens"]!.GetValue<int>());
        Assert.Null(body["guardrailConfig"]!["streamProcessingMode"]);
        Assert.Null(body["additionalModelRequestFields"]);
    }
}
