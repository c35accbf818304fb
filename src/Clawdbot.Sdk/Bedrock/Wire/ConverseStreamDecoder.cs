using System.Text;
using System.Text.Json;
using Clawdbot.Sdk.EventStreams;

namespace Clawdbot.Sdk.Wire;

/// <summary>
/// Decodes the JSON payloads of ConverseStream events into <see cref="StreamUpdate"/>s with a
/// <see cref="Utf8JsonReader"/> straight over the frame payload (no DOM per event). Unknown events and fields
/// (the <c>p</c> padding among them) are skipped. Tracks tool-call input to emit <see cref="ToolUseComplete"/>,
/// and whether <c>messageStop</c> and <c>metadata</c> arrived.
/// </summary>
internal sealed class ConverseStreamDecoder
{
    private static readonly JsonReaderOptions ReaderOptions = new() { CommentHandling = JsonCommentHandling.Disallow, MaxDepth = 256 };
    private readonly Dictionary<int, ToolCall> _toolCalls = [];
    private readonly ModelDefinition? _model;

    public ConverseStreamDecoder(ModelDefinition? model) => _model = model;

    public bool SawMessageStop { get; private set; }

    public bool SawMetadata { get; private set; }

    public bool IsComplete => SawMessageStop && SawMetadata;

    /// <summary>Decodes one event, adding its updates to <paramref name="output"/>. Returns false for an unknown event type.</summary>
    public bool Decode(string? eventType, ReadOnlySpan<byte> payload, List<StreamUpdate> output)
    {
        if (!Decode(eventType, payload, output, out var plainText))
        {
            return false;
        }

        if (plainText is not null)
        {
            output.Add(plainText);
        }

        return true;
    }

    /// <summary>
    /// Decodes one event. A text delta in the plain form (<see cref="PlainTextDelta"/>), nearly every event of a
    /// stream, comes back as <paramref name="plainText"/> with nothing added to <paramref name="output"/>: for such an
    /// event the list's add, clear and covariant store cost about as much as its decoding. Every other event adds its
    /// updates to <paramref name="output"/>. Returns false for an unknown event type.
    /// </summary>
    public bool Decode(string? eventType, ReadOnlySpan<byte> payload, List<StreamUpdate> output, out TextDelta? plainText)
    {
        plainText = null;

        // The event type comes from the frame reader as the cached known instance: nearly every event is a delta,
        // and a reference check finds it before the string switch compares characters.
        if (ReferenceEquals(eventType, EventStreamKnownStrings.ContentBlockDelta))
        {
            plainText = DecodeDelta(payload, output);
            return true;
        }

        switch (eventType)
        {
            case "contentBlockDelta":
                plainText = DecodeDelta(payload, output);
                return true;
            case "contentBlockStart":
                DecodeStart(payload, output);
                return true;
            case "contentBlockStop":
                DecodeStop(payload, output);
                return true;
            case "messageStart":
                DecodeMessageStart(payload, output);
                return true;
            case "messageStop":
                DecodeMessageStop(payload, output);
                return true;
            case "metadata":
                DecodeMetadata(payload, output);
                return true;
            default:
                return false;
        }
    }

    private static void DecodeMessageStart(ReadOnlySpan<byte> payload, List<StreamUpdate> output)
    {
        var reader = new Utf8JsonReader(payload, ReaderOptions);
        var role = ConversationRole.Assistant;
        EnterObject(ref reader);
        while (NextProperty(ref reader))
        {
            if (reader.ValueTextEquals("role"u8))
            {
                reader.Read();
                role = reader.ValueTextEquals("user"u8) ? ConversationRole.User : ConversationRole.Assistant;
            }
            else
            {
                SkipValue(ref reader);
            }
        }

        output.Add(new MessageStart(role));
    }

    private void DecodeStart(ReadOnlySpan<byte> payload, List<StreamUpdate> output)
    {
        var reader = new Utf8JsonReader(payload, ReaderOptions);
        var index = 0;
        string? id = null;
        string? name = null;
        EnterObject(ref reader);
        while (NextProperty(ref reader))
        {
            if (reader.ValueTextEquals("contentBlockIndex"u8))
            {
                reader.Read();
                index = reader.GetInt32();
            }
            else if (reader.ValueTextEquals("start"u8))
            {
                reader.Read();
                RequireObject(ref reader);
                while (NextProperty(ref reader))
                {
                    if (reader.ValueTextEquals("toolUse"u8))
                    {
                        reader.Read();
                        RequireObject(ref reader);
                        while (NextProperty(ref reader))
                        {
                            if (reader.ValueTextEquals("toolUseId"u8))
                            {
                                reader.Read();
                                id = reader.GetString();
                            }
                            else if (reader.ValueTextEquals("name"u8))
                            {
                                reader.Read();
                                name = reader.GetString();
                            }
                            else
                            {
                                SkipValue(ref reader);
                            }
                        }
                    }
                    else
                    {
                        SkipValue(ref reader);
                    }
                }
            }
            else
            {
                SkipValue(ref reader);
            }
        }

        if (id is not null)
        {
            _toolCalls[index] = new ToolCall(id, name ?? string.Empty);
            output.Add(new ToolUseStart(index, id, name ?? string.Empty));
        }
    }

    /// <summary>Decodes a delta: a plain text one is returned, any other adds its update to <paramref name="output"/>.</summary>
    private TextDelta? DecodeDelta(ReadOnlySpan<byte> payload, List<StreamUpdate> output)
    {
        if (PlainTextDelta.TryDecode(payload, out var plainIndex, out var plainText))
        {
            return new TextDelta(plainIndex, plainText!);
        }

        var reader = new Utf8JsonReader(payload, ReaderOptions);
        var index = 0;
        StreamUpdateKind kind = StreamUpdateKind.None;
        string? text = null;
        string? signature = null;
        byte[]? redacted = null;
        Citation? citation = null;
        EnterObject(ref reader);
        while (NextProperty(ref reader))
        {
            if (reader.ValueTextEquals("contentBlockIndex"u8))
            {
                reader.Read();
                index = reader.GetInt32();
            }
            else if (reader.ValueTextEquals("delta"u8))
            {
                reader.Read();
                RequireObject(ref reader);
                while (NextProperty(ref reader))
                {
                    if (reader.ValueTextEquals("text"u8))
                    {
                        reader.Read();
                        text = reader.GetString();
                        kind = StreamUpdateKind.Text;
                    }
                    else if (reader.ValueTextEquals("toolUse"u8))
                    {
                        reader.Read();
                        RequireObject(ref reader);
                        while (NextProperty(ref reader))
                        {
                            if (reader.ValueTextEquals("input"u8))
                            {
                                reader.Read();
                                text = reader.GetString();
                                kind = StreamUpdateKind.ToolInput;
                            }
                            else
                            {
                                SkipValue(ref reader);
                            }
                        }
                    }
                    else if (reader.ValueTextEquals("reasoningContent"u8))
                    {
                        reader.Read();
                        RequireObject(ref reader);
                        kind = StreamUpdateKind.Reasoning;
                        while (NextProperty(ref reader))
                        {
                            if (reader.ValueTextEquals("text"u8))
                            {
                                reader.Read();
                                text = reader.GetString();
                            }
                            else if (reader.ValueTextEquals("signature"u8))
                            {
                                reader.Read();
                                signature = reader.GetString();
                            }
                            else if (reader.ValueTextEquals("redactedContent"u8))
                            {
                                reader.Read();
                                redacted = reader.GetBytesFromBase64();
                            }
                            else
                            {
                                SkipValue(ref reader);
                            }
                        }
                    }
                    else if (reader.ValueTextEquals("citation"u8))
                    {
                        reader.Read();
                        citation = ReadCitation(ref reader);
                        kind = StreamUpdateKind.Citation;
                    }
                    else
                    {
                        SkipValue(ref reader);
                    }
                }
            }
            else
            {
                SkipValue(ref reader);
            }
        }

        switch (kind)
        {
            case StreamUpdateKind.Text:
                output.Add(new TextDelta(index, text!));
                break;
            case StreamUpdateKind.ToolInput:
                if (_toolCalls.TryGetValue(index, out var call))
                {
                    call.Input.Append(text);
                }

                output.Add(new ToolUseInputDelta(index, text!));
                break;
            case StreamUpdateKind.Reasoning when text is not null || signature is not null || redacted is not null:
                // A null array must stay a null memory (the implicit conversion would make it an empty one).
                output.Add(new ReasoningDelta(index, text, signature, redacted is null ? (ReadOnlyMemory<byte>?)null : redacted));
                break;
            case StreamUpdateKind.Citation:
                output.Add(new CitationDelta(index, citation!));
                break;
        }

        return null;
    }

    private void DecodeStop(ReadOnlySpan<byte> payload, List<StreamUpdate> output)
    {
        var reader = new Utf8JsonReader(payload, ReaderOptions);
        var index = 0;
        EnterObject(ref reader);
        while (NextProperty(ref reader))
        {
            if (reader.ValueTextEquals("contentBlockIndex"u8))
            {
                reader.Read();
                index = reader.GetInt32();
            }
            else
            {
                SkipValue(ref reader);
            }
        }

        if (_toolCalls.Remove(index, out var call))
        {
            output.Add(call.Complete(index));
        }

        output.Add(new ContentBlockStop(index));
    }

    private void DecodeMessageStop(ReadOnlySpan<byte> payload, List<StreamUpdate> output)
    {
        var reader = new Utf8JsonReader(payload, ReaderOptions);
        var stopReason = new StopReason(string.Empty);
        JsonElement? additional = null;
        EnterObject(ref reader);
        while (NextProperty(ref reader))
        {
            if (reader.ValueTextEquals("stopReason"u8))
            {
                reader.Read();
                stopReason = ReadStopReason(ref reader);
            }
            else if (reader.ValueTextEquals("additionalModelResponseFields"u8))
            {
                reader.Read();
                additional = JsonElement.ParseValue(ref reader);
            }
            else
            {
                SkipValue(ref reader);
            }
        }

        SawMessageStop = true;
        output.Add(new MessageStop(stopReason, additional));
    }

    private void DecodeMetadata(ReadOnlySpan<byte> payload, List<StreamUpdate> output)
    {
        var reader = new Utf8JsonReader(payload, ReaderOptions);
        int input = 0, outputTokens = 0, total = 0, cacheRead = 0, cacheWrite = 0, cacheWriteOneHour = 0;
        long? latency = null;
        JsonElement? trace = null;
        var sawUsage = false;
        EnterObject(ref reader);
        while (NextProperty(ref reader))
        {
            if (reader.ValueTextEquals("usage"u8))
            {
                reader.Read();
                RequireObject(ref reader);
                sawUsage = true;
                while (NextProperty(ref reader))
                {
                    if (reader.ValueTextEquals("inputTokens"u8))
                    {
                        reader.Read();
                        input = reader.GetInt32();
                    }
                    else if (reader.ValueTextEquals("outputTokens"u8))
                    {
                        reader.Read();
                        outputTokens = reader.GetInt32();
                    }
                    else if (reader.ValueTextEquals("totalTokens"u8))
                    {
                        reader.Read();
                        total = reader.GetInt32();
                    }
                    else if (reader.ValueTextEquals("cacheReadInputTokens"u8) || reader.ValueTextEquals("cacheReadInputTokenCount"u8))
                    {
                        reader.Read();
                        cacheRead = reader.GetInt32();
                    }
                    else if (reader.ValueTextEquals("cacheWriteInputTokens"u8) || reader.ValueTextEquals("cacheWriteInputTokenCount"u8))
                    {
                        reader.Read();
                        cacheWrite = reader.GetInt32();
                    }
                    else if (reader.ValueTextEquals("cacheDetails"u8))
                    {
                        cacheWriteOneHour = ReadOneHourCacheWrites(ref reader);
                    }
                    else
                    {
                        SkipValue(ref reader);
                    }
                }
            }
            else if (reader.ValueTextEquals("metrics"u8))
            {
                reader.Read();
                RequireObject(ref reader);
                while (NextProperty(ref reader))
                {
                    if (reader.ValueTextEquals("latencyMs"u8))
                    {
                        reader.Read();
                        latency = reader.GetInt64();
                    }
                    else
                    {
                        SkipValue(ref reader);
                    }
                }
            }
            else if (reader.ValueTextEquals("trace"u8))
            {
                reader.Read();
                trace = JsonElement.ParseValue(ref reader);
            }
            else
            {
                SkipValue(ref reader);
            }
        }

        SawMetadata = true;
        if (sawUsage)
        {
            output.Add(new UsageUpdate(TokenUsage.Create(_model, input, outputTokens, cacheRead, cacheWrite, total, cacheWriteOneHour)));
        }

        if (latency is { } ms)
        {
            output.Add(new MetricsUpdate(ms));
        }

        if (trace is { } traced)
        {
            output.Add(new TraceUpdate(traced));
        }
    }

    /// <summary>The tokens of <c>usage.cacheDetails</c> (cache writes per TTL) written with the 1-hour TTL.</summary>
    private static int ReadOneHourCacheWrites(ref Utf8JsonReader reader)
    {
        reader.Read();
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            reader.Skip();
            return 0;
        }

        var oneHour = 0;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                reader.Skip();
                continue;
            }

            int tokens = 0;
            var isOneHour = false;
            while (NextProperty(ref reader))
            {
                if (reader.ValueTextEquals("inputTokens"u8))
                {
                    reader.Read();
                    tokens = reader.GetInt32();
                }
                else if (reader.ValueTextEquals("ttl"u8))
                {
                    reader.Read();
                    isOneHour = reader.TokenType == JsonTokenType.String && reader.ValueTextEquals("1h"u8);
                }
                else
                {
                    SkipValue(ref reader);
                }
            }

            if (isOneHour)
            {
                oneHour += tokens;
            }
        }

        return oneHour;
    }

    internal static StopReason ReadStopReason(ref Utf8JsonReader reader)
    {
        if (reader.ValueTextEquals("end_turn"u8))
        {
            return StopReason.EndTurn;
        }

        if (reader.ValueTextEquals("tool_use"u8))
        {
            return StopReason.ToolUse;
        }

        if (reader.ValueTextEquals("max_tokens"u8))
        {
            return StopReason.MaxTokens;
        }

        if (reader.ValueTextEquals("stop_sequence"u8))
        {
            return StopReason.StopSequence;
        }

        return new StopReason(reader.GetString() ?? string.Empty);
    }

    internal static Citation ReadCitation(ref Utf8JsonReader reader)
    {
        var raw = JsonElement.ParseValue(ref reader);
        string? title = null;
        var sources = new List<string>();
        if (raw.ValueKind == JsonValueKind.Object)
        {
            if (raw.TryGetProperty("title", out var t) && t.ValueKind == JsonValueKind.String)
            {
                title = t.GetString();
            }

            if (raw.TryGetProperty("sourceContent", out var content) && content.ValueKind == JsonValueKind.Array)
            {
                foreach (var part in content.EnumerateArray())
                {
                    if (part.ValueKind == JsonValueKind.Object && part.TryGetProperty("text", out var s) && s.ValueKind == JsonValueKind.String)
                    {
                        sources.Add(s.GetString()!);
                    }
                }
            }
        }

        return new Citation(title, sources, raw);
    }

    private static void EnterObject(ref Utf8JsonReader reader)
    {
        if (!reader.Read())
        {
            throw new JsonException("The event payload is empty.");
        }

        RequireObject(ref reader);
    }

    private static void RequireObject(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException($"Expected a JSON object, found {reader.TokenType}.");
        }
    }

    // Moves to the next property name of the current object; false at its end.
    private static bool NextProperty(ref Utf8JsonReader reader)
    {
        if (!reader.Read())
        {
            throw new JsonException("The event payload ends inside an object.");
        }

        return reader.TokenType == JsonTokenType.PropertyName;
    }

    private static void SkipValue(ref Utf8JsonReader reader)
    {
        reader.Read();
        reader.Skip();
    }

    private enum StreamUpdateKind
    {
        None,
        Text,
        ToolInput,
        Reasoning,
        Citation,
    }

    private sealed class ToolCall(string id, string name)
    {
        public StringBuilder Input { get; } = new();

        public ToolUseComplete Complete(int index)
        {
            var raw = Input.ToString();
            var text = raw.Length == 0 ? "{}" : raw;
            try
            {
                using var document = JsonDocument.Parse(text);
                return new ToolUseComplete(index, id, name, document.RootElement.Clone(), raw, null);
            }
            catch (JsonException ex)
            {
                return new ToolUseComplete(index, id, name, default, raw, ex.Message);
            }
        }
    }
}
