using System.Text.Json;
using Clawdbot.Sdk.Tests.Runtime;
using Microsoft.Extensions.AI;

namespace Clawdbot.Sdk.Tests.ChatClient;

/// <summary><see cref="ChatOptions.ResponseFormat"/> as <c>outputConfig.textFormat</c>, and MEAI's typed <c>GetResponseAsync&lt;T&gt;</c>.</summary>
public sealed class ChatResponseFormatTests
{
    private static JsonElement? SentSchema(JsonElement body, out JsonElement definition)
    {
        definition = default;
        if (!body.TryGetProperty("outputConfig", out var config))
        {
            return null;
        }

        var format = config.GetProperty("textFormat");
        Assert.Equal("json_schema", format.GetProperty("type").GetString());
        definition = format.GetProperty("structure").GetProperty("jsonSchema");
        using var schema = JsonDocument.Parse(definition.GetProperty("schema").GetString()!);
        return schema.RootElement.Clone();
    }

    [Fact]
    public async Task GetResponseAsync_of_T_sends_the_schema_and_returns_a_T()
    {
        await using var harness = await ChatHarness.StartAsync();

        var response = await harness.Chat.GetResponseAsync<Weather>("Weather in Paris?", StructuredOutputJsonContext.Default.Options);

        Assert.True(response.TryGetResult(out var weather));
        Assert.Equal("text", weather!.City);
        Assert.Equal(Sky.Clear, weather.Sky);
        Assert.NotNull(response.Usage);
        var schema = SentSchema(harness.Body(), out var definition)!.Value;
        Assert.Equal("Weather", definition.GetProperty("name").GetString());
        Assert.True(schema.GetProperty("properties").TryGetProperty("temperatureC", out _));
    }

    [Fact]
    public async Task A_json_schema_format_is_sent_with_its_name_and_description()
    {
        await using var harness = await ChatHarness.StartAsync();
        using var schema = JsonDocument.Parse("""{"type":"object","properties":{"answer":{"type":"integer","minimum":42}},"required":["answer"],"additionalProperties":false}""");

        var response = await harness.Chat.GetResponseAsync("Life?", new ChatOptions
        {
            ResponseFormat = ChatResponseFormat.ForJsonSchema(schema.RootElement, "answer", "The one answer"),
        });

        Assert.Equal("""{"answer":42}""", response.Text);
        var sent = SentSchema(harness.Body(), out var definition)!.Value;
        Assert.Equal("answer", definition.GetProperty("name").GetString());
        Assert.Equal("The one answer", definition.GetProperty("description").GetString());
        Assert.Equal(42, sent.GetProperty("properties").GetProperty("answer").GetProperty("minimum").GetInt32());
    }

    [Fact]
    public async Task Plain_json_asks_for_any_object_and_text_asks_for_nothing()
    {
        await using var harness = await ChatHarness.StartAsync();

        var json = await harness.Chat.GetResponseAsync("Hi", new ChatOptions { ResponseFormat = ChatResponseFormat.Json });
        var jsonSchema = SentSchema(harness.Body(), out var definition)!.Value;
        await harness.Chat.GetResponseAsync("Hi", new ChatOptions { ResponseFormat = ChatResponseFormat.Text });

        Assert.Equal("""{"type":"object"}""", jsonSchema.GetRawText());
        Assert.False(definition.TryGetProperty("name", out _));
        Assert.Equal("{}", json.Text);
        Assert.Null(SentSchema(harness.Body(), out _));
    }

    [Fact]
    public async Task Streaming_with_a_response_format_streams_the_json()
    {
        await using var harness = await ChatHarness.StartAsync();
        var options = new ChatOptions { ResponseFormat = ChatResponseFormat.ForJsonSchema<Weather>(StructuredOutputJsonContext.Default.Options) };

        var updates = new List<ChatResponseUpdate>();
        await foreach (var update in harness.Chat.GetStreamingResponseAsync("Weather?", options))
        {
            updates.Add(update);
        }

        var text = string.Concat(updates.Select(u => u.Text));
        Assert.True(updates.Count(u => u.Text.Length > 0) > 1);
        Assert.Equal("text", JsonSerializer.Deserialize(text, StructuredOutputJsonContext.Default.Weather)!.City);
        Assert.NotNull(SentSchema(harness.Body(), out _));
    }

    [Fact]
    public async Task A_raw_request_with_its_own_output_format_keeps_it()
    {
        await using var harness = await ChatHarness.StartAsync();
        var own = OutputFormat.ForJsonSchema("""{"type":"object","properties":{"x":{"type":"boolean"}},"required":["x"],"additionalProperties":false}""", "own");

        var response = await harness.Chat.GetResponseAsync("Hi", new ChatOptions
        {
            ResponseFormat = ChatResponseFormat.Json,
            RawRepresentationFactory = _ => new ConverseRequest(ChatHarness.ModelId) { OutputFormat = own },
        });

        SentSchema(harness.Body(), out var definition);
        Assert.Equal("own", definition.GetProperty("name").GetString());
        Assert.Equal("""{"x":true}""", response.Text);
    }
}
