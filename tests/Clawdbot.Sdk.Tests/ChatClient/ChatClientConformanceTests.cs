using System.ComponentModel;
using System.Text.Json;
using Clawdbot.Sdk.Testing;
using Microsoft.Extensions.AI;

namespace Clawdbot.Sdk.Tests.ChatClient;

/// <summary>A tool-calling conversation through UseFunctionInvocation against the emulator, end to end.</summary>
public sealed class ChatClientConformanceTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task FunctionInvocation_runs_the_tool_and_sends_its_result_back(bool streaming)
    {
        await using var harness = await ChatHarness.StartAsync();
        harness.Bedrock.Enqueue(Script.Stream().Text("Let me check.").ToolUse("tool-1", "get_weather", "{\"city\":\"Paris\"}", chunks: 3).Usage(20, 8));
        harness.Bedrock.Enqueue(Script.Stream().Text("It is sunny in Paris, 21 °C.").Usage(40, 9));
        var calls = new List<string>();
        var weather = AIFunctionFactory.Create(
            ([Description("The city")] string city) =>
            {
                calls.Add(city);
                return new WeatherReport(city, "sunny", 21);
            },
            "get_weather",
            "Current weather of a city");
        using var chat = new ChatClientBuilder(harness.Chat).UseFunctionInvocation().Build();
        var options = new ChatOptions { Tools = [weather] };
        List<ChatMessage> history = [new(ChatRole.User, "What is the weather in Paris?")];

        var response = streaming
            ? await chat.GetStreamingResponseAsync(history, options).ToChatResponseAsync()
            : await chat.GetResponseAsync(history, options);

        Assert.Equal(["Paris"], calls);
        Assert.Equal("It is sunny in Paris, 21 °C.", response.Messages[^1].Text);
        Assert.Equal(ChatFinishReason.Stop, response.FinishReason);

        var first = harness.Body(0);
        var tool = first.GetProperty("toolConfig").GetProperty("tools")[0].GetProperty("toolSpec");
        Assert.Equal("get_weather", tool.GetProperty("name").GetString());
        Assert.Equal("Current weather of a city", tool.GetProperty("description").GetString());
        var schema = tool.GetProperty("inputSchema").GetProperty("json");
        Assert.Equal("object", schema.GetProperty("type").GetString());
        Assert.Equal("string", schema.GetProperty("properties").GetProperty("city").GetProperty("type").GetString());

        var second = harness.Body(1);
        var messages = second.GetProperty("messages");
        Assert.Equal(3, messages.GetArrayLength());
        var assistant = messages[1];
        Assert.Equal("assistant", assistant.GetProperty("role").GetString());
        var toolUse = assistant.GetProperty("content").EnumerateArray().Single(b => b.TryGetProperty("toolUse", out _)).GetProperty("toolUse");
        Assert.Equal("tool-1", toolUse.GetProperty("toolUseId").GetString());
        Assert.Equal("Paris", toolUse.GetProperty("input").GetProperty("city").GetString());
        var toolResult = messages[2].GetProperty("content")[0].GetProperty("toolResult");
        Assert.Equal("user", messages[2].GetProperty("role").GetString());
        Assert.Equal("tool-1", toolResult.GetProperty("toolUseId").GetString());
        var json = toolResult.GetProperty("content")[0].GetProperty("json");
        // AIFunctionFactory serializes the record with MEAI's default (camelCase) options.
        Assert.Equal("Paris", json.GetProperty("city").GetString());
        Assert.Equal(21, json.GetProperty("celsius").GetInt32());
        Assert.True(second.TryGetProperty("toolConfig", out _));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Reasoning_before_a_tool_call_goes_back_signed_with_the_tool_result(bool streaming)
    {
        var model = new ModelDefinition { Id = "anthropic.claude-sonnet-4-20250514-v1:0", Name = "Sonnet 4", Reasoning = true };
        await using var harness = await ChatHarness.StartAsync(model, model.Id);
        byte[] redacted = [9, 8, 7];
        harness.Bedrock.Enqueue(Script.Stream()
            .Reasoning("I need the weather tool.", signature: "sig-tool-turn", chunks: 2)
            .RedactedReasoning(redacted)
            .ToolUse("tool-7", "get_weather", "{\"city\":\"Lyon\"}"));
        harness.Bedrock.Enqueue(Script.Stream().Text("Rainy in Lyon."));
        var weather = AIFunctionFactory.Create((string city) => "rain, 12 C in " + city, "get_weather");
        using var chat = new ChatClientBuilder(harness.Chat).UseFunctionInvocation().Build();
        var options = new ChatOptions { Tools = [weather] };

        var response = streaming
            ? await chat.GetStreamingResponseAsync("Weather in Lyon?", options).ToChatResponseAsync()
            : await chat.GetResponseAsync("Weather in Lyon?", options);

        Assert.Equal("Rainy in Lyon.", response.Messages[^1].Text);
        var assistant = harness.Body(1).GetProperty("messages")[1].GetProperty("content");
        var reasoning = assistant[0].GetProperty("reasoningContent").GetProperty("reasoningText");
        Assert.Equal("I need the weather tool.", reasoning.GetProperty("text").GetString());
        Assert.Equal("sig-tool-turn", reasoning.GetProperty("signature").GetString());
        Assert.Equal(redacted, assistant[1].GetProperty("reasoningContent").GetProperty("redactedContent").GetBytesFromBase64());
        Assert.Equal("tool-7", assistant[2].GetProperty("toolUse").GetProperty("toolUseId").GetString());
        var result = harness.Body(1).GetProperty("messages")[2].GetProperty("content")[0].GetProperty("toolResult");
        Assert.Equal("rain, 12 C in Lyon", result.GetProperty("content")[0].GetProperty("text").GetString());
    }

    [Fact]
    public async Task A_failing_tool_is_reported_to_the_model_as_an_error_result()
    {
        await using var harness = await ChatHarness.StartAsync();
        harness.Bedrock.Enqueue(Script.Stream().ToolUse("tool-9", "explode", "{}"));
        harness.Bedrock.Enqueue(Script.Stream().Text("Sorry."));
        var explode = AIFunctionFactory.Create(string () => throw new InvalidOperationException("boom"), "explode");
        using var chat = new ChatClientBuilder(harness.Chat).UseFunctionInvocation().Build();

        var response = await chat.GetResponseAsync("Go", new ChatOptions { Tools = [explode] });

        Assert.Equal("Sorry.", response.Text);
        var toolResult = harness.Body(1).GetProperty("messages")[2].GetProperty("content")[0].GetProperty("toolResult");
        Assert.Equal("error", toolResult.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.String, toolResult.GetProperty("content")[0].GetProperty("text").ValueKind);
    }

    public sealed record WeatherReport(string City, string Sky, int Celsius);
}
