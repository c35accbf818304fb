using System.Text.RegularExpressions;

namespace Clawdbot.Sdk;

/// <summary>
/// Makes a message taken from the wire (an error body, an exception or error frame) safe to put in a
/// <see cref="BedrockException"/>. AWS's <c>InvalidSignatureException</c> quotes the canonical request it expected,
/// every signed header included (<c>x-amz-security-token:</c> the session token), and the string to sign: those
/// sections are dropped, keeping the sentence that says what went wrong, and any credential left is masked.
/// </summary>
internal static partial class ServiceMessage
{
    private const string Masked = "***";

    private static readonly string[] EchoedSigningSections =
    [
        "The Canonical String for this request should have been",
        "The String-to-Sign should have been",
    ];

    /// <summary>The message without echoed signing material and with credentials masked; null when nothing is left.</summary>
    public static string? Scrub(string? message)
    {
        if (message is null)
        {
            return null;
        }

        foreach (var section in EchoedSigningSections)
        {
            var start = message.IndexOf(section, StringComparison.OrdinalIgnoreCase);
            if (start >= 0)
            {
                message = message[..start];
            }
        }

        message = HeaderCredential().Replace(message, "$1" + Masked);
        message = ParameterCredential().Replace(message, "$1" + Masked);
        message = message.Trim();
        return message.Length == 0 ? null : message;
    }

    // "x-amz-security-token:<token>" and "authorization:<scheme> <credential>, ..." as canonical headers print them.
    [GeneratedRegex(@"((?:x-amz-security-token|authorization)[ \t]*:[ \t]*)[^\r\n'""]+", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex HeaderCredential();

    // "Signature=<hex>" (also X-Amz-Signature) in an Authorization value or a query, and "X-Amz-Security-Token=<token>".
    [GeneratedRegex(@"((?:signature|x-amz-security-token)=)[^\s,&'""]+", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ParameterCredential();
}
