using System.Net;
using Clawdbot.Sdk.EventStreams;
using Clawdbot.Sdk.Testing;
using Xunit;
using static Clawdbot.Sdk.Tests.Emulator.EmulatorClient;

namespace Clawdbot.Sdk.Tests.Emulator;

public sealed class LocalBedrockFaultTests
{
    [Fact]
    public async Task ThenException_ends_the_stream_with_an_exception_frame()
    {
        await using var bedrock = await LocalBedrock.StartAsync();
        bedrock.Enqueue(Script.Stream().Text("partial").ThenException("throttlingException", "Rate exceeded"));
        using var client = SigV4(bedrock);

        using var response = await SendAsync(client, Converse(OpusProfile, "x"));
        var frames = await ReadFramesAsync(response);

        var last = frames[^1];
        Assert.Equal("exception", last.MessageType);
        Assert.Equal("throttlingException", last.ExceptionType);
        Assert.Equal("Rate exceeded", last.Json.GetProperty("message").GetString());
        Assert.Equal(["messageStart", "contentBlockDelta", "contentBlockStop", null], frames.Select(frame => frame.EventType));
    }

    [Fact]
    public async Task ThenError_ends_the_stream_with_an_untyped_error_frame()
    {
        await using var bedrock = await LocalBedrock.StartAsync();
        bedrock.Enqueue(Script.Stream().ThenError("InternalFailure", "Something went wrong"));
        using var client = SigV4(bedrock);

        using var response = await SendAsync(client, Converse(OpusProfile, "x"));
        var frames = await ReadFramesAsync(response);

        Assert.Equal(2, frames.Count);
        Assert.Equal(("error", "InternalFailure", "Something went wrong"), (frames[1].MessageType, frames[1].ErrorCode, frames[1].ErrorMessage));
    }

    [Fact]
    public async Task DropConnection_aborts_the_body_after_the_frames_before_it()
    {
        await using var bedrock = await LocalBedrock.StartAsync();
        bedrock.Enqueue(Script.Stream().Text("a", "b").DropConnection().Text("never"));
        using var client = SigV4(bedrock);

        using var response = await SendAsync(client, Converse(OpusProfile, "x"));
        var frames = new List<ReceivedFrame>();
        var error = await Record.ExceptionAsync(() => ReadFramesAsync(response, frames));

        Assert.True(error is IOException, $"expected an IOException, got {error?.GetType().Name ?? "none"}");
        Assert.Equal(["messageStart", "contentBlockDelta", "contentBlockDelta", "contentBlockStop"], frames.Select(frame => frame.EventType));
    }

    [Fact]
    public async Task CorruptCrc_breaks_the_message_crc_of_that_frame()
    {
        await using var bedrock = await LocalBedrock.StartAsync();
        bedrock.Enqueue(Script.Stream().Text("ok").CorruptCrc().Text("after"));
        using var client = SigV4(bedrock);

        using var response = await SendAsync(client, Converse(OpusProfile, "x"));
        var frames = new List<ReceivedFrame>();
        var error = await Assert.ThrowsAsync<EventStreamException>(() => ReadFramesAsync(response, frames));

        Assert.Equal(EventStreamErrorReason.MessageCrcMismatch, error.Reason);
        Assert.Equal(["messageStart", "contentBlockDelta"], frames.Select(frame => frame.EventType));
    }

    [Fact]
    public async Task EndWithoutStop_ends_cleanly_before_messageStop()
    {
        await using var bedrock = await LocalBedrock.StartAsync();
        bedrock.Enqueue(Script.Stream().Text("cut short").EndWithoutStop());
        using var client = SigV4(bedrock);

        using var response = await SendAsync(client, Converse(OpusProfile, "x"));
        var frames = await ReadFramesAsync(response);

        Assert.Equal(["messageStart", "contentBlockDelta", "contentBlockStop"], frames.Select(frame => frame.EventType));
    }

    [Theory]
    [InlineData(400, "ValidationException")]
    [InlineData(403, "AccessDeniedException")]
    [InlineData(404, "ResourceNotFoundException")]
    [InlineData(429, "ThrottlingException")]
    [InlineData(500, "InternalServerException")]
    [InlineData(503, "ServiceUnavailableException")]
    public async Task HttpError_is_sent_as_AWS_does(int status, string errorType)
    {
        await using var bedrock = await LocalBedrock.StartAsync();
        bedrock.Enqueue(Script.HttpError(status, errorType, "scripted failure"));
        using var client = SigV4(bedrock);

        using var response = await SendAsync(client, Converse(OpusProfile, "x"));

        Assert.Equal(status, (int)response.StatusCode);
        Assert.StartsWith(errorType + ":http://internal.amazon.com/coral/", response.Headers.GetValues("x-amzn-ErrorType").Single());
        Assert.Equal("scripted failure", await ErrorMessageAsync(response));
    }

    [Fact]
    public async Task Stream_exception_becomes_the_matching_http_error_on_converse()
    {
        await using var bedrock = await LocalBedrock.StartAsync();
        bedrock.Enqueue(Script.Stream().ThenException("throttlingException", "Rate exceeded"));
        using var client = SigV4(bedrock);

        using var response = await client.SendAsync(Converse(OpusProfile, "x", "converse"));

        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.Equal("ThrottlingException", ErrorType(response));
    }

    [Fact]
    public async Task DelayFirstByte_holds_back_the_response_headers()
    {
        var time = TestClock.Create();
        await using var bedrock = await TestClock.StartBedrockAsync(time);
        bedrock.Enqueue(Script.Stream().Text("late").DelayFirstByte(TimeSpan.FromSeconds(30)));
        using var client = SigV4(bedrock);

        var sending = client.SendAsync(Converse(OpusProfile, "x"), HttpCompletionOption.ResponseHeadersRead);
        await Eventually.UntilAsync(() => bedrock.Requests.Count == 1, "the request");
        time.Advance(TimeSpan.FromSeconds(29));
        Assert.False(sending.IsCompleted);
        time.Advance(TimeSpan.FromSeconds(1));
        using var response = await Eventually.Within(sending, "the headers once the delay has passed");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task DelayBetweenEvents_flushes_each_frame_before_waiting()
    {
        var time = TestClock.Create();
        await using var bedrock = await TestClock.StartBedrockAsync(time);
        bedrock.Enqueue(Script.Stream().Text("first", "second").DelayBetweenEvents(TimeSpan.FromSeconds(30)));
        using var client = SigV4(bedrock);

        using var response = await SendAsync(client, Converse(OpusProfile, "x"));
        await using var reader = new EventStreamReader(await response.Content.ReadAsStreamAsync());

        // The clock has not moved: the first frame arriving at all proves it was flushed before the wait.
        Assert.True(await Eventually.Within(reader.ReadNextAsync().AsTask(), "the first frame"));
        Assert.Equal("messageStart", reader.EventType);
        var next = reader.ReadNextAsync().AsTask();
        time.Advance(TimeSpan.FromSeconds(29));
        Assert.False(next.IsCompleted);
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.True(await Eventually.Within(next, "the second frame once the delay has passed"));
        Assert.Equal("contentBlockDelta", reader.EventType);
    }

    [Fact]
    public async Task Malformed_request_body_is_a_validation_error()
    {
        await using var bedrock = await LocalBedrock.StartAsync();
        using var client = SigV4(bedrock);

        using var response = await client.PostAsync(RuntimePath(OpusProfile, "converse-stream"), new StringContent("not json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("ValidationException", ErrorType(response));
    }
}
