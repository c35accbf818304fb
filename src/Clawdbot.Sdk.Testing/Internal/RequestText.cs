using System.Text.Json;

namespace Clawdbot.Sdk.Testing.Internal;

/// <summary>
/// What the default reply and the word-count usage need from a Converse request body. <see cref="Reasoning"/> is the
/// reasoning the request turns on, as each family asks for it: Claude's <c>thinking</c> (enabled or adaptive), Nova 2's
/// <c>reasoningConfig</c> (enabled) or gpt-oss's <c>reasoning_effort</c>; null when none. <see cref="Output"/> is its
/// structured output (the schema, or what Bedrock would refuse about it).
/// </summary>
internal sealed record RequestText(string LastUserText, int InputWords, RequestedReasoning? Reasoning = null, StructuredOutputRequest? Output = null)
{
    /// <summary>
    /// The request's <c>guardrailConfig.guardrailIdentifier</c> when its <c>trace</c> is <c>enabled</c> or
    /// <c>enabled_full</c> (Bedrock then sends a guardrail trace); else null.
    /// </summary>
    public string? TracedGuardrail { get; init; }

    /// <summary>Reads the request JSON; null when it is not a JSON object with a <c>messages</c> array.</summary>
    public static RequestText? TryParse(byte[] body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            return FromElement(document.RootElement);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>Reads a Converse-shaped object; null when it is not an object with a <c>messages</c> array.</summary>
    public static RequestText? FromElement(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object
            || !root.TryGetProperty("messages", out var messages)
            || messages.ValueKind != JsonValueKind.Array)
        {
            return null;
        }

        var words = 0;
        if (root.TryGetProperty("system", out var system) && system.ValueKind == JsonValueKind.Array)
        {
            foreach (var block in system.EnumerateArray())
            {
                words += CountWords(TextOf(block));
            }
        }

        var lastUser = "";
        foreach (var message in messages.EnumerateArray())
        {
            if (message.ValueKind != JsonValueKind.Object
                || !message.TryGetProperty("content", out var content)
                || content.ValueKind != JsonValueKind.Array)
            {
                return null;
            }

            var text = string.Join(" ", content.EnumerateArray().Select(TextOf).Where(t => t.Length > 0));
            words += CountWords(text);
            if (message.TryGetProperty("role", out var role) && role.ValueEquals("user"u8))
            {
                lastUser = text;
            }
        }

        return new RequestText(lastUser, words, ReasoningOf(root), StructuredOutputRequest.Read(root)) { TracedGuardrail = TracedGuardrailOf(root) };
    }

    private static RequestedReasoning? ReasoningOf(JsonElement root)
    {
        if (!root.TryGetProperty("additionalModelRequestFields", out var fields) || fields.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        if (fields.TryGetProperty("thinking", out var thinking) && thinking.ValueKind == JsonValueKind.Object
            && thinking.TryGetProperty("type", out var type) && (type.ValueEquals("enabled"u8) || type.ValueEquals("adaptive"u8)))
        {
            var effort = fields.TryGetProperty("output_config", out var output) && output.ValueKind == JsonValueKind.Object
                && output.TryGetProperty("effort", out var level) && level.ValueKind == JsonValueKind.String ? level.GetString() : null;
            return new RequestedReasoning(effort, Signed: true);
        }

        if (fields.TryGetProperty("reasoningConfig", out var config) && config.ValueKind == JsonValueKind.Object
            && config.TryGetProperty("type", out var novaType) && novaType.ValueEquals("enabled"u8))
        {
            var effort = config.TryGetProperty("maxReasoningEffort", out var level) && level.ValueKind == JsonValueKind.String ? level.GetString() : null;
            return new RequestedReasoning(effort, Signed: false);
        }

        return fields.TryGetProperty("reasoning_effort", out var openAi) && openAi.ValueKind == JsonValueKind.String
            ? new RequestedReasoning(openAi.GetString(), Signed: false)
            : null;
    }

    private static string? TracedGuardrailOf(JsonElement root)
        => root.TryGetProperty("guardrailConfig", out var guardrail) && guardrail.ValueKind == JsonValueKind.Object
            && guardrail.TryGetProperty("trace", out var trace) && (trace.ValueEquals("enabled"u8) || trace.ValueEquals("enabled_full"u8))
            && guardrail.TryGetProperty("guardrailIdentifier", out var id) && id.ValueKind == JsonValueKind.String
                ? id.GetString()
                : null;

    public static int CountWords(string text) =>
        text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length;

    // guardContent text counts as text: the model reads it like any other.
    private static string TextOf(JsonElement block) =>
        block.ValueKind != JsonValueKind.Object ? ""
        : block.TryGetProperty("text", out var text) && text.ValueKind == JsonValueKind.String ? text.GetString()!
        : block.TryGetProperty("guardContent", out var guard) && guard.ValueKind == JsonValueKind.Object
            && guard.TryGetProperty("text", out var guarded) && guarded.ValueKind == JsonValueKind.Object ? TextOf(guarded)
        : "";
}

/// <summary>Reasoning a request turned on: its effort level when it names one; signed the way Claude signs its reasoning.</summary>
internal sealed record RequestedReasoning(string? Effort, bool Signed);
