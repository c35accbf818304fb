using System.Text;
using Clawdbot.Sdk;

namespace Clawdbot.Cli;

/// <summary>
/// Writes a parsed value back as compact JSON5 source, the way <c>config set</c> lays out what it inserts: keys bare
/// when they are identifiers, strings double-quoted, <c>{ a: 1, b: [1, 2] }</c>. Nothing of the argument's own text
/// (comments, trailing commas, hex numbers) survives, so the file gets exactly the value that was parsed.
/// </summary>
internal static class Json5SourceWriter
{
    public static string Write(Json5Value value)
    {
        var builder = new StringBuilder();
        Append(builder, value);
        return builder.ToString();
    }

    /// <summary>A key as written in a file: bare when it is an identifier (and <paramref name="quote"/> is off), else quoted.</summary>
    public static string Key(string name, bool quote = false)
    {
        var identifier = name.Length > 0
                         && (char.IsAsciiLetter(name[0]) || name[0] is '_' or '$')
                         && name.All(static c => char.IsAsciiLetterOrDigit(c) || c is '_' or '$');
        return identifier && !quote ? name : ConfigValueText.Quote(name);
    }

    private static void Append(StringBuilder builder, Json5Value value)
    {
        switch (value)
        {
            case Json5Object obj:
                // Each key once, with its last value, as JSON5.parse builds the object.
                var names = obj.Properties.Select(static property => property.Name).Distinct(StringComparer.Ordinal).ToList();
                if (names.Count == 0)
                {
                    builder.Append("{}");
                    break;
                }

                builder.Append("{ ");
                for (var i = 0; i < names.Count; i++)
                {
                    builder.Append(i > 0 ? ", " : "").Append(Key(names[i])).Append(": ");
                    Append(builder, obj[names[i]]!);
                }

                builder.Append(" }");
                break;
            case Json5Array array:
                builder.Append('[');
                for (var i = 0; i < array.Items.Count; i++)
                {
                    builder.Append(i > 0 ? ", " : "");
                    Append(builder, array.Items[i]);
                }

                builder.Append(']');
                break;
            case Json5String text:
                builder.Append(ConfigValueText.Quote(text.Value));
                break;
            case Json5Number { Value: var number } when double.IsNaN(number):
                builder.Append("NaN");
                break;
            case Json5Number { Value: var number } when double.IsInfinity(number):
                builder.Append(number > 0 ? "Infinity" : "-Infinity");
                break;
            case Json5Number number:
                Json5NumberFormatter.AppendJavaScript(builder, number.Value);
                break;
            case Json5Boolean boolean:
                builder.Append(boolean.Value ? "true" : "false");
                break;
            default:
                builder.Append("null");
                break;
        }
    }
}
