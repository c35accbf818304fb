using System.Globalization;
using System.Text;

namespace Clawdbot.Sdk;

/// <summary>
/// Builds <see cref="Json5Exception"/>s worded and positioned exactly as the reference parser (npm json5 2.x)
/// words and positions them. Its positions differ from <see cref="SourceSpan"/>'s: only LF starts a new line,
/// a column counts the UTF-16 units read on the line including the offending character (so an LF itself is
/// column 0 of the next line), and the end of input sits one column past the last character. They are
/// computed only when an error is raised, by scanning the text up to the offending offset.
/// </summary>
internal static class Json5Errors
{
    public static Json5Exception InvalidCharacter(string text, int offset)
    {
        if (offset >= text.Length)
        {
            return EndOfInput(text);
        }

        var length = char.IsHighSurrogate(text[offset]) && offset + 1 < text.Length && char.IsLowSurrogate(text[offset + 1]) ? 2 : 1;
        var (line, unitsBefore) = ReferencePosition(text, offset);
        int column;
        if (text[offset] == '\n')
        {
            line++;
            column = 0;
        }
        else
        {
            column = unitsBefore + length;
        }

        var message = "invalid character '" + FormatChar(text.Substring(offset, length)) + "' at " + Format(line, column);
        return new Json5Exception(message, line, column, offset);
    }

    public static Json5Exception EndOfInput(string text)
    {
        var (line, unitsBefore) = ReferencePosition(text, text.Length);
        var column = unitsBefore + 1;
        return new Json5Exception("invalid end of input at " + Format(line, column), line, column, text.Length);
    }

    /// <summary>A <c>\uXXXX</c> escape in an unquoted key that does not stand for an identifier character.</summary>
    public static Json5Exception InvalidIdentifier(string text, int backslashOffset)
    {
        var (line, unitsBefore) = ReferencePosition(text, backslashOffset);
        var column = unitsBefore + 1;
        return new Json5Exception("invalid identifier character at " + Format(line, column), line, column, backslashOffset);
    }

    /// <summary>Not a reference error: the reference parser has no depth limit, this one stops at <see cref="Json5.MaxDepth"/>.</summary>
    public static Json5Exception NestingTooDeep(string text, int offset)
    {
        var (line, unitsBefore) = ReferencePosition(text, offset);
        var column = unitsBefore + 1;
        var message = "nesting too deep (more than " + Json5.MaxDepth.ToString(CultureInfo.InvariantCulture) + " levels) at " + Format(line, column);
        return new Json5Exception(message, line, column, offset);
    }

    private static string Format(int line, int column) =>
        line.ToString(CultureInfo.InvariantCulture) + ":" + column.ToString(CultureInfo.InvariantCulture);

    /// <summary>The reference line (1 + LFs before <paramref name="offset"/>) and the UTF-16 units between the last LF and it.</summary>
    private static (int Line, int UnitsBefore) ReferencePosition(string text, int offset)
    {
        var line = 1;
        var lineStart = 0;
        for (var i = 0; i < offset; i++)
        {
            if (text[i] == '\n')
            {
                line++;
                lineStart = i + 1;
            }
        }

        return (line, offset - lineStart);
    }

    /// <summary>Escapes the offending character as the reference's <c>formatChar</c> does.</summary>
    private static string FormatChar(string c)
    {
        switch (c)
        {
            case "'": return "\\'";
            case "\"": return "\\\"";
            case "\\": return "\\\\";
            case "\b": return "\\b";
            case "\f": return "\\f";
            case "\n": return "\\n";
            case "\r": return "\\r";
            case "\t": return "\\t";
            case "\v": return "\\v";
            case "\0": return "\\0";
            case "\u2028": return "\\u2028";
            case "\u2029": return "\\u2029";
        }

        if (c.Length == 1 && c[0] < ' ')
        {
            return new StringBuilder(4).Append("\\x").Append(((int)c[0]).ToString("x2", CultureInfo.InvariantCulture)).ToString();
        }

        return c;
    }
}
