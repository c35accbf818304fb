namespace Clawdbot.Sdk.EventStreams;

/// <summary>The wire type tag of an event-stream header value.</summary>
internal enum EventStreamValueType : byte
{
    BoolTrue = 0,
    BoolFalse = 1,
    Byte = 2,
    Short = 3,
    Int = 4,
    Long = 5,
    Bytes = 6,
    String = 7,
    Timestamp = 8,
    Uuid = 9,
}
