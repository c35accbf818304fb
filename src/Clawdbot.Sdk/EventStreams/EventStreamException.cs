namespace Clawdbot.Sdk.EventStreams;

/// <summary>
/// A malformed or incomplete event-stream body. The message names the problem and the byte offset of the frame,
/// never payload content.
/// </summary>
internal sealed class EventStreamException : IOException
{
    public EventStreamException(EventStreamErrorReason reason, string message)
        : base(message)
    {
        Reason = reason;
    }

    public EventStreamErrorReason Reason { get; }
}
