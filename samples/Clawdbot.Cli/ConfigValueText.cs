using System.Text.Encodings.Web;
using System.Text.Json;
using Clawdbot.Sdk;

namespace Clawdbot.Cli;

/// <summary>
/// How <c>config set</c> reads its value (Clawdbot's rules): JSON5 when it parses as JSON5, else a plain string;
/// with <c>--json</c> it must parse. Returns JSON5 source text to put into the file: the parsed value written anew, never
/// the argument's own text (a <c>// comment</c> in it would swallow the rest of the line it lands on).
/// </summary>
internal static class ConfigValueText
{
    public static string FromArgument(string raw, bool strict)
    {
        try
        {
            return Json5SourceWriter.Write(Json5.Parse(raw.Trim()));
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
