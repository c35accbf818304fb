using System.Text;
using Clawdbot.Sdk;

namespace Clawdbot.Cli;

/// <summary>
/// Changes one value of a JSON5 document by editing its text, so comments, quoting and layout everywhere else stay
/// byte-for-byte: an existing value's span is replaced; a missing key is inserted before the closing brace of the
/// nearest existing object, or an item appended before the closing bracket of an array (with objects and arrays
/// created for the rest of the path), indented like its siblings.
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

        var where = depth == 0 ? "the root" : "'" + string.Join('.', path.Take(depth)) + "'";
        var segment = path[depth];
        var rest = path.Skip(depth + 1).ToArray();
        switch (node)
        {
            case Json5Object parent:
            {
                var quoteKeys = parent.Properties.Count > 0 && text[parent.Properties[0].NameSpan.Start] is '"' or '\'';
                var first = parent.Properties.Count > 0 ? parent.Properties[0].NameSpan.Start : -1;
                var last = parent.Properties.Count > 0 ? parent.Properties[^1].Value.Span.End : -1;
                return InsertMember(text, parent, first, last, layout =>
                    Json5SourceWriter.Key(segment, quoteKeys) + ": " + Nest(rest, valueText, layout, quoteKeys, path));
            }

            case Json5Array array when ConfigPath.TryIndex(segment, out var index):
            {
                // Appending is the one way to grow an array: a gap would need values nobody gave.
                if (index != array.Items.Count)
                {
                    throw new InvalidOperationException(
                        $"Cannot set [{index}] of {where}: it has {array.Items.Count} item(s), so [{array.Items.Count}] appends and a larger index would leave a gap.");
                }

                var first = array.Items.Count > 0 ? array.Items[0].Span.Start : -1;
                var last = array.Items.Count > 0 ? array.Items[^1].Span.End : -1;
                return InsertMember(text, array, first, last, layout =>
                    Nest(rest, valueText, layout, quoteKeys: false, path));
            }

            case Json5Array:
                throw new InvalidOperationException($"Cannot set '{segment}' inside {where}: it is an array, indexed like [0].");
            default:
                throw new InvalidOperationException($"Cannot set '{segment}' inside {where}: it is {Describe(node)}, not an object.");
        }
    }

    private static Json5Value? Child(Json5Value node, string segment) => node switch
    {
        Json5Object obj => obj[segment],
        Json5Array array when ConfigPath.TryIndex(segment, out var index) && index < array.Items.Count => array.Items[index],
        _ => null,
    };

    /// <summary>
    /// Inserts one member (rendered for the indentation it lands at) after the last member of an object or array,
    /// before its closing bracket: on a line of its own, indented like the first member, when the container is
    /// written over several lines; inline otherwise.
    /// </summary>
    private static string InsertMember(string text, Json5Value container, int firstMemberStart, int lastMemberEnd, Func<Layout, string> render)
    {
        var newline = text.Contains("\r\n", StringComparison.Ordinal) ? "\r\n" : "\n";
        var parentIndent = LeadingWhitespace(text, container.Span.Start);
        var childIndent = firstMemberStart >= 0 && IsFirstOnLine(text, firstMemberStart)
            ? LeadingWhitespace(text, firstMemberStart)
            : parentIndent + IndentUnit;
        var unit = childIndent.Length > parentIndent.Length && childIndent.StartsWith(parentIndent, StringComparison.Ordinal)
            ? childIndent[parentIndent.Length..]
            : IndentUnit;

        var closing = container.Span.End - 1;
        var last = lastMemberEnd;
        var trailingComma = last >= 0 ? FindTrailingComma(text, last, closing) : -1;
        var multiline = IsFirstOnLine(text, closing) && (last >= 0 || LineStart(text, closing) > container.Span.Start);

        var builder = new StringBuilder(text.Length + 64);
        if (multiline)
        {
            var member = render(new Layout(childIndent, unit, newline));
            var insertAt = LineStart(text, closing);
            builder.Append(text, 0, insertAt);
            if (last >= 0 && trailingComma < 0)
            {
                builder.Length = last;
                builder.Append(',').Append(text, last, insertAt - last);
            }

            builder.Append(childIndent).Append(member).Append(trailingComma >= 0 ? "," : "").Append(newline);
            builder.Append(text, insertAt, text.Length - insertAt);
            return builder.ToString();
        }

        var inline = render(new Layout(parentIndent, unit, Newline: null));
        if (last < 0)
        {
            var open = container.Span.Start + 1;
            return text[..open] + " " + inline + " " + text[open..];
        }

        return trailingComma >= 0
            ? text[..(trailingComma + 1)] + " " + inline + "," + text[(trailingComma + 1)..]
            : text[..last] + ", " + inline + text[last..];
    }

    /// <summary>
    /// The value for the rest of a path that does not exist yet: an object opened for every key and an array for every
    /// index (which must be [0], the first item of a new array), around <paramref name="valueText"/>; written over
    /// several lines when the member lands on a line of its own, inline otherwise.
    /// </summary>
    private static string Nest(string[] rest, string valueText, Layout layout, bool quoteKeys, IReadOnlyList<string> path)
    {
        var value = valueText;
        for (var i = rest.Length - 1; i >= 0; i--)
        {
            var isIndex = ConfigPath.TryIndex(rest[i], out var index);
            if (isIndex && index != 0)
            {
                var missing = string.Join('.', path.Take(path.Count - rest.Length + i));
                throw new InvalidOperationException($"Cannot set [{index}] of '{missing}': it does not exist yet, so its first item is [0].");
            }

            var member = isIndex ? value : Json5SourceWriter.Key(rest[i], quoteKeys) + ": " + value;
            var (open, close) = isIndex ? ("[", "]") : ("{", "}");
            if (layout.Newline is not { } newline)
            {
                value = isIndex ? open + member + close : open + " " + member + " " + close;
                continue;
            }

            var inner = layout.Indent + string.Concat(Enumerable.Repeat(layout.Unit, i + 1));
            var outer = layout.Indent + string.Concat(Enumerable.Repeat(layout.Unit, i));
            value = open + newline + inner + member + "," + newline + outer + close;
        }

        return value;
    }

    /// <summary>Where an inserted member lands: its indentation, the file's indent unit, and its newline (null when inline).</summary>
    private readonly record struct Layout(string Indent, string Unit, string? Newline);

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
