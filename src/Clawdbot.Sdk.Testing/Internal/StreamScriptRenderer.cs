using System.Text.Json.Nodes;

namespace Clawdbot.Sdk.Testing.Internal;

/// <summary>Turns a <see cref="StreamScript"/> into encoded frames and into the aggregated Converse JSON.</summary>
internal static class StreamScriptRenderer
{
    private const string PaddingAlphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

    public static List<byte[]> RenderFrames(StreamScript script, RequestText request, Random padding)
    {
        var frames = new List<byte[]>(script.Frames.Count + 3);
        var start = EventFrameEncoder.Event("messageStart", Padded(new JsonObject { ["role"] = "assistant" }, padding));
        frames.Add(script.CorruptsMessageStart ? EventFrameEncoder.WithCorruptCrc(start) : start);

        foreach (var frame in script.Frames)
        {
            var bytes = frame.Kind switch
            {
                ScriptFrameKind.Event => EventFrameEncoder.Event(frame.Type, Padded(frame.Payload!, padding)),
                ScriptFrameKind.Exception => EventFrameEncoder.Exception(frame.Type, Serialize(frame.Payload!)),
                _ => EventFrameEncoder.Error(frame.Type, frame.ErrorMessage ?? ""),
            };
            frames.Add(frame.CorruptCrc ? EventFrameEncoder.WithCorruptCrc(bytes) : bytes);
        }

        if (script.TerminalFrame is null && !script.OmitsStop)
        {
            frames.Add(EventFrameEncoder.Event("messageStop", Padded(new JsonObject { ["stopReason"] = StopReasonOf(script) }, padding)));
            var metadata = new JsonObject
            {
                ["usage"] = Usage(script, request),
                ["metrics"] = new JsonObject { ["latencyMs"] = script.LatencyMs },
            };
            if (TraceOf(script, request) is { } trace)
            {
                metadata["trace"] = trace;
            }

            frames.Add(EventFrameEncoder.Event("metadata", Padded(metadata, padding)));
        }

        return frames;
    }

    /// <summary>The body of a successful <c>converse</c> call.</summary>
    public static byte[] RenderConverse(StreamScript script, RequestText request)
    {
        var content = new JsonArray();
        foreach (var block in script.Blocks)
        {
            content.Add((JsonNode)(block switch
            {
                TextScriptBlock text => new JsonObject { ["text"] = text.Text },
                ReasoningScriptBlock reasoning => new JsonObject
                {
                    ["reasoningContent"] = new JsonObject
                    {
                        ["reasoningText"] = reasoning.Signature is null
                            ? new JsonObject { ["text"] = reasoning.Text }
                            : new JsonObject { ["text"] = reasoning.Text, ["signature"] = reasoning.Signature },
                    },
                },
                RedactedReasoningScriptBlock redacted => new JsonObject
                {
                    ["reasoningContent"] = new JsonObject { ["redactedContent"] = Convert.ToBase64String(redacted.Data) },
                },
                ToolUseScriptBlock tool => new JsonObject
                {
                    ["toolUse"] = new JsonObject
                    {
                        ["toolUseId"] = tool.ToolUseId,
                        ["name"] = tool.Name,
                        ["input"] = JsonNode.Parse(tool.InputJson),
                    },
                },
                _ => throw new InvalidOperationException("Unknown script block."),
            }));
        }

        var body = new JsonObject
        {
            ["output"] = new JsonObject
            {
                ["message"] = new JsonObject { ["role"] = "assistant", ["content"] = content },
            },
            ["stopReason"] = StopReasonOf(script),
            ["usage"] = Usage(script, request),
            ["metrics"] = new JsonObject { ["latencyMs"] = script.LatencyMs },
        };
        if (TraceOf(script, request) is { } trace)
        {
            body["trace"] = trace;
        }

        return Serialize(body);
    }

    private static JsonObject? TraceOf(StreamScript script, RequestText request)
        => script.TraceObject?.DeepClone().AsObject()
            ?? (request.TracedGuardrail is { } id
                ? new JsonObject { ["guardrail"] = new JsonObject { ["inputAssessment"] = new JsonObject { [id] = new JsonObject() } } }
                : null);

    private static string StopReasonOf(StreamScript script) =>
        script.StopReason ?? (script.HasToolUse ? "tool_use" : "end_turn");

    private static JsonObject Usage(StreamScript script, RequestText request)
    {
        var input = script.InputTokens ?? request.InputWords;
        var output = script.OutputTokens ?? script.Blocks.Sum(block => block switch
        {
            TextScriptBlock text => RequestText.CountWords(text.Text),
            ReasoningScriptBlock reasoning => RequestText.CountWords(reasoning.Text),
            ToolUseScriptBlock tool => RequestText.CountWords(tool.InputJson),
            _ => 0,
        });
        var usage = new JsonObject
        {
            ["inputTokens"] = input,
            ["outputTokens"] = output,
            ["totalTokens"] = input + output + (script.CacheReadTokens ?? 0) + (script.CacheWriteTokens ?? 0),
        };
        if (script.CacheReadTokens is { } cacheRead)
        {
            usage["cacheReadInputTokens"] = cacheRead;
        }

        if (script.CacheWriteTokens is { } cacheWrite)
        {
            usage["cacheWriteInputTokens"] = cacheWrite;
        }

        if (script.CacheWritesByTtl is { } byTtl)
        {
            var details = new JsonArray();
            if (byTtl.OneHour > 0)
            {
                details.Add((JsonNode)new JsonObject { ["ttl"] = "1h", ["inputTokens"] = byTtl.OneHour });
            }

            if (byTtl.FiveMinutes > 0)
            {
                details.Add((JsonNode)new JsonObject { ["ttl"] = "5m", ["inputTokens"] = byTtl.FiveMinutes });
            }

            usage["cacheDetails"] = details;
        }

        return usage;
    }

    /// <summary>Adds the random-letters field <c>"p"</c> that real Bedrock events carry to vary their size.</summary>
    private static byte[] Padded(JsonObject payload, Random random)
    {
        var copy = (JsonObject)payload.DeepClone();
        var letters = new char[random.Next(1, 40)];
        for (var i = 0; i < letters.Length; i++)
        {
            letters[i] = PaddingAlphabet[random.Next(PaddingAlphabet.Length)];
        }

        copy["p"] = new string(letters);
        return Serialize(copy);
    }

    private static byte[] Serialize(JsonNode node) => System.Text.Encoding.UTF8.GetBytes(node.ToJsonString());
}
