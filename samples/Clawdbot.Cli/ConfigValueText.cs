using System.Text.Encodings.Web;
using System.Text.Json;
using Clawdbot.Sdk;

namespace Clawdbot.Cli;

/// <summary>
/// How <c>config set</c> reads its value (Clawdbot's rules): JSON5 when it parses as JSON5, else a plain string;
/// with <c>--json</c> it must parse. Returns JSON5 source text to put into the file.
/// </summary>
internal static class ConfigValueText
{
    public static string FromArgument(string raw, bool strict)
    {
        var trimmed = raw.Trim();
        try
        {
            Json5.Parse(trimmed);
            return trimmed;
        }
        catch (Json5Exception exception) when (!strict)
        {
            _ = exception;
            return Quote(raw);
        }
        catch (Json5Exception exception)
        {
            throw new FormatException($"Failed to parse JSON5 value: {exception.Message}", exception);
        }
    }

    /// <summary>A double-quoted string literal; non-ASCII text stays readable.</summary>
    public static string Quote(string value)
        => "\"" + JsonEncodedText.Encode(value, JavaScriptEncoder.UnsafeRelaxedJsonEscaping).Value + "\"";

    /// <summary>A value as standard JSON, indented by two spaces, as <c>JSON.stringify(value, null, 2)</c>.</summary>
    public static string Pretty(Json5Value value)
    {
        using var document = JsonDocument.Parse(value.ToJsonString());
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            document.WriteTo(writer);
        }

        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }
}
