using System.Text;

namespace Clawdbot.Sdk;

/// <summary>Resolves Clawdbot's <c>${NAME}</c> placeholders from the environment when a value is used.</summary>
internal static class ConfigPlaceholders
{
    /// <summary>
    /// Replaces every <c>${NAME}</c> (NAME = letters, digits, underscore) with its value. A missing or empty variable
    /// is an error naming the variable and <paramref name="where"/>, never a value.
    /// </summary>
    public static string Resolve(string value, Func<string, string?> environment, string where)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (!value.Contains("${", StringComparison.Ordinal))
        {
            return value;
        }

        var result = new StringBuilder(value.Length);
        var i = 0;
        while (i < value.Length)
        {
            var start = value.IndexOf("${", i, StringComparison.Ordinal);
            if (start < 0)
            {
                result.Append(value, i, value.Length - i);
                break;
            }

            var end = value.IndexOf('}', start + 2);
            var name = end < 0 ? null : value[(start + 2)..end];
            if (name is null || name.Length == 0 || !name.All(static c => char.IsAsciiLetterOrDigit(c) || c == '_'))
            {
                // Not a placeholder: keep the text as written.
                result.Append(value, i, start + 2 - i);
                i = start + 2;
                continue;
            }

            var resolved = environment(name);
            if (string.IsNullOrEmpty(resolved))
            {
                throw new InvalidOperationException($"The environment variable {name} used by {where} is not set.");
            }

            result.Append(value, i, start - i).Append(resolved);
            i = end + 1;
        }

        return result.ToString();
    }
}
