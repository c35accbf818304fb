namespace Clawdbot.Sdk;

/// <summary>
/// Where a piece of a JSON5 document stands: a 0-based character offset and length, and the 1-based
/// line and column of its first and last-plus-one character. Lines end at LF, CRLF, CR, U+2028 and
/// U+2029 (the JSON5 line terminators); columns count UTF-16 code units.
/// </summary>
readonly partial record struct SourceSpan(int Start, int Length, int Line, int Column, int EndLine, int EndColumn)
{
    /// <summary>The offset just past the span.</summary>
    public int End => Start + Length;

    /// <summary>The start position as <c>(line,column)</c>, the form compiler messages use.</summary>
    public override string ToString() => $"({Line},{Column})";
}
