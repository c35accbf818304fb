namespace Clawdbot.Sdk;

/// <summary>Parses JSON5 1.0 text (https://spec.json5.org) into a tree of values that keep their source spans.</summary>
static partial class Json5
{
    /// <summary>The nesting depth past which a document is rejected instead of overflowing the stack.</summary>
    public const int MaxDepth = 512;

    /// <summary>
    /// Parses <paramref name="text"/> exactly as the reference parser (npm json5 2.x) does, in time linear in
    /// its length. Bad input of any kind raises <see cref="Json5Exception"/> and nothing else, worded and
    /// positioned as the reference words and positions it; nesting deeper than <see cref="MaxDepth"/> is one too.
    /// </summary>
    /// <exception cref="Json5Exception">The text is not JSON5.</exception>
    /// <exception cref="System.ArgumentNullException"><paramref name="text"/> is null.</exception>
    public static Json5Value Parse(string text) => Json5Parser.Parse(text);
}
