namespace Clawdbot.Sdk.Testing.Internal;

/// <summary>
/// The text of AWS's <c>InvalidSignatureException</c> for a signature that does not match: the first sentence, then
/// the canonical request and the string to sign the service computed. Like AWS's, the canonical request lists every
/// signed header with its value, <c>x-amz-security-token</c> (the session token) included, so a client that copies
/// the message as it comes leaks the token.
/// </summary>
internal static class SignatureMismatchMessage
{
    public const string FirstSentence =
        "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.";

    public static string For(string canonicalRequest, string stringToSign) =>
        FirstSentence + "\n\nThe Canonical String for this request should have been\n'" + canonicalRequest
        + "'\n\nThe String-to-Sign should have been\n'" + stringToSign + "'\n";
}
