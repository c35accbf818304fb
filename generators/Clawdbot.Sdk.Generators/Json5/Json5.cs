namespace Clawdbot.Sdk;

/// <summary>Parses JSON5 1.0 text (https://spec.json5.org) into a tree of values that keep their source spans.</summary>
public static class Json5
{
    /// <summary>The nesting depth past which a document is rejected instead of overflowing the stack.</summary>
    public const int MaxDepth = 512;

    /// <summary>Parses <paramref name="text"/>; throws <see cref="Json5Exception"/> (and nothing else) on bad input.</summary>
    public static Json5Value Parse(string text) => Json5Parser.Parse(text);
}
