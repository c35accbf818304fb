using System;

namespace Clawdbot.Sdk;

/// <summary>
/// A JSON5 syntax error. <see cref="Line"/> and <see cref="Column"/> are reported as the reference parser
/// (json5 2.x) reports them; <see cref="Offset"/> is the 0-based index of the offending character (or of
/// the end of input), which tools use to point at the exact place.
/// </summary>
sealed partial class Json5Exception : FormatException
{
    public Json5Exception(string message, int line, int column, int offset)
        : base(message)
    {
        Line = line;
        Column = column;
        Offset = offset;
    }

    public int Line { get; }

    public int Column { get; }

    public int Offset { get; }
}
