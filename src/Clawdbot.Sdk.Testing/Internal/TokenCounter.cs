using System.Text.Json;
using System.Text.Json.Nodes;

namespace Clawdbot.Sdk.Testing.Internal;

/// <summary>
/// The emulator's CountTokens: checks the body as Bedrock does (<c>input.converse.messages</c> required, a bare
/// foundation model id, a model that counts tokens) and counts deterministically: one token per whitespace-separated
/// word of the system and message text, the same count the emulator reports as <c>usage.inputTokens</c> for a Converse
/// call with that input.
/// </summary>
internal static class TokenCounter
{
    private static readonly string[] ProfilePrefixes = ["us.", "us-gov.", "eu.", "apac.", "jp.", "au.", "ca.", "global."];

    public static (AwsError? Error, byte[] Body) Count(string modelId, byte[] body)
    {
        if (modelId.StartsWith("arn:", StringComparison.Ordinal) || ProfilePrefixes.Any(p => modelId.StartsWith(p, StringComparison.Ordinal)))
        {
            return (AwsError.Validation("The provided model identifier is invalid."), []);
        }

        if (!modelId.StartsWith("anthropic.", StringComparison.Ordinal))
        {
            return (AwsError.Validation("The provided model doesn't support counting tokens."), []);
        }

        RequestText? text;
        try
        {
            using var document = JsonDocument.Parse(body);
            text = document.RootElement is { ValueKind: JsonValueKind.Object } root
                && root.TryGetProperty("input", out var input) && input.ValueKind == JsonValueKind.Object
                && input.TryGetProperty("converse", out var converse)
                    ? RequestText.FromElement(converse)
                    : null;
        }
        catch (JsonException)
        {
            text = null;
        }

        if (text is null)
        {
            return (AwsError.Validation("1 validation error detected: Value at 'input.converse.messages' failed to satisfy constraint: Member must not be null"), []);
        }

        return (null, System.Text.Encoding.UTF8.GetBytes(new JsonObject { ["inputTokens"] = text.InputWords }.ToJsonString()));
    }
}
