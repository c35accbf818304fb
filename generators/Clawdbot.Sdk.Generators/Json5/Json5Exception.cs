using System;

namespace Clawdbot.Sdk;

/// <summary>
/// A JSON5 syntax error. <see cref="Line"/> and <see cref="Column"/> are reported as the reference parser
/// (json5 2.x) reports them; <see cref="Offset"/> is the 0-based index of the offending character (or of
/// the end of input), which tools use to point at the exact place.
/// </summary>
sealed partial class Json5Exception : FormatException
{
    /// <summary>
    /// Creates the error for <paramref name="message"/> at the given 1-based <paramref name="line"/> and <paramref
    /// name="column"/> and 0-based <paramref name="offset"/>.
    /// </summary>
    public Json5Exception(string message, int line, int column, int offset)
        : base(message)
    {
        Line = line;
        Column = column;
        Offset = offset;
    }

    /// <summary>The 1-based line of the error.</summary>
    public int Line { get; }

    /// <summary>The 1-based column of the error, in UTF-16 code units.</summary>
    public int Column { get; }

    /// <summary>
    /// The 0-based character index of the offending character, or the length of the text when the input ended too soon.
    /// </summary>
    public int Offset { get; }
}
