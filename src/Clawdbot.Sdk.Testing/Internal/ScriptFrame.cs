using System.Text.Json.Nodes;

namespace Clawdbot.Sdk.Testing.Internal;

internal enum ScriptFrameKind
{
    Event,
    Exception,
    Error,
}

/// <summary>One frame a <see cref="StreamScript"/> will send, before padding and encoding.</summary>
internal sealed class ScriptFrame(ScriptFrameKind kind, string type, JsonObject? payload, string? errorMessage = null)
{
    public ScriptFrameKind Kind { get; } = kind;

    /// <summary>Event type, exception type or error code, following <see cref="Kind"/>.</summary>
    public string Type { get; } = type;

    public JsonObject? Payload { get; } = payload;

    public string? ErrorMessage { get; } = errorMessage;

    public bool CorruptCrc { get; set; }
}
