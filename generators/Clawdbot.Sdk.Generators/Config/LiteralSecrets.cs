using System;

namespace Clawdbot.Sdk;

/// <summary>
/// Which config values the generator must not compile into an assembly: a literal <c>apiKey</c>, and a literal value
/// of a header whose name says it carries a credential. A <c>${NAME}</c> placeholder is never a secret (it is filled
/// from the environment at run time); the runtime, reading the file itself, keeps and uses every value.
/// </summary>
internal static class LiteralSecrets
{
    // Substrings of header names that carry credentials: Authorization, x-api-key, x-auth-token, x-client-secret, …
    private static readonly string[] s_secretNameParts = ["auth", "key", "token", "secret", "password", "credential", "cookie", "signature"];

    public static bool IsLiteral(string value) => !EnvironmentPlaceholders.HasPlaceholder(value);

    public static bool IsLiteralHeader(string name, string value) => IsLiteral(value) && IsSecretHeaderName(name);

    private static bool IsSecretHeaderName(string name)
    {
        foreach (var part in s_secretNameParts)
        {
            if (name.IndexOf(part, StringComparison.OrdinalIgnoreCase) >= 0)
            {
                return true;
            }
        }

        return false;
    }
}
