using System.Net;
using System.Text.Json;
using Clawdbot.Sdk.Testing;
using Xunit;
using static Clawdbot.Sdk.Tests.Emulator.EmulatorClient;

namespace Clawdbot.Sdk.Tests.Emulator;

public sealed class LocalBedrockStreamingTests
{
    [Fact]
    public async Task Default_reply_echoes_the_last_user_text_in_several_deltas()
    {
        await using var bedrock = await LocalBedrock.StartAsync();
        using var client = SigV4(bedrock);

        using var response = await SendAsync(client, Converse(OpusProfile, "please repeat these seven words now"));
        var frames = await ReadFramesAsync(response);

        Assert.Equal("messageStart", frames[0].EventType);
        Assert.Equal("assistant", frames[0].Json.GetProperty("role").GetString());
        var deltas = frames.Where(frame => frame.EventType == "contentBlockDelta").ToList();
        Assert.True(deltas.Count > 1);
        Assert.Equal("You said: please repeat these seven words now",
            string.Concat(deltas.Select(delta => delta.Json.GetProperty("delta").GetProperty("text").GetString())));
        Assert.Equal(["contentBlockStop", "messageStop", "metadata"], frames[^3..].Select(frame => frame.EventType));
        Assert.Equal("end_turn", frames[^2].Json.GetProperty("stopReason").GetString());
        var usage = frames[^1].Json.GetProperty("usage");
        Assert.Equal(6, usage.GetProperty("inputTokens").GetInt32());
        Assert.Equal(8, usage.GetProperty("outputTokens").GetInt32());
        Assert.Equal(14, usage.GetProperty("totalTokens").GetInt32());
        Assert.All(frames, frame =>
        {
            Assert.Equal("event", frame.MessageType);
            Assert.True(frame.Json.TryGetProperty("p", out _), "every event carries the padding field");
        });
    }

    [Fact]
    public async Task Scripted_events_come_back_in_order()
    {
        await using var bedrock = await LocalBedrock.StartAsync();
        bedrock.Enqueue(Script.Stream()
            .Reasoning("think", signature: "sig")
            .Text("Hello", " world")
            .ToolUse("id1", "get_weather", """{"city":"Paris"}""", chunks: 3)
            .Usage(input: 10, output: 5, cacheRead: 2, cacheWrite: 1)
            .Stop("tool_use"));
        using var client = SigV4(bedrock);

        using var response = await SendAsync(client, Converse(OpusProfile, "weather?"));
        var frames = await ReadFramesAsync(response);

        Assert.Equal(
            [
                "messageStart",
                "contentBlockDelta", "contentBlockDelta", "contentBlockStop",
                "contentBlockDelta", "contentBlockDelta", "contentBlockStop",
                "contentBlockStart", "contentBlockDelta", "contentBlockDelta", "contentBlockDelta", "contentBlockStop",
                "messageStop", "metadata",
            ],
            frames.Select(frame => frame.EventType));
        Assert.Equal("think", Delta(frames[1]).GetProperty("reasoningContent").GetProperty("text").GetString());
        Assert.Equal("sig", Delta(frames[2]).GetProperty("reasoningContent").GetProperty("signature").GetString());
        Assert.Equal(0, frames[3].Json.GetProperty("contentBlockIndex").GetInt32());
        Assert.Equal(" world", Delta(frames[5]).GetProperty("text").GetString());
        Assert.Equal(1, frames[5].Json.GetProperty("contentBlockIndex").GetInt32());
        var start = frames[7].Json.GetProperty("start").GetProperty("toolUse");
        Assert.Equal("id1", start.GetProperty("toolUseId").GetString());
        Assert.Equal("get_weather", start.GetProperty("name").GetString());
        Assert.Equal(2, frames[7].Json.GetProperty("contentBlockIndex").GetInt32());
        Assert.Equal("""{"city":"Paris"}""",
            string.Concat(frames[8..11].Select(frame => Delta(frame).GetProperty("toolUse").GetProperty("input").GetString())));
        Assert.Equal("tool_use", frames[12].Json.GetProperty("stopReason").GetString());
        var usage = frames[13].Json.GetProperty("usage");
        Assert.Equal((10, 5, 18, 2, 1), (
            usage.GetProperty("inputTokens").GetInt32(), usage.GetProperty("outputTokens").GetInt32(), usage.GetProperty("totalTokens").GetInt32(),
            usage.GetProperty("cacheReadInputTokens").GetInt32(), usage.GetProperty("cacheWriteInputTokens").GetInt32()));
        Assert.Equal(0, bedrock.PendingScriptCount);
    }

    [Fact]
    public async Task Scripts_for_a_model_wait_for_that_model()
    {
        await using var bedrock = await LocalBedrock.StartAsync();
        bedrock.Enqueue(Script.Stream().Text("for opus"), OpusProfile);
        using var client = SigV4(bedrock);

        using var other = await SendAsync(client, Converse("amazon.nova-pro-v1:0", "first"));
        var otherText = TextOf(await ReadFramesAsync(other));
        using var opus = await SendAsync(client, Converse(OpusProfile, "second"));
        var opusText = TextOf(await ReadFramesAsync(opus));

        Assert.Equal("You said: first", otherText);
        Assert.Equal("for opus", opusText);
    }

    [Fact]
    public async Task Redacted_reasoning_and_raw_events_are_sent_as_given()
    {
        await using var bedrock = await LocalBedrock.StartAsync();
        bedrock.Enqueue(Script.Stream()
            .RedactedReasoning([1, 2, 3])
            .Event("contentBlockDelta", """{"contentBlockIndex":1,"delta":{"citation":{"title":"doc"}}}"""));
        using var client = SigV4(bedrock);

        using var response = await SendAsync(client, Converse(OpusProfile, "x"));
        var frames = await ReadFramesAsync(response);

        Assert.Equal("AQID", Delta(frames[1]).GetProperty("reasoningContent").GetProperty("redactedContent").GetString());
        Assert.Equal("doc", Delta(frames[3]).GetProperty("citation").GetProperty("title").GetString());
    }

    [Fact]
    public async Task Converse_returns_the_script_aggregated()
    {
        await using var bedrock = await LocalBedrock.StartAsync();
        bedrock.Enqueue(Script.Stream()
            .Reasoning("think", signature: "sig", chunks: 2)
            .Text("Hello", " world")
            .ToolUse("id1", "get_weather", """{"city":"Paris"}""", chunks: 3)
            .Usage(input: 10, output: 5));
        using var client = SigV4(bedrock);

        using var response = await client.SendAsync(Converse(OpusProfile, "x", "converse"));
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var root = document.RootElement;
        var content = root.GetProperty("output").GetProperty("message").GetProperty("content");
        Assert.Equal("think", content[0].GetProperty("reasoningContent").GetProperty("reasoningText").GetProperty("text").GetString());
        Assert.Equal("sig", content[0].GetProperty("reasoningContent").GetProperty("reasoningText").GetProperty("signature").GetString());
        Assert.Equal("Hello world", content[1].GetProperty("text").GetString());
        Assert.Equal("Paris", content[2].GetProperty("toolUse").GetProperty("input").GetProperty("city").GetString());
        Assert.Equal("tool_use", root.GetProperty("stopReason").GetString());
        Assert.Equal(15, root.GetProperty("usage").GetProperty("totalTokens").GetInt32());
        Assert.Equal("Converse", bedrock.Requests.Single().Operation);
    }

    [Fact]
    public async Task Raw_body_is_sent_verbatim()
    {
        var recording = EventStreamRecordings.TextDeltas(50);
        await using var bedrock = await LocalBedrock.StartAsync();
        bedrock.Enqueue(Script.RawBody(recording));
        using var client = SigV4(bedrock);

        using var response = await SendAsync(client, Converse(OpusProfile, "x"));
        var bytes = await response.Content.ReadAsByteArrayAsync();

        Assert.Equal(recording, bytes);
    }

    [Fact]
    public async Task Recorded_text_delta_stream_decodes_to_the_requested_number_of_deltas()
    {
        var recording = EventStreamRecordings.TextDeltas(1_000, "tok ");
        using var response = new HttpResponseMessage { Content = new ByteArrayContent(recording) };

        var frames = await ReadFramesAsync(response);

        Assert.Equal(1_000, frames.Count(frame => frame.EventType == "contentBlockDelta"));
        Assert.Equal(["messageStart", "contentBlockDelta"], frames[..2].Select(frame => frame.EventType));
        Assert.Equal(["contentBlockStop", "messageStop", "metadata"], frames[^3..].Select(frame => frame.EventType));
    }

    internal static JsonElement Delta(ReceivedFrame frame) => frame.Json.GetProperty("delta");

    internal static string TextOf(List<ReceivedFrame> frames) => string.Concat(frames
        .Where(frame => frame.EventType == "contentBlockDelta")
        .Select(frame => Delta(frame).GetProperty("text").GetString()));
}
