using Amazon.Runtime.EventStreams;

namespace Clawdbot.Sdk.Testing.Internal;

/// <summary>Encodes frames with AWSSDK.Core's own codec, so the emulator sends real framing and real CRCs.</summary>
internal static class EventFrameEncoder
{
    public static byte[] Event(string eventType, byte[] payload) => Encode(payload,
        (":event-type", eventType), (":content-type", "application/json"), (":message-type", "event"));

    public static byte[] Exception(string exceptionType, byte[] payload) => Encode(payload,
        (":exception-type", exceptionType), (":content-type", "application/json"), (":message-type", "exception"));

    public static byte[] Error(string errorCode, string errorMessage) => Encode([],
        (":error-code", errorCode), (":error-message", errorMessage), (":message-type", "error"));

    public static byte[] Encode(byte[] payload, params (string Name, string Value)[] headers)
    {
        var list = new List<IEventStreamHeader>(headers.Length);
        foreach (var (name, value) in headers)
        {
            var header = new EventStreamHeader(name);
            header.SetString(value);
            list.Add(header);
        }

        return new EventStreamMessage(list, payload).ToByteArray();
    }

    /// <summary>Flips the bits of the trailing message CRC.</summary>
    public static byte[] WithCorruptCrc(byte[] frame)
    {
        var copy = (byte[])frame.Clone();
        copy[^1] ^= 0xFF;
        return copy;
    }
}
