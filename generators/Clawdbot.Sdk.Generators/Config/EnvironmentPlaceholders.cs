using System;
using System.Text;

namespace Clawdbot.Sdk;

/// <summary>
/// <c>${NAME}</c> placeholders in config strings, filled from the environment as Clawdbot does. The enum-valued
/// fields (<c>mode</c>, <c>auth</c>, <c>api</c>, <c>input</c>) decide what the file means, so they are filled when
/// the config is loaded (see <see cref="Generated.ConfigEnumValues"/>); every other string when its value is used.
/// Only upper-case names (<c>[A-Z_][A-Z0-9_]*</c>) are placeholders; <c>$${NAME}</c> writes a literal <c>${NAME}</c>.
/// </summary>
internal static class EnvironmentPlaceholders
{
    public static bool HasPlaceholder(string text) => text.IndexOf("${", StringComparison.Ordinal) >= 0;

    /// <summary>
    /// Replaces every placeholder with <paramref name="lookup"/>'s value. A missing or empty variable throws an
    /// <see cref="InvalidOperationException"/> that names it and <paramref name="where"/> it is used (never a value).
    /// </summary>
    public static string Expand(string text, Func<string, string?> lookup, string where = "the config")
        => TryExpand(text, lookup, out var expanded, out var missing)
            ? expanded
            : throw new InvalidOperationException("The environment variable '" + missing + "' used as ${" + missing + "} by " + where + " is not set.");

    /// <summary>
    /// Like <see cref="Expand"/>, without throwing: false, with the name of the first variable that is missing or
    /// empty in <paramref name="missingName"/>, when one is.
    /// </summary>
    public static bool TryExpand(string text, Func<string, string?> lookup, out string expanded, out string? missingName)
    {
        missingName = null;
        expanded = text;
        if (!HasPlaceholder(text))
        {
            return true;
        }

        var builder = new StringBuilder(text.Length);
        var i = 0;
        while (i < text.Length)
        {
            if (text[i] == '$' && i + 2 < text.Length && text[i + 1] == '$' && text[i + 2] == '{')
            {
                builder.Append("${");
                i += 3;
                continue;
            }

            if (text[i] == '$' && i + 1 < text.Length && text[i + 1] == '{')
            {
                var close = text.IndexOf('}', i + 2);
                var name = close < 0 ? null : text.Substring(i + 2, close - i - 2);
                if (name is not null && IsName(name))
                {
                    var value = lookup(name);
                    if (string.IsNullOrEmpty(value))
                    {
                        missingName = name;
                        return false;
                    }

                    builder.Append(value);
                    i = close + 1;
                    continue;
                }
            }

            builder.Append(text[i]);
            i++;
        }

        expanded = builder.ToString();
        return true;
    }

    private static bool IsName(string name)
    {
        if (name.Length == 0 || !(name[0] == '_' || (name[0] >= 'A' && name[0] <= 'Z')))
        {
            return false;
        }

        foreach (var c in name)
        {
            if (!(c == '_' || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')))
            {
                return false;
            }
        }

        return true;
    }
}
