using System.Text;
using Amazon.Runtime.EventStreams;
using Clawdbot.Sdk.Testing;
using Xunit;
using static Clawdbot.Sdk.Tests.Runtime.RuntimeTestSupport;

namespace Clawdbot.Sdk.Tests.Runtime;

/// <summary>Streams built frame by frame with AWSSDK.Core's encoder, served raw by the emulator.</summary>
public sealed class StreamDecodingTests
{
    [Fact]
    public async Task FramesEncodedByTheAwsSdkDecodeIntoTypedUpdates()
    {
        var body = Concat(
            Event("messageStart", """{"p":"abcdef","role":"assistant"}"""),
            Event("contentBlockDelta", """{"delta":{"text":"Hé \u00e9 \"q\""},"contentBlockIndex":0,"p":"xx"}"""),
            Event("contentBlockStop", """{"contentBlockIndex":0}"""),
            Event("messageStop", """{"stopReason":"some_new_reason","additionalModelResponseFields":{"k":1}}"""),
            Event("metadata", """{"usage":{"inputTokens":7,"outputTokens":3,"totalTokens":10,"cacheReadInputTokens":1,"cacheWriteInputTokens":2,"futureField":{"a":[1]}},"metrics":{"latencyMs":55},"trace":{}}"""));
        await using var bedrock = await LocalBedrock.StartAsync();
        bedrock.Enqueue(Script.RawBody(body));
        using var client = Client(bedrock);

        var updates = await CollectAsync(client.ConverseStreamAsync(Request()));

        Assert.Equal("Hé é \"q\"", Assert.Single(updates.OfType<TextDelta>()).Text);
        var stop = Assert.Single(updates.OfType<MessageStop>());
        Assert.Equal("some_new_reason", stop.StopReason.Value);
        Assert.False(stop.StopReason.IsKnown);
        Assert.Equal(1, stop.AdditionalModelResponseFields!.Value.GetProperty("k").GetInt32());
        var usage = Assert.Single(updates.OfType<UsageUpdate>()).Usage;
        Assert.Equal((7, 3, 10, 1, 2), (usage.InputTokens, usage.OutputTokens, usage.TotalTokens, usage.CacheReadInputTokens, usage.CacheWriteInputTokens));
        Assert.Null(usage.CostUsd);
    }

    [Fact]
    public async Task TruncatedFrameIsStreamBroken()
    {
        var whole = Concat(Event("messageStart", """{"role":"assistant"}"""), Event("contentBlockDelta", """{"contentBlockIndex":0,"delta":{"text":"abc"}}"""));
        var truncated = whole.AsMemory(0, whole.Length - 5);
        await using var bedrock = await LocalBedrock.StartAsync();
        bedrock.Enqueue(Script.RawBody(truncated));
        using var client = Client(bedrock);

        var error = await Assert.ThrowsAsync<BedrockException>(() => client.ConverseStreamAsync(Request()).ToResultAsync());

        Assert.Equal(BedrockErrorKind.StreamBroken, error.Kind);
        Assert.Single(bedrock.Requests);
    }

    [Fact]
    public async Task MalformedPayloadIsStreamBroken()
    {
        var body = Concat(Event("messageStart", """{"role":"assistant"}"""), Event("contentBlockDelta", """{"contentBlockIndex":"zero"}"""));
        await using var bedrock = await LocalBedrock.StartAsync();
        bedrock.Enqueue(Script.RawBody(body));
        using var client = Client(bedrock);

        var error = await Assert.ThrowsAsync<BedrockException>(() => client.ConverseStreamAsync(Request()).ToResultAsync());

        Assert.Equal(BedrockErrorKind.StreamBroken, error.Kind);
        Assert.Contains("contentBlockDelta", error.Message, StringComparison.Ordinal);
    }

    internal static byte[] Event(string eventType, string json)
    {
        var headers = new List<IEventStreamHeader>
        {
            StringHeader(":event-type", eventType),
            StringHeader(":content-type", "application/json"),
            StringHeader(":message-type", "event"),
        };
        return new EventStreamMessage(headers, Encoding.UTF8.GetBytes(json)).ToByteArray();
    }

    internal static byte[] Concat(params byte[][] frames) => frames.SelectMany(f => f).ToArray();

    private static EventStreamHeader StringHeader(string name, string value)
    {
        var header = new EventStreamHeader(name);
        header.SetString(value);
        return header;
    }
}
