namespace Clawdbot.Sdk.Testing;

/// <summary>A 200 response whose body is exactly the given bytes (for example a recorded event stream), written at once.</summary>
public sealed class RawBodyScript : ScriptedResponse
{
    internal RawBodyScript(ReadOnlyMemory<byte> body, string contentType)
    {
        Body = body;
        ContentType = contentType;
    }

    public ReadOnlyMemory<byte> Body { get; }

    public string ContentType { get; }
}
