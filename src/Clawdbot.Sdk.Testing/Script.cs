namespace Clawdbot.Sdk.Testing;

/// <summary>Entry points of the scripting builders.</summary>
public static class Script
{
    /// <summary>Media type of an AWS event-stream body.</summary>
    public const string EventStreamContentType = "application/vnd.amazon.eventstream";

    /// <summary>
    /// A scripted model reply. On <c>converse-stream</c> it is sent as event frames (messageStart, the content
    /// blocks in the order added, messageStop, metadata); on <c>converse</c> it is aggregated into one JSON body.
    /// </summary>
    public static StreamScript Stream() => new();

    /// <summary>An HTTP error, e.g. <c>Script.HttpError(429, "ThrottlingException", "Rate exceeded")</c>.</summary>
    public static HttpErrorScript HttpError(int statusCode, string errorType, string message) => new(statusCode, errorType, message);

    /// <summary>A 200 response with exactly these bytes as body.</summary>
    public static RawBodyScript RawBody(ReadOnlyMemory<byte> body, string contentType = EventStreamContentType) => new(body, contentType);
}
