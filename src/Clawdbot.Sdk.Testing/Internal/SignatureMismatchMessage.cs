using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace Clawdbot.Sdk.Testing.Internal;

/// <summary>
/// The text of AWS's <c>InvalidSignatureException</c> for a signature that does not match: the first sentence, then
/// the canonical request and the string to sign the service expected. Like AWS's, the canonical request lists every
/// signed header with its value, <c>x-amz-security-token</c> (the session token) included, so a client that copies
/// the message as it comes leaks the token. Rebuilt from the received request for the message only; the verdict
/// comes from the signer.
/// </summary>
internal static class SignatureMismatchMessage
{
    public const string FirstSentence =
        "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.";

    public static string For(HttpRequest request, string rawTarget, byte[] body, string signedHeaders, string amzDate, string credentialScope)
    {
        var canonical = CanonicalRequest(request, rawTarget, body, signedHeaders);
        var stringToSign = string.Join('\n', "AWS4-HMAC-SHA256", amzDate, credentialScope, Hex(Encoding.UTF8.GetBytes(canonical)));
        return FirstSentence + "\n\nThe Canonical String for this request should have been\n'" + canonical
               + "'\n\nThe String-to-Sign should have been\n'" + stringToSign + "'\n";
    }

    private static string CanonicalRequest(HttpRequest request, string rawTarget, byte[] body, string signedHeaders)
    {
        var query = rawTarget.IndexOf('?');
        var path = query < 0 ? rawTarget : rawTarget[..query];
        var canonicalQuery = query < 0 ? "" : string.Join('&', rawTarget[(query + 1)..].Split('&').Order(StringComparer.Ordinal));
        var canonicalPath = string.Join('/', path.Split('/').Select(Uri.EscapeDataString));
        var headers = new StringBuilder();
        foreach (var name in signedHeaders.Split(';'))
        {
            var value = name == "host" ? request.Host.Value ?? "" : string.Join(",", request.Headers[name].Select(v => v?.Trim()));
            headers.Append(name).Append(':').Append(value).Append('\n');
        }

        var payloadHash = request.Headers["x-amz-content-sha256"].ToString() is { Length: > 0 } declared ? declared : Hex(body);
        return string.Join('\n', request.Method, canonicalPath, canonicalQuery, headers.ToString(), signedHeaders, payloadHash);
    }

    private static string Hex(byte[] data) => Convert.ToHexStringLower(SHA256.HashData(data));
}
