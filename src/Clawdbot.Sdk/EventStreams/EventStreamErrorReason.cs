namespace Clawdbot.Sdk.EventStreams;

/// <summary>Why an <c>application/vnd.amazon.eventstream</c> body was rejected.</summary>
internal enum EventStreamErrorReason
{
    /// <summary>The body ended inside a frame (a clean end is only allowed exactly between frames).</summary>
    Truncated,

    /// <summary>The CRC32 of the 8-byte prelude does not match the prelude CRC.</summary>
    PreludeCrcMismatch,

    /// <summary>The CRC32 of the whole frame does not match the trailing message CRC.</summary>
    MessageCrcMismatch,

    /// <summary>The total or headers length is impossible or exceeds <see cref="EventStreamReader.MaxFrameLength"/>.</summary>
    BadLength,

    /// <summary>A header is malformed: unknown value type, empty name, or a value running past the headers section.</summary>
    BadHeader,
}
