using System.Text;
using System.Text.Json;

namespace Clawdbot.Sdk;

/// <summary>
/// Folds <see cref="StreamUpdate"/>s into a <see cref="ConverseResult"/>: text, reasoning (text, signature and
/// redacted bytes kept exact), tool calls with parsed input and citations, in block-index order.
/// </summary>
/// <remarks>Answer text is kept in pooled buffers (<see cref="PooledText"/>); <see cref="Dispose"/> returns them.</remarks>
internal sealed class ConverseResultBuilder : IDisposable
{
    private readonly SortedDictionary<int, BlockState> _blocks = [];
    private int _lastIndex = -1;
    private BlockState? _lastBlock;
    private ConversationRole _role = ConversationRole.Assistant;
    private StopReason? _stopReason;
    private TokenUsage? _usage;
    private long? _latencyMs;
    private JsonElement? _additionalFields;
    private JsonElement? _trace;
    private string? _modelRef;
    private IReadOnlyList<FailoverAttempt> _failoverAttempts = [];

    public ConverseResultBuilder(string? modelId = null) => ModelId = modelId;

    /// <summary>The model invoked; taken from <see cref="MessageStart.ModelId"/> when not given.</summary>
    public string? ModelId { get; set; }

    public string? RequestId { get; set; }

    /// <summary>True once any update other than <see cref="MessageStart"/> was added.</summary>
    public bool HasContent { get; private set; }

    public void Add(StreamUpdate update)
    {
        ArgumentNullException.ThrowIfNull(update);
        switch (update)
        {
            case MessageStart start:
                _role = start.Role;
                ModelId ??= start.ModelId;
                RequestId ??= start.RequestId;
                _modelRef ??= start.ModelRef;
                _failoverAttempts = start.FailoverAttempts.Count > 0 ? start.FailoverAttempts : _failoverAttempts;
                return;
            case TextDelta text:
                Block(text.Index).Text.Append(text.Text);
                break;
            case ReasoningDelta reasoning:
                AddReasoning(Block(reasoning.Index), reasoning);
                break;
            case ToolUseStart start:
                var tool = Block(start.Index);
                tool.ToolUseId = start.ToolUseId;
                tool.ToolName = start.Name;
                break;
            case ToolUseInputDelta input:
                Block(input.Index).ToolInput.Append(input.JsonFragment);
                break;
            case ToolUseComplete complete:
                var done = Block(complete.Index);
                done.ToolUseId = complete.ToolUseId;
                done.ToolName = complete.Name;
                done.ParsedInput = complete.IsValid ? complete.Input : null;
                done.ToolInput.Clear().Append(complete.RawInput);
                break;
            case CitationDelta citation:
                (Block(citation.Index).Citations ??= []).Add(citation.Citation);
                break;
            case ContentBlockStop:
                break;
            case MessageStop stop:
                _stopReason = stop.StopReason;
                _additionalFields = stop.AdditionalModelResponseFields;
                break;
            case UsageUpdate usage:
                _usage = usage.Usage;
                break;
            case MetricsUpdate metrics:
                _latencyMs = metrics.LatencyMs;
                break;
            case TraceUpdate trace:
                _trace = trace.Trace;
                break;
        }

        HasContent = true;
    }

    public ConverseResult Build()
    {
        var content = new List<ContentBlock>(_blocks.Count);
        foreach (var block in _blocks.Values)
        {
            content.AddRange(block.ToContentBlocks());
        }

        return new ConverseResult
        {
            Message = new Message(_role, content),
            StopReason = _stopReason,
            Usage = _usage,
            LatencyMs = _latencyMs,
            ModelId = ModelId ?? string.Empty,
            RequestId = RequestId,
            ModelRef = _modelRef,
            FailoverAttempts = _failoverAttempts,
            AdditionalModelResponseFields = _additionalFields,
            Trace = _trace,
        };
    }

    private static void AddReasoning(BlockState block, ReasoningDelta delta)
    {
        if (delta.Text is not null)
        {
            (block.ReasoningText ??= new StringBuilder()).Append(delta.Text);
        }

        if (delta.Signature is not null)
        {
            block.Signature = block.Signature is null ? delta.Signature : block.Signature + delta.Signature;
        }

        if (delta.RedactedContent is { } redacted)
        {
            (block.Redacted ??= []).AddRange(redacted.Span);
        }
    }

    /// <summary>Returns the pooled text buffers; what was built before stays valid.</summary>
    public void Dispose()
    {
        foreach (var block in _blocks.Values)
        {
            block.Text.Dispose();
        }
    }

    private BlockState Block(int index)
    {
        // Deltas come in runs on one block: skip the tree lookup for the block of the previous update.
        if (index == _lastIndex && _lastBlock is { } last)
        {
            return last;
        }

        if (!_blocks.TryGetValue(index, out var block))
        {
            block = new BlockState();
            _blocks.Add(index, block);
        }

        _lastIndex = index;
        _lastBlock = block;
        return block;
    }

    private sealed class BlockState
    {
        public PooledText Text { get; } = new();

        public StringBuilder? ReasoningText { get; set; }

        public string? Signature { get; set; }

        public List<byte>? Redacted { get; set; }

        public string? ToolUseId { get; set; }

        public string? ToolName { get; set; }

        public StringBuilder ToolInput { get; } = new();

        public JsonElement? ParsedInput { get; set; }

        public List<Citation>? Citations { get; set; }

        public IEnumerable<ContentBlock> ToContentBlocks()
        {
            if (Redacted is not null)
            {
                yield return new ReasoningBlock(Redacted.ToArray());
            }

            if (ReasoningText is not null || (Signature is not null && Redacted is null))
            {
                yield return new ReasoningBlock(ReasoningText?.ToString() ?? string.Empty, Signature);
            }

            if (ToolUseId is not null)
            {
                yield return new ToolUseBlock(ToolUseId, ToolName ?? string.Empty, ParsedInput ?? ParseOrEmpty(ToolInput.ToString()));
            }

            if (Citations is not null)
            {
                yield return new CitationsBlock(Text.ToString(), Citations);
            }
            else if (Text.Length > 0)
            {
                yield return new TextBlock(Text.ToString());
            }
        }

        // An interrupted tool call keeps whatever parsed; Bedrock accepts an empty object as input.
        private static JsonElement ParseOrEmpty(string raw)
        {
            if (raw.Length > 0)
            {
                try
                {
                    using var document = JsonDocument.Parse(raw);
                    return document.RootElement.Clone();
                }
                catch (JsonException)
                {
                }
            }

            using var empty = JsonDocument.Parse("{}");
            return empty.RootElement.Clone();
        }
    }
}

/// <summary>Aggregation of a stream of updates.</summary>
public static class StreamUpdateExtensions
{
    /// <summary>Reads <paramref name="updates"/> to the end and folds them into a result.</summary>
    public static async Task<ConverseResult> ToResultAsync(this IAsyncEnumerable<StreamUpdate> updates, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(updates);
        using var builder = new ConverseResultBuilder();
        await foreach (var update in updates.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            builder.Add(update);
        }

        return builder.Build();
    }
}
