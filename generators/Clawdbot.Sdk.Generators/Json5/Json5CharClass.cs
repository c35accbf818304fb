using System.Globalization;

namespace Clawdbot.Sdk;

/// <summary>
/// Character classes of JSON5 (ECMAScript 5.1 identifiers and white space), decided, as ES5.1 and the
/// reference parser's tables do, purely from Unicode general categories (as the running .NET knows them).
/// </summary>
internal static class Json5CharClass
{
    public static bool IsDigit(char c) => c >= '0' && c <= '9';

    public static bool IsHexDigit(char c) => (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');

    public static int HexValue(char c) => c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10;

    /// <summary>White space besides the ASCII and BOM/NBSP ones the parser tests directly: any Unicode Zs.</summary>
    public static bool IsSpaceSeparator(char c) => c > 0x7F && CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.SpaceSeparator;

    /// <summary>The UTF-16 length of the code point at <paramref name="index"/> (2 for a well-formed surrogate pair).</summary>
    public static int CodePointLength(string text, int index) =>
        char.IsHighSurrogate(text[index]) && index + 1 < text.Length && char.IsLowSurrogate(text[index + 1]) ? 2 : 1;

    /// <summary>Whether the code point at <paramref name="index"/> may start an identifier (<c>$</c> and <c>_</c> included).</summary>
    public static bool IsIdStart(string text, int index)
    {
        var c = text[index];
        if (c < 0x80)
        {
            return IsAsciiIdStart(c);
        }

        return IsLetter(CharUnicodeInfo.GetUnicodeCategory(text, index));
    }

    /// <summary>Whether the code point at <paramref name="index"/> may continue an identifier (ZWNJ/ZWJ included).</summary>
    public static bool IsIdContinue(string text, int index)
    {
        var c = text[index];
        if (c < 0x80)
        {
            return IsAsciiIdStart(c) || IsDigit(c);
        }

        return IsIdContinue(c, CharUnicodeInfo.GetUnicodeCategory(text, index));
    }

    /// <summary>For a character produced by a <c>\uXXXX</c> escape (a lone surrogate is never one).</summary>
    public static bool IsIdStart(char c) => c < 0x80 ? IsAsciiIdStart(c) : IsLetter(CharUnicodeInfo.GetUnicodeCategory(c));

    public static bool IsIdContinue(char c) =>
        c < 0x80 ? IsAsciiIdStart(c) || IsDigit(c) : IsIdContinue(c, CharUnicodeInfo.GetUnicodeCategory(c));

    private static bool IsAsciiIdStart(char c) => (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '$' || c == '_';

    private static bool IsLetter(UnicodeCategory category)
    {
        switch (category)
        {
            case UnicodeCategory.UppercaseLetter:
            case UnicodeCategory.LowercaseLetter:
            case UnicodeCategory.TitlecaseLetter:
            case UnicodeCategory.ModifierLetter:
            case UnicodeCategory.OtherLetter:
            case UnicodeCategory.LetterNumber:
                return true;
        }

        return false;
    }

    private static bool IsIdContinue(char c, UnicodeCategory category)
    {
        switch (category)
        {
            case UnicodeCategory.NonSpacingMark:
            case UnicodeCategory.SpacingCombiningMark:
            case UnicodeCategory.DecimalDigitNumber:
            case UnicodeCategory.ConnectorPunctuation:
                return true;
        }

        return c == '\u200C' || c == '\u200D' || IsLetter(category);
    }
}
