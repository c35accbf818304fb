using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace Clawdbot.Sdk.Generators.Model;

/// <summary>
/// Where a diagnostic points, as plain values: a <see cref="Location"/> roots a syntax tree and never compares equal
/// across runs, so pipeline outputs carry this instead and create the location when reporting.
/// </summary>
internal sealed record LocationInfo(string FilePath, TextSpan TextSpan, LinePositionSpan LineSpan)
{
    public static LocationInfo From(string filePath, SourceSpan span)
        => new(
            filePath,
            new TextSpan(span.Start, span.Length),
            new LinePositionSpan(
                new LinePosition(span.Line - 1, span.Column - 1),
                new LinePosition(span.EndLine - 1, span.EndColumn - 1)));

    public Location ToLocation() => Location.Create(FilePath, TextSpan, LineSpan);
}
