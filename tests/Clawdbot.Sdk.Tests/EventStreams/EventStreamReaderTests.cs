using Xunit;
using System.Text;
using Amazon.Runtime.EventStreams;
using Clawdbot.Sdk.EventStreams;
using AwsHeader = Amazon.Runtime.EventStreams.EventStreamHeader;

namespace Clawdbot.Sdk.Tests.EventStreams;

public sealed class EventStreamReaderTests
{
    private static readonly byte[] TwoFrames = TestFrames.Concat(
        TestFrames.AwsEvent("messageStart", """{"role":"assistant","p":"abc"}"""),
        TestFrames.AwsEvent("contentBlockDelta", """{"contentBlockIndex":0,"delta":{"text":"Hi"},"p":"xyz"}"""));

    [Fact]
    public async Task Known_header_values_are_cached_instances()
    {
        await using var reader = new EventStreamReader(new MemoryStream(TwoFrames));

        Assert.True(await reader.ReadNextAsync());
        Assert.Same("event", reader.MessageType);
        Assert.Same("messageStart", reader.EventType);
        Assert.Same("application/json", reader.ContentType);
        Assert.Null(reader.ExceptionType);
        Assert.Null(reader.ErrorCode);

        Assert.True(await reader.ReadNextAsync());
        Assert.Same("contentBlockDelta", reader.EventType);
        Assert.Equal("""{"contentBlockIndex":0,"delta":{"text":"Hi"},"p":"xyz"}""", Encoding.UTF8.GetString(reader.Payload.Span));
        Assert.False(await reader.ReadNextAsync());
        Assert.Null(reader.MessageType);
        Assert.True(reader.Payload.IsEmpty);
    }

    [Fact]
    public async Task The_buffer_grows_while_reads_fill_it_and_keeps_its_size_for_a_trickle()
    {
        var delta = TestFrames.AwsEvent("contentBlockDelta", """{"contentBlockIndex":0,"delta":{"text":"token "},"p":"abcdefgh"}""");
        var body = TestFrames.Concat(Enumerable.Repeat(delta, 4 * EventStreamReader.LargestReadBuffer / delta.Length).ToArray());

        await using var flooded = new EventStreamReader(new MemoryStream(body));
        var floodedFrames = await CountFramesAsync(flooded);
        await using var trickled = new EventStreamReader(new OneByteAtATimeStream(body[..(100 * delta.Length)]));
        var trickledFrames = await CountFramesAsync(trickled);

        Assert.Equal(body.Length / delta.Length, floodedFrames);
        Assert.Equal(EventStreamReader.LargestReadBuffer, flooded.BufferLength);
        Assert.Equal(100, trickledFrames);
        Assert.Equal(64 * 1024, trickled.BufferLength);
    }

    private static async Task<int> CountFramesAsync(EventStreamReader reader)
    {
        var frames = 0;
        while (await reader.ReadNextAsync())
        {
            frames++;
        }

        return frames;
    }

    [Fact]
    public async Task Headers_stay_right_when_the_header_block_changes_between_frames()
    {
        // The reader remembers the last header block; every change (back and forth, a block too large to remember,
        // an error frame) must give the frame its own headers, never the remembered ones.
        var delta = TestFrames.AwsEvent("contentBlockDelta", """{"contentBlockIndex":0,"delta":{"text":"a"}}""");
        var stop = TestFrames.AwsEvent("contentBlockStop", """{"contentBlockIndex":0}""");
        var large = Encode([(":event-type", "custom"), (":message-type", "event"), (":padding", new string('x', 400))], "{}");
        var error = Encode([(":error-code", "Oops"), (":message-type", "error")], "");
        await using var reader = new EventStreamReader(new MemoryStream(TestFrames.Concat(delta, delta, stop, delta, large, large, delta, error, delta)));

        string?[] expected = ["contentBlockDelta", "contentBlockDelta", "contentBlockStop", "contentBlockDelta", "custom", "custom", "contentBlockDelta", null, "contentBlockDelta"];
        foreach (var eventType in expected)
        {
            Assert.True(await reader.ReadNextAsync());
            Assert.Equal(eventType, reader.EventType);
            Assert.Equal(eventType is null ? "error" : "event", reader.MessageType);
            Assert.Equal(eventType is null ? "Oops" : null, reader.ErrorCode);
            Assert.Equal(eventType is null or "custom" ? null : "application/json", reader.ContentType);
        }

        Assert.False(await reader.ReadNextAsync());
        Assert.Null(reader.EventType);
    }

    [Fact]
    public async Task Exception_and_error_frames_expose_their_headers()
    {
        var exception = Encode([(":exception-type", "throttlingException"), (":content-type", "application/json"), (":message-type", "exception")],
            """{"message":"Rate exceeded"}""");
        var error = Encode([(":error-code", "InternalFailure"), (":error-message", "Something broke"), (":message-type", "error")], "");
        await using var reader = new EventStreamReader(new MemoryStream(TestFrames.Concat(exception, error)));

        Assert.True(await reader.ReadNextAsync());
        Assert.Same("exception", reader.MessageType);
        Assert.Same("throttlingException", reader.ExceptionType);
        Assert.True(await reader.ReadNextAsync());
        Assert.Same("error", reader.MessageType);
        Assert.Equal("InternalFailure", reader.ErrorCode);
        Assert.Equal("Something broke", reader.ErrorMessage);
        Assert.True(reader.Payload.IsEmpty);
    }

    [Fact]
    public async Task Empty_body_is_a_clean_end()
    {
        await using var reader = new EventStreamReader(new MemoryStream());

        Assert.False(await reader.ReadNextAsync());
    }

    [Fact]
    public async Task Body_cut_at_every_offset_is_truncated_except_at_frame_boundaries()
    {
        var firstLength = TestFrames.AwsEvent("messageStart", """{"role":"assistant","p":"abc"}""").Length;
        for (var cut = 0; cut <= TwoFrames.Length; cut++)
        {
            var expectedFrames = cut == TwoFrames.Length ? 2 : cut >= firstLength ? 1 : 0;
            var cleanEnd = cut == 0 || cut == firstLength || cut == TwoFrames.Length;
            await using var reader = new EventStreamReader(new MemoryStream(TwoFrames[..cut]));

            for (var frame = 0; frame < expectedFrames; frame++)
            {
                Assert.True(await reader.ReadNextAsync(), $"frame {frame} of a body cut at {cut}");
            }

            if (cleanEnd)
            {
                Assert.False(await reader.ReadNextAsync(), $"clean end at {cut}");
            }
            else
            {
                var error = await Assert.ThrowsAsync<EventStreamException>(() => reader.ReadNextAsync().AsTask());
                Assert.Equal(EventStreamErrorReason.Truncated, error.Reason);
            }
        }
    }

    [Fact]
    public async Task Frames_delivered_one_byte_at_a_time_decode_in_order()
    {
        await using var reader = new EventStreamReader(new OneByteAtATimeStream(TwoFrames), initialBufferSize: 16);

        Assert.True(await reader.ReadNextAsync());
        Assert.Same("messageStart", reader.EventType);
        Assert.Equal("""{"role":"assistant","p":"abc"}""", Encoding.UTF8.GetString(reader.Payload.Span));
        Assert.True(await reader.ReadNextAsync());
        Assert.Same("contentBlockDelta", reader.EventType);
        Assert.Equal("""{"contentBlockIndex":0,"delta":{"text":"Hi"},"p":"xyz"}""", Encoding.UTF8.GetString(reader.Payload.Span));
        Assert.False(await reader.ReadNextAsync());
    }

    [Fact]
    public async Task Frames_larger_than_the_buffer_grow_it()
    {
        var big = new string('x', 200_000);
        var body = TestFrames.Concat(
            TestFrames.AwsEvent("contentBlockDelta", "{\"delta\":{\"text\":\"" + big + "\"}}"),
            TestFrames.AwsEvent("contentBlockStop", """{"contentBlockIndex":0}"""));
        await using var reader = new EventStreamReader(new MemoryStream(body), initialBufferSize: 64);

        Assert.True(await reader.ReadNextAsync());
        Assert.Equal("{\"delta\":{\"text\":\"" + big + "\"}}", Encoding.UTF8.GetString(reader.Payload.Span));
        Assert.True(await reader.ReadNextAsync());
        Assert.Same("contentBlockStop", reader.EventType);
        Assert.False(await reader.ReadNextAsync());
    }

    [Theory]
    [InlineData(EventStreamReader.MaxFrameLength + 1u, 0u)]
    [InlineData(15u, 0u)]
    [InlineData(16u, 1u)]
    [InlineData(40u, 30u)]
    public async Task Impossible_lengths_are_bad_length(uint totalLength, uint headersLength)
    {
        var frame = TestFrames.Raw([], new byte[24], totalLength, headersLength);
        await using var reader = new EventStreamReader(new MemoryStream(frame));

        var error = await Assert.ThrowsAsync<EventStreamException>(() => reader.ReadNextAsync().AsTask());

        Assert.Equal(EventStreamErrorReason.BadLength, error.Reason);
    }

    [Theory]
    [InlineData(new byte[] { 1, (byte)'a', 10 })]
    [InlineData(new byte[] { 0, 7, 0, 0 })]
    [InlineData(new byte[] { 1, (byte)'a', 7, 0, 9, (byte)'x' })]
    [InlineData(new byte[] { 1, (byte)'a', 4, 0, 0 })]
    [InlineData(new byte[] { 5, (byte)'a' })]
    public async Task Malformed_headers_are_bad_header(byte[] headers)
    {
        await using var reader = new EventStreamReader(new MemoryStream(TestFrames.Raw(headers, [])));

        var error = await Assert.ThrowsAsync<EventStreamException>(() => reader.ReadNextAsync().AsTask());

        Assert.Equal(EventStreamErrorReason.BadHeader, error.Reason);
    }

    [Fact]
    public async Task Invalid_utf8_in_a_string_header_is_bad_header()
    {
        byte[] headers = [14, .. ":error-message"u8, 7, 0, 2, 0xC3, 0x28];
        await using var reader = new EventStreamReader(new MemoryStream(TestFrames.Raw(headers, [])));
        Assert.True(await reader.ReadNextAsync());

        var error = Assert.Throws<EventStreamException>(() => reader.ErrorMessage);

        Assert.Equal(EventStreamErrorReason.BadHeader, error.Reason);
    }

    [Fact]
    public async Task Round_trips_every_header_type_encoded_by_AWSSDK()
    {
        var timestamp = new DateTime(2025, 11, 1, 12, 30, 45, 123, DateTimeKind.Utc);
        var uuid = Guid.Parse("0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0");
        var headers = new List<IEventStreamHeader>
        {
            Header("t", h => h.SetBool(true)),
            Header("f", h => h.SetBool(false)),
            Header("sbyte", h => h.SetSByte(-7)),
            Header("short", h => h.SetInt16(-1234)),
            Header("int", h => h.SetInt32(int.MinValue)),
            Header("long", h => h.SetInt64(long.MaxValue)),
            Header("bytes", h => h.SetByteBuf([1, 2, 3, 255])),
            Header("string", h => h.SetString("héllo ✓")),
            Header("time", h => h.SetTimestamp(timestamp)),
            Header("uuid", h => h.SetUUID(uuid)),
        };
        var payload = Encoding.UTF8.GetBytes("""{"x":1}""");
        var bytes = new EventStreamMessage(headers, payload).ToByteArray();
        await using var reader = new EventStreamReader(new MemoryStream(bytes));

        Assert.True(await reader.ReadNextAsync());

        Assert.Equal(
            [
                new Clawdbot.Sdk.EventStreams.EventStreamHeader("t", EventStreamValueType.BoolTrue, true),
                new("f", EventStreamValueType.BoolFalse, false),
                new("sbyte", EventStreamValueType.Byte, (sbyte)-7),
                new("short", EventStreamValueType.Short, (short)-1234),
                new("int", EventStreamValueType.Int, int.MinValue),
                new("long", EventStreamValueType.Long, long.MaxValue),
            ],
            reader.Headers.Take(6));
        Assert.Equal(new byte[] { 1, 2, 3, 255 }, reader.Headers[6].Value);
        Assert.Equal("héllo ✓", reader.Headers[7].Value);
        Assert.Equal(new DateTimeOffset(timestamp), reader.Headers[8].Value);
        // AWSSDK.Core writes Guid.ToByteArray() (mixed-endian); the wire format and the shared vectors are
        // big-endian (RFC 4122 order), so the same 16 bytes read back as this Guid.
        Assert.Equal(new Guid(uuid.ToByteArray(), bigEndian: true), reader.Headers[9].Value);
        Assert.Equal(payload, reader.Payload.ToArray());
        Assert.Equal(bytes.Length, reader.FrameLength);
    }

    // Frames of 16 consecutive lengths cover every remainder modulo 16, so both ways the message CRC is taken (going on
    // from the prelude's state, or a fresh pass) and the remembered preludes are exercised.
    public static TheoryData<int> SixteenFrameLengths() => [.. Enumerable.Range(0, 16)];

    [Theory]
    [MemberData(nameof(SixteenFrameLengths))]
    public async Task A_corrupt_byte_is_caught_in_a_frame_whose_prelude_was_seen_before(int padding)
    {
        var frame = DeltaFrame(padding);
        var payloadByte = frame.Length - 6;
        var corruptPayload = frame.ToArray();
        corruptPayload[payloadByte] ^= 0x01;
        var corruptCrc = frame.ToArray();
        corruptCrc[^1] ^= 0x80;

        foreach (var corrupt in new[] { corruptPayload, corruptCrc })
        {
            // The first copy is read whole; the second has the same prelude and a broken message.
            await using var reader = new EventStreamReader(new MemoryStream(TestFrames.Concat(frame, corrupt)));
            Assert.True(await reader.ReadNextAsync());
            var error = await Assert.ThrowsAsync<EventStreamException>(() => reader.ReadNextAsync().AsTask());
            Assert.Equal(EventStreamErrorReason.MessageCrcMismatch, error.Reason);
            Assert.Contains($"at byte {frame.Length}", error.Message, StringComparison.Ordinal);
        }
    }

    [Theory]
    [MemberData(nameof(SixteenFrameLengths))]
    public async Task A_prelude_whose_lengths_were_seen_before_with_another_crc_is_a_prelude_mismatch(int padding)
    {
        var frame = DeltaFrame(padding);
        var corrupt = frame.ToArray();
        corrupt[9] ^= 0x10;

        await using var reader = new EventStreamReader(new MemoryStream(TestFrames.Concat(frame, frame, corrupt)));

        Assert.True(await reader.ReadNextAsync());
        Assert.True(await reader.ReadNextAsync());
        var error = await Assert.ThrowsAsync<EventStreamException>(() => reader.ReadNextAsync().AsTask());
        Assert.Equal(EventStreamErrorReason.PreludeCrcMismatch, error.Reason);
    }

    [Fact]
    public async Task An_all_zero_prelude_is_a_prelude_mismatch_not_a_remembered_one()
    {
        await using var reader = new EventStreamReader(new MemoryStream(new byte[32]));

        var error = await Assert.ThrowsAsync<EventStreamException>(() => reader.ReadNextAsync().AsTask());

        Assert.Equal(EventStreamErrorReason.PreludeCrcMismatch, error.Reason);
    }

    [Fact]
    public async Task Frames_of_many_lengths_in_any_order_all_decode()
    {
        // More lengths than remembered preludes: slots are overwritten and looked up again in a shuffled order.
        var frames = Enumerable.Range(0, 200).Select(DeltaFrame).ToArray();
        var order = Enumerable.Range(0, 2_000).Select(i => (i * 7919) % frames.Length).ToArray();
        await using var reader = new EventStreamReader(new MemoryStream(TestFrames.Concat(order.Select(i => frames[i]).ToArray())), initialBufferSize: 64);

        foreach (var i in order)
        {
            Assert.True(await reader.ReadNextAsync());
            Assert.Equal(frames[i].Length, reader.FrameLength);
        }

        Assert.False(await reader.ReadNextAsync());
    }

    private static byte[] DeltaFrame(int padding) =>
        TestFrames.AwsEvent("contentBlockDelta", "{\"contentBlockIndex\":0,\"delta\":{\"text\":\"token \"},\"p\":\"" + new string('p', padding) + "\"}");

    [Fact]
    public async Task Reading_known_frames_allocates_nothing_per_frame()
    {
        var frame = TestFrames.AwsEvent("contentBlockDelta", """{"contentBlockIndex":0,"delta":{"text":"token "},"p":"abcdef"}""");
        var body = TestFrames.Concat(Enumerable.Repeat(frame, 2_000).ToArray());
        await using (var warmUp = new EventStreamReader(new MemoryStream(body)))
        {
            // First runs of each path (buffer refills, type initializers) allocate once; steady state must not.
            await ReadAllAsync(warmUp);
        }

        var stream = new MemoryStream(body);
        // A buffer holding the whole body keeps refills (and their Debug-build state machines) out of the measurement.
        await using var reader = new EventStreamReader(stream, initialBufferSize: body.Length + 1);
        var before = GC.GetAllocatedBytesForCurrentThread();
        var count = await ReadAllAsync(reader);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        // Any object costs at least 24 bytes, so under one byte per frame means no frame allocated anything.
        Assert.Equal(2_000, count);
        Assert.True(allocated < count, $"{allocated} bytes allocated for {count} frames");
    }

    private static async Task<int> ReadAllAsync(EventStreamReader reader)
    {
        var count = 0;
        var length = 0;
        while (await reader.ReadNextAsync())
        {
            if (reader.MessageType == "event" && reader.EventType == "contentBlockDelta" && reader.ContentType == "application/json")
            {
                length += reader.Payload.Length;
            }

            count++;
        }

        Assert.True(length > 0 || count == 0);
        return count;
    }

    private static byte[] Encode((string Name, string Value)[] headers, string payload)
    {
        var list = new List<IEventStreamHeader>();
        foreach (var (name, value) in headers)
        {
            list.Add(Header(name, h => h.SetString(value)));
        }

        return new EventStreamMessage(list, Encoding.UTF8.GetBytes(payload)).ToByteArray();
    }

    private static AwsHeader Header(string name, Action<AwsHeader> set)
    {
        var header = new AwsHeader(name);
        set(header);
        return header;
    }
}
