using System.Buffers.Binary;
using System.IO.Hashing;
using Amazon.Runtime.EventStreams;

namespace Clawdbot.Sdk.Tests.EventStreams;

/// <summary>Frames for reader tests: real ones from AWSSDK.Core's encoder, and hand-laid ones with valid CRCs but bad content.</summary>
internal static class TestFrames
{
    public static byte[] AwsEvent(string eventType, string payloadJson)
    {
        var headers = new List<IEventStreamHeader>();
        foreach (var (name, value) in new[] { (":event-type", eventType), (":content-type", "application/json"), (":message-type", "event") })
        {
            var header = new Amazon.Runtime.EventStreams.EventStreamHeader(name);
            header.SetString(value);
            headers.Add(header);
        }

        return new EventStreamMessage(headers, System.Text.Encoding.UTF8.GetBytes(payloadJson)).ToByteArray();
    }

    /// <summary>Lays out a frame around raw header bytes with correct CRCs (computed by System.IO.Hashing).</summary>
    public static byte[] Raw(byte[] headers, byte[] payload, uint? totalLengthOverride = null, uint? headersLengthOverride = null)
    {
        var total = 16 + headers.Length + payload.Length;
        var frame = new byte[total];
        BinaryPrimitives.WriteUInt32BigEndian(frame, totalLengthOverride ?? (uint)total);
        BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(4), headersLengthOverride ?? (uint)headers.Length);
        BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(8), Crc32.HashToUInt32(frame.AsSpan(0, 8)));
        headers.CopyTo(frame, 12);
        payload.CopyTo(frame, 12 + headers.Length);
        BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(total - 4), Crc32.HashToUInt32(frame.AsSpan(0, total - 4)));
        return frame;
    }

    public static byte[] Concat(params byte[][] frames) => frames.SelectMany(frame => frame).ToArray();
}
