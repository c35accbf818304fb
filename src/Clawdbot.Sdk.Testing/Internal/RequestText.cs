using System.Text.Json;

namespace Clawdbot.Sdk.Testing.Internal;

/// <summary>What the default reply and the word-count usage need from a Converse request body.</summary>
internal sealed record RequestText(string LastUserText, int InputWords)
{
    /// <summary>Reads the request JSON; null when it is not a JSON object with a <c>messages</c> array.</summary>
    public static RequestText? TryParse(byte[] body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
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

            return new RequestText(lastUser, words);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public static int CountWords(string text) =>
        text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length;

    private static string TextOf(JsonElement block) =>
        block.ValueKind == JsonValueKind.Object && block.TryGetProperty("text", out var text) && text.ValueKind == JsonValueKind.String
            ? text.GetString()!
            : "";
}
