using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;
using MeaiReasoningEffort = Microsoft.Extensions.AI.ReasoningEffort;

namespace Clawdbot.Sdk.Tests.ChatClient;

/// <summary>What a chat call sends: the request JSON the emulator recorded.</summary>
public sealed class ChatRequestMappingTests
{
    [Fact]
    public async Task Options_map_to_inference_config_and_system_blocks()
    {
        await using var harness = await ChatHarness.StartAsync();
        List<ChatMessage> messages = [new(ChatRole.System, "Be brief."), new(ChatRole.User, "Hi")];

        await harness.Chat.GetResponseAsync(messages, new ChatOptions
        {
            Instructions = "You are a weather bot.",
            MaxOutputTokens = 321,
            Temperature = 0.25f,
            TopP = 0.5f,
            StopSequences = ["END", "STOP"],
        });

        var body = harness.Body();
        var inference = body.GetProperty("inferenceConfig");
        Assert.Equal(321, inference.GetProperty("maxTokens").GetInt32());
        Assert.Equal(0.25, inference.GetProperty("temperature").GetDouble(), 3);
        Assert.Equal(0.5, inference.GetProperty("topP").GetDouble(), 3);
        Assert.Equal(["END", "STOP"], inference.GetProperty("stopSequences").EnumerateArray().Select(e => e.GetString()!));
        Assert.Equal(["You are a weather bot.", "Be brief."], body.GetProperty("system").EnumerateArray().Select(e => e.GetProperty("text").GetString()!));
        Assert.Equal(1, body.GetProperty("messages").GetArrayLength());
    }

    [Fact]
    public async Task ModelId_option_overrides_the_bound_model()
    {
        await using var harness = await ChatHarness.StartAsync();

        var response = await harness.Chat.GetResponseAsync("Hi", new ChatOptions { ModelId = "amazon.nova-pro-v1:0" });

        Assert.Equal("amazon.nova-pro-v1:0", harness.Bedrock.Requests[^1].ModelId);
        Assert.Equal("amazon.nova-pro-v1:0", response.ModelId);
    }

    [Theory]
    [InlineData("auto", "auto", null)]
    [InlineData("any", "any", null)]
    [InlineData("specific", "tool", "lookup")]
    [InlineData("unset", null, null)]
    public async Task ToolMode_maps_to_toolChoice(string mode, string? wireChoice, string? toolName)
    {
        await using var harness = await ChatHarness.StartAsync();
        var lookup = AIFunctionFactory.Create((string query) => query, "lookup", "Looks up a thing");
        var options = new ChatOptions
        {
            Tools = [lookup],
            ToolMode = mode switch
            {
                "auto" => ChatToolMode.Auto,
                "any" => ChatToolMode.RequireAny,
                "specific" => ChatToolMode.RequireSpecific("lookup"),
                _ => null,
            },
        };

        await harness.Chat.GetResponseAsync("Hi", options);

        var toolConfig = harness.Body().GetProperty("toolConfig");
        if (wireChoice is null)
        {
            Assert.False(toolConfig.TryGetProperty("toolChoice", out _));
        }
        else
        {
            var choice = toolConfig.GetProperty("toolChoice").GetProperty(wireChoice);
            if (toolName is not null)
            {
                Assert.Equal(toolName, choice.GetProperty("name").GetString());
            }
        }
    }

    [Fact]
    public async Task ToolMode_none_leaves_the_tools_out()
    {
        await using var harness = await ChatHarness.StartAsync();
        var lookup = AIFunctionFactory.Create((string query) => query, "lookup");

        await harness.Chat.GetResponseAsync("Hi", new ChatOptions { Tools = [lookup], ToolMode = ChatToolMode.None });

        Assert.False(harness.Body().TryGetProperty("toolConfig", out _));
    }

    [Fact]
    public async Task Images_and_documents_map_by_media_type()
    {
        await using var harness = await ChatHarness.StartAsync();
        byte[] png = [0x89, 0x50, 0x4E, 0x47];
        byte[] pdf = [0x25, 0x50, 0x44, 0x46];
        var message = new ChatMessage(ChatRole.User,
        [
            new TextContent("Describe these"),
            new DataContent(png, "image/png"),
            new DataContent(pdf, "application/pdf") { Name = "Q3 report.pdf" },
            new DataContent("a,b\n1,2"u8.ToArray(), "text/csv"),
        ]);

        await harness.Chat.GetResponseAsync([message]);

        var content = harness.Body().GetProperty("messages")[0].GetProperty("content");
        Assert.Equal("Describe these", content[0].GetProperty("text").GetString());
        var image = content[1].GetProperty("image");
        Assert.Equal("png", image.GetProperty("format").GetString());
        Assert.Equal(png, image.GetProperty("source").GetProperty("bytes").GetBytesFromBase64());
        var document = content[2].GetProperty("document");
        Assert.Equal("pdf", document.GetProperty("format").GetString());
        Assert.Equal("Q3 report", document.GetProperty("name").GetString());
        Assert.Equal(pdf, document.GetProperty("source").GetProperty("bytes").GetBytesFromBase64());
        Assert.Equal("csv", content[3].GetProperty("document").GetProperty("format").GetString());
        Assert.Equal("document-4", content[3].GetProperty("document").GetProperty("name").GetString());
    }

    [Fact]
    public async Task An_unsupported_media_type_is_refused_before_sending()
    {
        await using var harness = await ChatHarness.StartAsync();
        var message = new ChatMessage(ChatRole.User, [new DataContent(new byte[] { 1 }, "audio/wav")]);

        await Assert.ThrowsAsync<NotSupportedException>(() => harness.Chat.GetResponseAsync([message]));
        Assert.Empty(harness.Bedrock.Requests);
    }

    [Theory]
    [InlineData(MeaiReasoningEffort.Low, "low")]
    [InlineData(MeaiReasoningEffort.High, "high")]
    [InlineData(MeaiReasoningEffort.ExtraHigh, "max")]
    public async Task Reasoning_effort_reaches_an_adaptive_model(MeaiReasoningEffort effort, string wireEffort)
    {
        await using var harness = await ChatHarness.StartAsync(modelId: "anthropic.claude-opus-4-6-v1");

        await harness.Chat.GetResponseAsync("Think", new ChatOptions { Reasoning = new ReasoningOptions { Effort = effort } });

        var fields = harness.Body().GetProperty("additionalModelRequestFields");
        Assert.Equal("adaptive", fields.GetProperty("thinking").GetProperty("type").GetString());
        Assert.Equal(wireEffort, fields.GetProperty("output_config").GetProperty("effort").GetString());
    }

    [Fact]
    public async Task Reasoning_effort_none_turns_off_a_declared_reasoning_model()
    {
        var model = new ModelDefinition { Id = "anthropic.claude-sonnet-4-20250514-v1:0", Name = "Sonnet 4", Reasoning = true };
        await using var harness = await ChatHarness.StartAsync(model, model.Id);

        await harness.Chat.GetResponseAsync("Hi", new ChatOptions { Reasoning = new ReasoningOptions { Effort = MeaiReasoningEffort.None } });
        await harness.Chat.GetResponseAsync("Hi");

        Assert.False(harness.Body(0).TryGetProperty("additionalModelRequestFields", out _));
        Assert.Equal("enabled", harness.Body(1).GetProperty("additionalModelRequestFields").GetProperty("thinking").GetProperty("type").GetString());
    }

    [Fact]
    public async Task A_raw_ConverseRequest_is_the_base_and_keeps_what_the_caller_set()
    {
        await using var harness = await ChatHarness.StartAsync();
        var options = new ChatOptions
        {
            MaxOutputTokens = 100,
            Temperature = 0.9f,
            RawRepresentationFactory = _ =>
            {
                var raw = new ConverseRequest("amazon.nova-lite-v1:0")
                {
                    InferenceConfig = new InferenceConfig { MaxTokens = 42 },
                    AdditionalModelRequestFields = new JsonObject { ["top_k"] = 5 },
                };
                raw.RequestMetadata["tenant"] = "blue";
                return raw;
            },
        };

        await harness.Chat.GetResponseAsync("Hi", options);

        var body = harness.Body();
        Assert.Equal("amazon.nova-lite-v1:0", harness.Bedrock.Requests[^1].ModelId);
        Assert.Equal(42, body.GetProperty("inferenceConfig").GetProperty("maxTokens").GetInt32());
        Assert.Equal(0.9, body.GetProperty("inferenceConfig").GetProperty("temperature").GetDouble(), 3);
        Assert.Equal(5, body.GetProperty("additionalModelRequestFields").GetProperty("top_k").GetInt32());
        Assert.Equal("blue", body.GetProperty("requestMetadata").GetProperty("tenant").GetString());
        Assert.Equal("Hi", body.GetProperty("messages")[0].GetProperty("content")[0].GetProperty("text").GetString());
    }

    [Fact]
    public async Task Consecutive_user_turns_are_merged_so_roles_alternate()
    {
        await using var harness = await ChatHarness.StartAsync();
        List<ChatMessage> messages =
        [
            new(ChatRole.User, "One"),
            new(ChatRole.User, "Two"),
            new(ChatRole.Assistant, "Three"),
            new(ChatRole.User, "Four"),
        ];

        await harness.Chat.GetResponseAsync(messages);

        var wire = harness.Body().GetProperty("messages");
        Assert.Equal(["user", "assistant", "user"], wire.EnumerateArray().Select(m => m.GetProperty("role").GetString()!));
        Assert.Equal(["One", "Two"], wire[0].GetProperty("content").EnumerateArray().Select(b => b.GetProperty("text").GetString()!));
    }

    [Fact]
    public void Function_call_arguments_without_a_raw_block_are_serialized()
    {
        var call = new FunctionCallContent("c1", "get_weather", new Dictionary<string, object?> { ["city"] = "Oslo", ["days"] = 3 });

        var block = Assert.IsType<ToolUseBlock>(Assert.Single(ContentMapper.ToBlocks([call], ConversationRole.Assistant)));

        Assert.Equal("c1", block.ToolUseId);
        Assert.Equal("Oslo", block.Input.GetProperty("city").GetString());
        Assert.Equal(3, block.Input.GetProperty("days").GetInt32());
    }

    [Theory]
    [InlineData("plain text", "text", "plain text")]
    [InlineData(42, "text", "42")]
    public void Function_results_become_tool_result_content(object result, string member, string expected)
    {
        var block = Assert.IsType<ToolResultBlock>(Assert.Single(ContentMapper.ToBlocks([new FunctionResultContent("c1", result)], ConversationRole.User)));

        var text = Assert.IsType<ToolResultContent.Text>(Assert.Single(block.Content));
        Assert.Equal("text", member);
        Assert.Equal(expected, text.Value);
        Assert.Null(block.Status);
    }

    [Fact]
    public void A_json_object_result_is_sent_as_json()
    {
        using var document = JsonDocument.Parse("{\"temp\":21}");

        var block = Assert.IsType<ToolResultBlock>(Assert.Single(ContentMapper.ToBlocks([new FunctionResultContent("c1", document.RootElement)], ConversationRole.User)));

        var json = Assert.IsType<ToolResultContent.Json>(Assert.Single(block.Content));
        Assert.Equal(21, json.Value.GetProperty("temp").GetInt32());
    }
}
