namespace Clawdbot.Sdk;

/// <summary>Line and column arithmetic over JSON5 text, with the JSON5 line terminators.</summary>
internal static class TextPositions
{
    /// <summary>A span of <paramref name="length"/> characters at <paramref name="offset"/>, clamped to the text.</summary>
    public static SourceSpan SpanAt(string text, int offset, int length)
    {
        offset = offset < 0 ? 0 : offset > text.Length ? text.Length : offset;
        if (offset + length > text.Length)
        {
            length = text.Length - offset;
        }

        var (line, column) = PositionOf(text, offset);
        var (endLine, endColumn) = PositionOf(text, offset + length);
        return new SourceSpan(offset, length, line, column, endLine, endColumn);
    }

    /// <summary>The 1-based line and column of <paramref name="offset"/>.</summary>
    public static (int Line, int Column) PositionOf(string text, int offset)
    {
        var line = 1;
        var lineStart = 0;
        for (var i = 0; i < offset && i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
            {
                continue; // CRLF ends the line at its LF
            }

            if (c is '\n' or '\r' or '\u2028' or '\u2029')
            {
                line++;
                lineStart = i + 1;
            }
        }

        return (line, offset - lineStart + 1);
    }
}
