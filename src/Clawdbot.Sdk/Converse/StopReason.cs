namespace Clawdbot.Sdk;

/// <summary>
/// Why the model stopped. Known values have static instances; any other wire value is kept as is.
/// </summary>
public readonly record struct StopReason(string Value)
{
    public static StopReason EndTurn { get; } = new("end_turn");

    public static StopReason ToolUse { get; } = new("tool_use");

    public static StopReason MaxTokens { get; } = new("max_tokens");

    public static StopReason StopSequence { get; } = new("stop_sequence");

    public static StopReason GuardrailIntervened { get; } = new("guardrail_intervened");

    public static StopReason ContentFiltered { get; } = new("content_filtered");

    public static StopReason ModelContextWindowExceeded { get; } = new("model_context_window_exceeded");

    public bool IsKnown => Value is "end_turn" or "tool_use" or "max_tokens" or "stop_sequence"
        or "guardrail_intervened" or "content_filtered" or "model_context_window_exceeded";

    public override string ToString() => Value ?? string.Empty;
}
