using System.Text.Json.Nodes;
using Clawdbot.Sdk.Testing.Internal;

namespace Clawdbot.Sdk.Testing;

/// <summary>
/// A fluent description of one model reply and of the faults to inject while sending it. Content blocks get
/// indices in the order they are added. Unless <see cref="EndWithoutStop"/>, <see cref="ThenException"/> or
/// <see cref="ThenError"/> is used, the stream ends with <c>messageStop</c> and <c>metadata</c>.
/// </summary>
/// <example>
/// <code>
/// bedrock.Enqueue(Script.Stream()
///     .Reasoning("think", signature: "sig")
///     .Text("Hello", " world")
///     .ToolUse("id1", "get_weather", "{\"city\":\"Paris\"}", chunks: 3)
///     .Usage(input: 10, output: 5, cacheRead: 2, cacheWrite: 1)
///     .Stop("tool_use"));
/// </code>
/// </example>
public sealed class StreamScript : ScriptedResponse
{
    private readonly List<ScriptFrame> _frames = [];
    private readonly List<ScriptBlock> _blocks = [];
    private bool _terminated;

    internal StreamScript()
    {
    }

    internal IReadOnlyList<ScriptFrame> Frames => _frames;

    internal IReadOnlyList<ScriptBlock> Blocks => _blocks;

    internal string? StopReason { get; private set; }

    internal bool OmitsStop { get; private set; }

    internal ScriptFrame? TerminalFrame { get; private set; }

    internal int? InputTokens { get; private set; }

    internal int? OutputTokens { get; private set; }

    internal int? CacheReadTokens { get; private set; }

    internal int? CacheWriteTokens { get; private set; }

    /// <summary>The cache writes per TTL reported as <c>usage.cacheDetails</c>; null reports none.</summary>
    internal (int FiveMinutes, int OneHour)? CacheWritesByTtl { get; private set; }

    internal long LatencyMs { get; private set; } = 120;

    internal JsonObject? TraceObject { get; private set; }

    /// <summary>Abort the connection after this many frames (messageStart counts as the first).</summary>
    internal int? DropAfterFrames { get; private set; }

    internal TimeSpan FirstByteDelay { get; private set; }

    internal TimeSpan EventDelay { get; private set; }

    /// <summary>A text block streamed as one <c>contentBlockDelta</c> per given piece.</summary>
    public StreamScript Text(params string[] deltas)
    {
        ArgumentNullException.ThrowIfNull(deltas);
        var index = StartBlock(new TextScriptBlock(string.Concat(deltas)));
        foreach (var delta in deltas)
        {
            Delta(index, new JsonObject { ["text"] = delta });
        }

        return StopBlock(index);
    }

    /// <summary>A reasoning block: the text in <paramref name="chunks"/> deltas, then the signature delta if given.</summary>
    public StreamScript Reasoning(string text, string? signature = null, int chunks = 1)
    {
        var index = StartBlock(new ReasoningScriptBlock(text, signature));
        foreach (var piece in Split(text, chunks))
        {
            Delta(index, new JsonObject { ["reasoningContent"] = new JsonObject { ["text"] = piece } });
        }

        if (signature is not null)
        {
            Delta(index, new JsonObject { ["reasoningContent"] = new JsonObject { ["signature"] = signature } });
        }

        return StopBlock(index);
    }

    /// <summary>A redacted reasoning block (sent base64-encoded as <c>redactedContent</c>).</summary>
    public StreamScript RedactedReasoning(byte[] data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var index = StartBlock(new RedactedReasoningScriptBlock(data));
        Delta(index, new JsonObject { ["reasoningContent"] = new JsonObject { ["redactedContent"] = Convert.ToBase64String(data) } });
        return StopBlock(index);
    }

    /// <summary>
    /// A tool call: <c>contentBlockStart</c> with the id and name, then the input JSON text split into
    /// <paramref name="chunks"/> fragments (fragments are not valid JSON on their own, as with the real service).
    /// </summary>
    public StreamScript ToolUse(string toolUseId, string name, string inputJson, int chunks = 1)
    {
        var index = StartBlock(new ToolUseScriptBlock(toolUseId, name, inputJson));
        AddFrame(new ScriptFrame(ScriptFrameKind.Event, "contentBlockStart", new JsonObject
        {
            ["contentBlockIndex"] = index,
            ["start"] = new JsonObject { ["toolUse"] = new JsonObject { ["toolUseId"] = toolUseId, ["name"] = name } },
        }));
        foreach (var piece in Split(inputJson, chunks))
        {
            Delta(index, new JsonObject { ["toolUse"] = new JsonObject { ["input"] = piece } });
        }

        return StopBlock(index);
    }

    /// <summary>
    /// Any event frame with a JSON object payload, e.g. a <c>contentBlockDelta</c> carrying a citation. It is sent
    /// as given (plus the padding field) and is not part of the aggregated <c>converse</c> reply.
    /// </summary>
    public StreamScript Event(string eventType, string payloadJson)
    {
        ArgumentException.ThrowIfNullOrEmpty(eventType);
        var payload = JsonNode.Parse(payloadJson) as JsonObject
            ?? throw new ArgumentException("The payload must be a JSON object.", nameof(payloadJson));
        return AddFrame(new ScriptFrame(ScriptFrameKind.Event, eventType, payload));
    }

    /// <summary>The usage reported in <c>metadata</c>; by default tokens are counted as words of the input and output.</summary>
    public StreamScript Usage(int input, int output, int? cacheRead = null, int? cacheWrite = null)
    {
        InputTokens = input;
        OutputTokens = output;
        CacheReadTokens = cacheRead;
        CacheWriteTokens = cacheWrite;
        return this;
    }

    /// <summary>
    /// Cache writes reported per TTL, as Bedrock reports them for cache points with a <c>ttl</c>:
    /// <c>usage.cacheWriteInputTokens</c> is their sum and <c>usage.cacheDetails</c> lists each TTL with tokens
    /// (<c>1h</c> before <c>5m</c>). Call after <see cref="Usage"/>, whose <c>cacheWrite</c> this replaces.
    /// </summary>
    public StreamScript CacheWrites(int fiveMinutes, int oneHour)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(fiveMinutes);
        ArgumentOutOfRangeException.ThrowIfNegative(oneHour);
        CacheWriteTokens = fiveMinutes + oneHour;
        CacheWritesByTtl = (fiveMinutes, oneHour);
        return this;
    }

    /// <summary>
    /// The <c>trace</c> reported in <c>metadata</c> (and in a <c>converse</c> body), as given, e.g.
    /// <c>{"guardrail":{"inputAssessment":{...}}}</c>. Without it, a request whose guardrail has <c>trace</c> enabled gets
    /// a small one: <c>{"guardrail":{"inputAssessment":{"&lt;guardrailIdentifier&gt;":{}}}}</c>.
    /// </summary>
    public StreamScript Trace(string traceJson)
    {
        ArgumentException.ThrowIfNullOrEmpty(traceJson);
        TraceObject = JsonNode.Parse(traceJson) as JsonObject
            ?? throw new ArgumentException("The trace must be a JSON object.", nameof(traceJson));
        return this;
    }

    /// <summary>The <c>metrics.latencyMs</c> reported in <c>metadata</c> (default 120).</summary>
    public StreamScript Latency(long milliseconds)
    {
        LatencyMs = milliseconds;
        return this;
    }

    /// <summary>The <c>messageStop</c> stop reason; default <c>tool_use</c> when a tool call was added, else <c>end_turn</c>.</summary>
    public StreamScript Stop(string stopReason)
    {
        ArgumentException.ThrowIfNullOrEmpty(stopReason);
        StopReason = stopReason;
        return this;
    }

    /// <summary>Ends the body cleanly after the content, without <c>messageStop</c> and <c>metadata</c>.</summary>
    public StreamScript EndWithoutStop()
    {
        OmitsStop = true;
        return this;
    }

    /// <summary>
    /// Ends the stream with an exception frame (<c>:message-type: exception</c>), e.g.
    /// <c>ThenException("throttlingException", "Rate exceeded")</c>. On <c>converse</c> it becomes the matching HTTP error.
    /// </summary>
    public StreamScript ThenException(string exceptionType, string message)
    {
        ArgumentException.ThrowIfNullOrEmpty(exceptionType);
        var frame = new ScriptFrame(ScriptFrameKind.Exception, exceptionType, new JsonObject { ["message"] = message });
        AddFrame(frame);
        TerminalFrame = frame;
        _terminated = true;
        return this;
    }

    /// <summary>Ends the stream with an untyped error frame (<c>:message-type: error</c>, <c>:error-code</c>, <c>:error-message</c>).</summary>
    public StreamScript ThenError(string errorCode, string errorMessage)
    {
        ArgumentException.ThrowIfNullOrEmpty(errorCode);
        var frame = new ScriptFrame(ScriptFrameKind.Error, errorCode, null, errorMessage);
        AddFrame(frame);
        TerminalFrame = frame;
        _terminated = true;
        return this;
    }

    /// <summary>Aborts the connection at this point: after messageStart and every frame added so far.</summary>
    public StreamScript DropConnection() => DropConnectionAfter(_frames.Count + 1);

    /// <summary>Aborts the connection after <paramref name="frames"/> frames (messageStart counts as the first; 0 = before any).</summary>
    public StreamScript DropConnectionAfter(int frames)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(frames);
        DropAfterFrames = frames;
        return this;
    }

    /// <summary>Corrupts the message CRC of the frame added last (of messageStart when none was added yet).</summary>
    public StreamScript CorruptCrc()
    {
        if (_frames.Count == 0)
        {
            CorruptsMessageStart = true;
        }
        else
        {
            _frames[^1].CorruptCrc = true;
        }

        return this;
    }

    /// <summary>
    /// Waits this long, counted from the request's arrival on <see cref="LocalBedrockOptions.TimeProvider"/>'s clock,
    /// before sending the response status and headers.
    /// </summary>
    public StreamScript DelayFirstByte(TimeSpan delay)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(delay, TimeSpan.Zero);
        FirstByteDelay = delay;
        return this;
    }

    /// <summary>
    /// Waits this long between two frames (each frame is flushed on its own), counted from the write of the frame
    /// before on <see cref="LocalBedrockOptions.TimeProvider"/>'s clock.
    /// </summary>
    public StreamScript DelayBetweenEvents(TimeSpan delay)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(delay, TimeSpan.Zero);
        EventDelay = delay;
        return this;
    }

    internal bool CorruptsMessageStart { get; private set; }

    internal bool HasToolUse => _blocks.Exists(block => block is ToolUseScriptBlock);

    private int StartBlock(ScriptBlock block)
    {
        ThrowIfTerminated();
        _blocks.Add(block);
        return _blocks.Count - 1;
    }

    private void Delta(int index, JsonObject delta) =>
        AddFrame(new ScriptFrame(ScriptFrameKind.Event, "contentBlockDelta", new JsonObject { ["contentBlockIndex"] = index, ["delta"] = delta }));

    private StreamScript StopBlock(int index) =>
        AddFrame(new ScriptFrame(ScriptFrameKind.Event, "contentBlockStop", new JsonObject { ["contentBlockIndex"] = index }));

    private StreamScript AddFrame(ScriptFrame frame)
    {
        ThrowIfTerminated();
        _frames.Add(frame);
        return this;
    }

    private void ThrowIfTerminated()
    {
        if (_terminated)
        {
            throw new InvalidOperationException("The script already ends with an exception or error frame.");
        }
    }

    /// <summary>Splits text into at most <paramref name="chunks"/> non-empty pieces without cutting a surrogate pair.</summary>
    internal static List<string> Split(string text, int chunks)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentOutOfRangeException.ThrowIfLessThan(chunks, 1);
        var pieces = new List<string>();
        if (text.Length == 0)
        {
            pieces.Add(text);
            return pieces;
        }

        var size = Math.Max(1, (text.Length + chunks - 1) / chunks);
        var start = 0;
        while (start < text.Length)
        {
            var end = Math.Min(text.Length, start + size);
            if (end < text.Length && char.IsLowSurrogate(text[end]))
            {
                end++;
            }

            pieces.Add(text[start..end]);
            start = end;
        }

        return pieces;
    }
}
