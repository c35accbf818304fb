namespace Clawdbot.Sdk.Testing;

/// <summary>A 200 response whose body is exactly the given bytes (for example a recorded event stream), written at once.</summary>
public sealed class RawBodyScript : ScriptedResponse
{
    internal RawBodyScript(ReadOnlyMemory<byte> body, string contentType)
    {
        Body = body;
        ContentType = contentType;
    }

    /// <summary>The response body, sent byte for byte.</summary>
    public ReadOnlyMemory<byte> Body { get; }

    /// <summary>
    /// The <c>Content-Type</c> header of the response, for example <c>application/vnd.amazon.eventstream</c>.
    /// </summary>
    public string ContentType { get; }
}
