using Xunit;
using System.Text.Json;
using Clawdbot.Sdk.EventStreams;

namespace Clawdbot.Sdk.Tests.EventStreams;

public sealed class EventStreamReaderConformanceTests
{
    [Theory]
    [InlineData("empty_message")]
    [InlineData("int32_header")]
    [InlineData("payload_no_headers")]
    [InlineData("payload_one_str_header")]
    [InlineData("all_headers")]
    public async Task Positive_vector_decodes_to_the_expected_frame(string name)
    {
        using var expected = JsonDocument.Parse(EventStreamVectors.Decoded(name));
        await using var reader = new EventStreamReader(new MemoryStream(EventStreamVectors.Positive(name)));

        Assert.True(await reader.ReadNextAsync());

        Assert.Equal(expected.RootElement.GetProperty("total_length").GetInt32(), reader.FrameLength);
        Assert.Equal(expected.RootElement.GetProperty("payload_base64").GetString(), Convert.ToBase64String(reader.Payload.Span));
        var expectedHeaders = expected.RootElement.GetProperty("headers").EnumerateArray().ToList();
        Assert.Equal(expectedHeaders.Count, reader.Headers.Count);
        for (var i = 0; i < expectedHeaders.Count; i++)
        {
            AssertHeader(expectedHeaders[i], reader.Headers[i]);
        }

        Assert.False(await reader.ReadNextAsync());
    }

    [Theory]
    [InlineData("corrupted_header_len", nameof(EventStreamErrorReason.PreludeCrcMismatch))]
    [InlineData("corrupted_length", nameof(EventStreamErrorReason.PreludeCrcMismatch))]
    [InlineData("corrupted_headers", nameof(EventStreamErrorReason.MessageCrcMismatch))]
    [InlineData("corrupted_payload", nameof(EventStreamErrorReason.MessageCrcMismatch))]
    public async Task Negative_vector_is_rejected_with_its_reason(string name, string reason)
    {
        await using var reader = new EventStreamReader(new MemoryStream(EventStreamVectors.Negative(name)));

        var error = await Assert.ThrowsAsync<EventStreamException>(() => reader.ReadNextAsync().AsTask());

        Assert.Equal(reason, error.Reason.ToString());
    }

    [Theory]
    [InlineData("empty_message")]
    [InlineData("all_headers")]
    [InlineData("payload_one_str_header")]
    public async Task Positive_vector_decodes_the_same_when_delivered_one_byte_at_a_time(string name)
    {
        var bytes = EventStreamVectors.Positive(name);
        await using var whole = new EventStreamReader(new MemoryStream(bytes));
        await using var trickled = new EventStreamReader(new OneByteAtATimeStream(bytes));

        Assert.True(await whole.ReadNextAsync());
        Assert.True(await trickled.ReadNextAsync());

        Assert.Equal(whole.Headers, trickled.Headers, HeaderComparer.Instance);
        Assert.Equal(whole.Payload.ToArray(), trickled.Payload.ToArray());
        Assert.False(await trickled.ReadNextAsync());
    }

    private static void AssertHeader(JsonElement expected, EventStreamHeader actual)
    {
        Assert.Equal(expected.GetProperty("name").GetString(), actual.Name);
        var value = expected.GetProperty("value");
        switch (expected.GetProperty("type").GetString())
        {
            case "boolean":
                Assert.Equal(value.GetBoolean() ? EventStreamValueType.BoolTrue : EventStreamValueType.BoolFalse, actual.Type);
                Assert.Equal(value.GetBoolean(), actual.Value);
                break;
            case "byte":
                Assert.Equal(EventStreamValueType.Byte, actual.Type);
                Assert.Equal(value.GetSByte(), actual.Value);
                break;
            case "short":
                Assert.Equal(EventStreamValueType.Short, actual.Type);
                Assert.Equal(value.GetInt16(), actual.Value);
                break;
            case "integer":
                Assert.Equal(EventStreamValueType.Int, actual.Type);
                Assert.Equal(value.GetInt32(), actual.Value);
                break;
            case "long":
                Assert.Equal(EventStreamValueType.Long, actual.Type);
                Assert.Equal(value.GetInt64(), actual.Value);
                break;
            case "binary":
                Assert.Equal(EventStreamValueType.Bytes, actual.Type);
                Assert.Equal(value.GetString(), Convert.ToBase64String((byte[])actual.Value));
                break;
            case "string":
                Assert.Equal(EventStreamValueType.String, actual.Type);
                Assert.Equal(value.GetString(), actual.Value);
                break;
            case "timestamp":
                Assert.Equal(EventStreamValueType.Timestamp, actual.Type);
                Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(value.GetInt64()), actual.Value);
                break;
            case "uuid":
                Assert.Equal(EventStreamValueType.Uuid, actual.Type);
                Assert.Equal(Guid.Parse(value.GetString()!), actual.Value);
                break;
            default:
                Assert.Fail($"Unknown header type in vector: {expected.GetProperty("type")}");
                break;
        }
    }

    private sealed class HeaderComparer : IEqualityComparer<EventStreamHeader>
    {
        public static readonly HeaderComparer Instance = new();

        public bool Equals(EventStreamHeader x, EventStreamHeader y) =>
            x.Name == y.Name && x.Type == y.Type
            && (x.Value is byte[] left && y.Value is byte[] right ? left.AsSpan().SequenceEqual(right) : Equals(x.Value, y.Value));

        public int GetHashCode(EventStreamHeader header) => header.Name.GetHashCode(StringComparison.Ordinal);
    }
}
