using System.Globalization;
using System.Text;

namespace Clawdbot.Sdk;

/// <summary>
/// The C# name a declared model gets in <c>Bedrock.Models</c>: its <c>name</c> without a trailing parenthetical,
/// PascalCased, characters that cannot stand in an identifier dropped ("Claude Opus 4.5 (Bedrock)" → <c>ClaudeOpus45</c>).
/// </summary>
internal static class ModelIdentifier
{
    /// <summary>
    /// Names a model's property may not take in the generated <c>Bedrock.Models</c>: the members emitted beside the
    /// models, the class's own name (CS0542) and the members every class inherits from <c>object</c> (CS0108).
    /// </summary>
    public static readonly string[] ReservedNames =
    [
        "All", "Default", "Models",
        "Equals", "GetHashCode", "GetType", "ToString", "MemberwiseClone", "ReferenceEquals", "Finalize",
    ];

    public static string FromModel(string name, string id)
    {
        var fromName = Pascalize(WithoutTrailingParenthetical(name));
        return fromName.Length > 0 ? fromName : Pascalize(id);
    }

    internal static string WithoutTrailingParenthetical(string name)
    {
        var trimmed = name.TrimEnd();
        if (trimmed.EndsWith(")", System.StringComparison.Ordinal))
        {
            var open = trimmed.LastIndexOf('(');
            if (open >= 0)
            {
                return trimmed.Substring(0, open).TrimEnd();
            }
        }

        return trimmed;
    }

    private static string Pascalize(string text)
    {
        var builder = new StringBuilder(text.Length);
        var startOfWord = true;
        foreach (var c in text)
        {
            if (!IsIdentifierPart(c))
            {
                // A separator starts a new word; digits have no case, so "4.5" becomes "45".
                startOfWord = true;
                continue;
            }

            builder.Append(startOfWord ? char.ToUpperInvariant(c) : c);
            startOfWord = false;
        }

        if (builder.Length > 0 && !IsIdentifierStart(builder[0]))
        {
            builder.Insert(0, '_');
        }

        return builder.ToString();
    }

    private static bool IsIdentifierStart(char c) => char.IsLetter(c) || c == '_';

    private static bool IsIdentifierPart(char c)
        => char.GetUnicodeCategory(c) switch
        {
            UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter
                or UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter or UnicodeCategory.LetterNumber
                or UnicodeCategory.DecimalDigitNumber => true,
            _ => false,
        };
}
