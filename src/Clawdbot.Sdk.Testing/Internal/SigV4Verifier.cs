using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Amazon;
using Amazon.Runtime;
using Amazon.Runtime.Signing;
using Microsoft.AspNetCore.Http;

namespace Clawdbot.Sdk.Testing.Internal;

/// <summary>
/// Checks a SigV4 <c>Authorization</c> header the way the service does: by signing the received request again
/// with the accepted secret, the received <c>x-amz-date</c> and the same signed headers, using AWSSDK.Core's
/// <see cref="AWSSigV4Signer"/> (the signer behind <see cref="SigV4SigningHandler"/>), and comparing signatures.
/// The path is the raw request target as sent, so the signer canonicalizes it exactly as the client's did.
/// The secret comes from <c>secretLookup</c> by access key id (the configured key pair, or temporary
/// credentials the emulator issued); the caller names the service and the regions the scope may name.
/// </summary>
internal sealed class SigV4Verifier(LocalBedrockOptions options, Func<string, (string SecretAccessKey, string? SessionToken)?> secretLookup)
{
    public const string ServiceName = "bedrock";
    private const string Algorithm = "AWS4-HMAC-SHA256";
    private const string AmzDateFormat = "yyyyMMdd'T'HHmmss'Z'";

    // Added by the signer itself from its parameters, so they are not passed in as caller headers.
    private static readonly HashSet<string> SignerOwnedHeaders = new(StringComparer.OrdinalIgnoreCase)
    {
        "host", "x-amz-date", "x-amz-security-token", "x-amz-content-sha256",
    };

    public AwsError? Verify(HttpRequest request, string rawTarget, byte[] body, string authorization)
        => Verify(request, rawTarget, body, authorization, ServiceName, [options.Region]);

    /// <summary>The access key id a SigV4 <c>Authorization</c> header names in its credential scope, else null.</summary>
    public static string? AccessKeyIdOf(string authorization)
        => TryParse(authorization, out var parsed) && parsed.Credential.IndexOf('/') is > 0 and var slash
            ? parsed.Credential[..slash]
            : null;

    public AwsError? Verify(HttpRequest request, string rawTarget, byte[] body, string authorization, string serviceName, IReadOnlyList<string> regions)
    {
        if (!TryParse(authorization, out var parsed))
        {
            return AwsError.IncompleteSignature(
                "Authorization header requires 'Credential', 'Signature' and 'SignedHeaders' parameters.");
        }

        var scope = parsed.Credential.Split('/');
        if (scope.Length != 5 || scope[4] != "aws4_request")
        {
            return AwsError.IncompleteSignature("Credential must have exactly 5 slash-delimited elements, e.g. keyid/date/region/service/term.");
        }

        if (secretLookup(scope[0]) is not { } key)
        {
            return AwsError.Unrecognized("The security token included in the request is invalid.");
        }

        var sessionToken = request.Headers["x-amz-security-token"].ToString();
        if (key.SessionToken is not null && !FixedTimeEquals(sessionToken, key.SessionToken))
        {
            return AwsError.Unrecognized("The security token included in the request is invalid.");
        }

        if (!regions.Contains(scope[2]))
        {
            return AwsError.InvalidSignature($"Credential should be scoped to a valid region, not '{scope[2]}'.");
        }

        if (scope[3] != serviceName)
        {
            return AwsError.InvalidSignature($"Credential should be scoped to correct service: '{serviceName}'.");
        }

        var amzDate = request.Headers["x-amz-date"].ToString();
        if (!DateTime.TryParseExact(amzDate, AmzDateFormat, CultureInfo.InvariantCulture,
                DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var signedAt))
        {
            return AwsError.IncompleteSignature("Authorization header requires existence of a valid 'X-Amz-Date' header.");
        }

        if (scope[1] != amzDate[..8])
        {
            return AwsError.InvalidSignature("Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP.");
        }

        var now = options.TimeProvider.GetUtcNow().UtcDateTime;
        if ((now - signedAt).Duration() > options.MaxClockSkew)
        {
            return AwsError.InvalidSignature(
                $"Signature expired: {amzDate} is outside the allowed clock skew of the server time {now.ToString(AmzDateFormat, CultureInfo.InvariantCulture)}.");
        }

        var expected = Sign(request, rawTarget, body, parsed.SignedHeaders, signedAt, scope[0], key, scope[2], serviceName);
        if (expected is null
            || !TryParse(expected, out var recomputed)
            || recomputed.SignedHeaders != parsed.SignedHeaders
            || !FixedTimeEquals(recomputed.Signature, parsed.Signature))
        {
            return AwsError.InvalidSignature(
                SignatureMismatchMessage.For(request, rawTarget, body, parsed.SignedHeaders, amzDate, string.Join('/', scope[1..])));
        }

        return null;
    }

    private static string? Sign(HttpRequest request, string rawTarget, byte[] body, string signedHeaders, DateTime signedAt,
        string accessKeyId, (string SecretAccessKey, string? SessionToken) key, string region, string serviceName)
    {
        var signingRequest = new AWSSigningRequest
        {
            HttpMethod = new HttpMethod(request.Method),
            RequestUri = new Uri($"http://{request.Host.Value}{rawTarget}"),
            Content = body.Length == 0 ? null : body,
        };
        foreach (var name in signedHeaders.Split(';'))
        {
            if (SignerOwnedHeaders.Contains(name))
            {
                continue;
            }

            var values = request.Headers[name];
            signingRequest.Headers[name] = string.Join(",", values.Select(value => value?.Trim() ?? ""));
        }

        var contentSha256 = request.Headers["x-amz-content-sha256"].ToString();
        AWSCredentials credentials = key.SessionToken is null
            ? new BasicAWSCredentials(accessKeyId, key.SecretAccessKey)
            : new SessionAWSCredentials(accessKeyId, key.SecretAccessKey, key.SessionToken);
        var parameters = new AWSSigV4Parameters
        {
            Credentials = credentials,
            Region = RegionEndpoint.GetBySystemName(region),
            Service = serviceName,
            SignedAt = signedAt,
            SignPayload = contentSha256 != "UNSIGNED-PAYLOAD",
        };

        try
        {
            var result = AWSSigV4Signer.Sign(signingRequest, parameters);
            return result.Headers.TryGetValue("Authorization", out var value) ? value : null;
        }
        catch (Exception exception) when (exception is ArgumentException or InvalidOperationException or AmazonClientException)
        {
            // A request the signer itself refuses (e.g. a header it cannot canonicalize) cannot carry a valid signature.
            return null;
        }
    }

    private static bool TryParse(string authorization, out (string Credential, string SignedHeaders, string Signature) parsed)
    {
        parsed = default;
        if (!authorization.StartsWith(Algorithm + " ", StringComparison.Ordinal))
        {
            return false;
        }

        string? credential = null, signedHeaders = null, signature = null;
        foreach (var part in authorization[(Algorithm.Length + 1)..].Split(','))
        {
            var pair = part.Trim();
            var equals = pair.IndexOf('=');
            if (equals <= 0)
            {
                continue;
            }

            var value = pair[(equals + 1)..];
            switch (pair[..equals])
            {
                case "Credential":
                    credential = value;
                    break;
                case "SignedHeaders":
                    signedHeaders = value;
                    break;
                case "Signature":
                    signature = value;
                    break;
            }
        }

        if (string.IsNullOrEmpty(credential) || string.IsNullOrEmpty(signedHeaders) || string.IsNullOrEmpty(signature))
        {
            return false;
        }

        parsed = (credential, signedHeaders, signature);
        return true;
    }

    private static bool FixedTimeEquals(string left, string right) =>
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(left), Encoding.UTF8.GetBytes(right));
}
