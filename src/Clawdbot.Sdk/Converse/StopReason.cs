namespace Clawdbot.Sdk;

/// <summary>
/// Why the model stopped. Known values have static instances; any other wire value is kept as is.
/// </summary>
public readonly record struct StopReason(string Value)
{
    /// <summary><c>end_turn</c>: the model finished its answer.</summary>
    public static StopReason EndTurn { get; } = new("end_turn");

    /// <summary><c>tool_use</c>: the model asks for one or more tool calls; answer them and call again.</summary>
    public static StopReason ToolUse { get; } = new("tool_use");

    /// <summary><c>max_tokens</c>: the answer reached the request's max tokens and was cut off.</summary>
    public static StopReason MaxTokens { get; } = new("max_tokens");

    /// <summary><c>stop_sequence</c>: the model wrote one of the request's stop sequences.</summary>
    public static StopReason StopSequence { get; } = new("stop_sequence");

    /// <summary><c>guardrail_intervened</c>: a guardrail blocked or changed the answer.</summary>
    public static StopReason GuardrailIntervened { get; } = new("guardrail_intervened");

    /// <summary><c>content_filtered</c>: the model's content filter stopped the answer.</summary>
    public static StopReason ContentFiltered { get; } = new("content_filtered");

    /// <summary><c>model_context_window_exceeded</c>: prompt and answer together filled the context window.</summary>
    public static StopReason ModelContextWindowExceeded { get; } = new("model_context_window_exceeded");

    /// <summary>
    /// True for the values above; false for a value this version does not know, which is still kept in <see
    /// cref="Value"/>.
    /// </summary>
    public bool IsKnown => Value is "end_turn" or "tool_use" or "max_tokens" or "stop_sequence"
        or "guardrail_intervened" or "content_filtered" or "model_context_window_exceeded";

    /// <summary>The wire value, for example <c>end_turn</c>.</summary>
    public override string ToString() => Value ?? string.Empty;
}
