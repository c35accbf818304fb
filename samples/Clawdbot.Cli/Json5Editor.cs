using System.Text;
using Clawdbot.Sdk;

namespace Clawdbot.Cli;

/// <summary>
/// Changes one value of a JSON5 document by editing its text, so comments, quoting and layout everywhere else stay
/// byte-for-byte: an existing value's span is replaced; a missing key is inserted before the closing brace of the
/// nearest existing object (with objects created for the rest of the path), indented like its siblings.
/// </summary>
internal static class Json5Editor
{
    private const string IndentUnit = "  ";

    /// <summary>The value at <paramref name="path"/>, or null when the path leads nowhere.</summary>
    public static Json5Value? Find(Json5Value root, IReadOnlyList<string> path)
    {
        var node = root;
        foreach (var segment in path)
        {
            node = Child(node, segment);
            if (node is null)
            {
                return null;
            }
        }

        return node;
    }

    /// <summary>The text of <paramref name="text"/> with <paramref name="path"/> set to <paramref name="valueText"/> (JSON5 source).</summary>
    public static string Set(string text, IReadOnlyList<string> path, string valueText)
    {
        var root = Json5.Parse(text);
        var node = root;
        var depth = 0;
        while (depth < path.Count && Child(node, path[depth]) is { } child)
        {
            node = child;
            depth++;
        }

        if (depth == path.Count)
        {
            return string.Concat(text.AsSpan(0, node.Span.Start), valueText, text.AsSpan(node.Span.End));
        }

        if (node is not Json5Object parent)
        {
            var where = depth == 0 ? "the root" : string.Join('.', path.Take(depth));
            throw new InvalidOperationException($"Cannot set '{path[depth]}' inside {where}: it is {Describe(node)}, not an object.");
        }

        return InsertProperty(text, parent, path.Skip(depth).ToArray(), valueText);
    }

    private static Json5Value? Child(Json5Value node, string segment) => node switch
    {
        Json5Object obj => obj[segment],
        Json5Array array when ConfigPath.TryIndex(segment, out var index) && index < array.Items.Count => array.Items[index],
        _ => null,
    };

    private static string InsertProperty(string text, Json5Object parent, string[] keys, string valueText)
    {
        var newline = text.Contains("\r\n", StringComparison.Ordinal) ? "\r\n" : "\n";
        var parentIndent = LeadingWhitespace(text, parent.Span.Start);
        var quoteKeys = parent.Properties.Count > 0 && text[parent.Properties[0].NameSpan.Start] is '"' or '\'';
        var childIndent = parent.Properties.Count > 0 && IsFirstOnLine(text, parent.Properties[0].NameSpan.Start)
            ? LeadingWhitespace(text, parent.Properties[0].NameSpan.Start)
            : parentIndent + IndentUnit;
        var unit = childIndent.Length > parentIndent.Length && childIndent.StartsWith(parentIndent, StringComparison.Ordinal)
            ? childIndent[parentIndent.Length..]
            : IndentUnit;

        var closing = parent.Span.End - 1;
        var last = parent.Properties.Count > 0 ? parent.Properties[^1].Value.Span.End : -1;
        var trailingComma = last >= 0 ? FindTrailingComma(text, last, closing) : -1;
        var multiline = IsFirstOnLine(text, closing) && (last >= 0 || LineStart(text, closing) > parent.Span.Start);

        var builder = new StringBuilder(text.Length + 64);
        if (multiline)
        {
            var property = Property(keys, valueText, childIndent, unit, newline, quoteKeys);
            var insertAt = LineStart(text, closing);
            builder.Append(text, 0, insertAt);
            if (last >= 0 && trailingComma < 0)
            {
                builder.Length = last;
                builder.Append(',').Append(text, last, insertAt - last);
            }

            builder.Append(childIndent).Append(property).Append(trailingComma >= 0 ? "," : "").Append(newline);
            builder.Append(text, insertAt, text.Length - insertAt);
            return builder.ToString();
        }

        var inline = Property(keys, valueText, parentIndent, unit, newline, quoteKeys);
        if (last < 0)
        {
            var open = parent.Span.Start + 1;
            return text[..open] + " " + inline + " " + text[open..];
        }

        return trailingComma >= 0
            ? text[..(trailingComma + 1)] + " " + inline + "," + text[(trailingComma + 1)..]
            : text[..last] + ", " + inline + text[last..];
    }

    // key: value, with an object opened for every further key of the path.
    private static string Property(string[] keys, string valueText, string indent, string unit, string newline, bool quoteKeys)
    {
        var value = valueText;
        for (var i = keys.Length - 1; i >= 1; i--)
        {
            var inner = indent + string.Concat(Enumerable.Repeat(unit, i));
            var outer = indent + string.Concat(Enumerable.Repeat(unit, i - 1));
            value = "{" + newline + inner + Key(keys[i], quoteKeys) + ": " + value + "," + newline + outer + "}";
        }

        return Key(keys[0], quoteKeys) + ": " + value;
    }

    private static string Key(string name, bool quote)
    {
        var identifier = name.Length > 0
                         && (char.IsAsciiLetter(name[0]) || name[0] is '_' or '$')
                         && name.All(static c => char.IsAsciiLetterOrDigit(c) || c is '_' or '$');
        return identifier && !quote ? name : ConfigValueText.Quote(name);
    }

    // The index of the comma after the last member, skipping whitespace and comments; -1 when there is none.
    private static int FindTrailingComma(string text, int from, int closing)
    {
        var i = from;
        while (i < closing)
        {
            if (char.IsWhiteSpace(text[i]))
            {
                i++;
            }
            else if (text[i] == '/' && i + 1 < closing && text[i + 1] == '/')
            {
                var end = text.IndexOfAny(['\n', '\r'], i);
                i = end < 0 ? closing : end;
            }
            else if (text[i] == '/' && i + 1 < closing && text[i + 1] == '*')
            {
                var end = text.IndexOf("*/", i + 2, StringComparison.Ordinal);
                i = end < 0 ? closing : end + 2;
            }
            else
            {
                return text[i] == ',' ? i : -1;
            }
        }

        return -1;
    }

    private static int LineStart(string text, int offset)
    {
        var i = offset;
        while (i > 0 && text[i - 1] is not ('\n' or '\r'))
        {
            i--;
        }

        return i;
    }

    private static bool IsFirstOnLine(string text, int offset)
    {
        for (var i = LineStart(text, offset); i < offset; i++)
        {
            if (text[i] is not (' ' or '\t'))
            {
                return false;
            }
        }

        return true;
    }

    private static string LeadingWhitespace(string text, int offset)
    {
        var start = LineStart(text, offset);
        var end = start;
        while (end < text.Length && text[end] is ' ' or '\t')
        {
            end++;
        }

        return text[start..end];
    }

    private static string Describe(Json5Value value) => value.Kind switch
    {
        Json5Kind.Array => "an array",
        Json5Kind.String => "a string",
        Json5Kind.Number => "a number",
        Json5Kind.Boolean => "a boolean",
        Json5Kind.Null => "null",
        _ => "an object",
    };
}
