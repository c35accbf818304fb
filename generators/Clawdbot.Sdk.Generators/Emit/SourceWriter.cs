using System.Text;

namespace Clawdbot.Sdk.Generators.Emit;

/// <summary>Writes indented C# source with LF line ends, so output is the same on every machine.</summary>
internal sealed class SourceWriter
{
    private const string IndentUnit = "    ";
    private readonly StringBuilder _builder = new();
    private int _indent;

    public SourceWriter WriteLine(string line)
    {
        if (line.Length > 0)
        {
            for (var i = 0; i < _indent; i++)
            {
                _builder.Append(IndentUnit);
            }

            _builder.Append(line);
        }

        _builder.Append('\n');
        return this;
    }

    public SourceWriter WriteLine() => WriteLine(string.Empty);

    /// <summary>Writes <paramref name="header"/> and an opening brace, and indents until <see cref="CloseBlock"/>.</summary>
    public SourceWriter OpenBlock(string header)
    {
        WriteLine(header);
        WriteLine("{");
        _indent++;
        return this;
    }

    public SourceWriter CloseBlock(string suffix = "")
    {
        _indent--;
        return WriteLine("}" + suffix);
    }

    public override string ToString() => _builder.ToString();
}
