using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Clawdbot.Sdk.Testing.Internal;

/// <summary>
/// One HTTP request as it was received, before any server interpretation: the method, the request target exactly as
/// sent on the request line (path and query, still percent-encoded), every header line in arrival order (a header sent
/// on several lines appears several times; an obsolete folded value keeps its line breaks) and the body.
/// </summary>
internal sealed record SigV4Request(string Method, string RawTarget, IReadOnlyList<(string Name, string Value)> Headers, ReadOnlyMemory<byte> Body);

/// <summary>The service-side choices SigV4 leaves to each service. The defaults are those of every AWS service but S3.</summary>
internal sealed record SigV4Settings
{
    public static SigV4Settings Default { get; } = new();

    /// <summary>How far the request time may be from "now" either way (AWS: 5 minutes).</summary>
    public TimeSpan MaxClockSkew { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Remove <c>.</c> and <c>..</c> segments and empty segments (duplicate slashes) from the path before encoding it (S3: no).</summary>
    public bool NormalizePath { get; init; } = true;

    /// <summary>URI-encode the path as received (already encoded once for the wire), so <c>%3A</c> signs as <c>%253A</c> (S3: no).</summary>
    public bool DoubleEncodePath { get; init; } = true;

    /// <summary>
    /// Accept an <c>x-amz-security-token</c> that is sent but not listed in SignedHeaders (it must still equal the
    /// credential's token). SigV4 allows services to take the token unsigned (the AWS test suite's
    /// <c>post-sts-header-after</c>); LocalBedrock requires it signed, as every current AWS SDK signs it.
    /// </summary>
    public bool AllowUnsignedSessionToken { get; init; }
}

/// <summary>
/// The verdict on one request: <see cref="Error"/> is null when the signature is valid, else the AWS error to send.
/// <see cref="AccessKeyId"/> is the credential that was found for the request (set once the key is known, even when a
/// later check fails). <see cref="CanonicalRequest"/> and <see cref="StringToSign"/> are what the verifier computed,
/// when it got that far.
/// </summary>
internal sealed record SigV4Verification(AwsError? Error, string? AccessKeyId, string? CanonicalRequest, string? StringToSign)
{
    public bool IsValid => Error is null;
}

/// <summary>
/// Verifies an AWS Signature Version 4 <c>Authorization</c> header (<c>AWS4-HMAC-SHA256</c>), written from the
/// specification and the AWS SigV4 test suite and sharing no code with any signer: it rebuilds the canonical request
/// and the string to sign from the request as received, derives the signing key from the secret found for the access
/// key, and compares signatures in fixed time. A pure function of its inputs (no ASP.NET, no clock of its own), so it
/// serves Kestrel requests and raw HTTP text alike, for any service name and any set of credentials.
/// </summary>
internal static class SigV4Verifier
{
    public const string Algorithm = "AWS4-HMAC-SHA256";
    public const string UnsignedPayload = "UNSIGNED-PAYLOAD";
    private const string Terminator = "aws4_request";
    private const string AmzDateFormat = "yyyyMMdd'T'HHmmss'Z'";

    /// <summary>
    /// Checks <paramref name="request"/>'s SigV4 signature.
    /// </summary>
    /// <param name="request">The request as received.</param>
    /// <param name="findCredential">
    /// The secret (and, for temporary credentials, the session token the request must carry) of an access key id, or
    /// null when the key is unknown.
    /// </param>
    /// <param name="region">The region the credential scope must name, e.g. <c>us-east-1</c>.</param>
    /// <param name="service">The signing name the credential scope must name, e.g. <c>bedrock</c> or <c>sts</c>.</param>
    /// <param name="now">The server's time, for the clock-skew rule.</param>
    /// <param name="settings">Service-side choices; <see cref="SigV4Settings.Default"/> when null.</param>
    public static SigV4Verification Verify(
        SigV4Request request,
        Func<string, (string SecretAccessKey, string? SessionToken)?> findCredential,
        string region,
        string service,
        DateTimeOffset now,
        SigV4Settings? settings = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(findCredential);
        settings ??= SigV4Settings.Default;
        var headers = HeaderTable.From(request.Headers);

        if (!headers.TryGet("authorization", out var authorizationLines))
        {
            return Fail(new AwsError(403, "MissingAuthenticationTokenException", "Missing Authentication Token"));
        }

        var authorization = string.Join(',', authorizationLines).Trim();
        var parsed = AuthorizationHeader.Parse(authorization);
        var timeHeader = RequestTime.Find(headers);
        var missing = new List<string>();
        if (parsed.Credential is null)
        {
            missing.Add("Authorization header requires 'Credential' parameter.");
        }

        if (parsed.Signature is null)
        {
            missing.Add("Authorization header requires 'Signature' parameter.");
        }

        if (parsed.SignedHeaders is null)
        {
            missing.Add("Authorization header requires 'SignedHeaders' parameter.");
        }

        if (timeHeader is null)
        {
            missing.Add("Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.");
        }

        if (parsed.Algorithm != Algorithm)
        {
            return Fail(AwsError.IncompleteSignature(
                $"Unsupported AWS 'algorithm': '{parsed.Algorithm}'. Authorization={authorization}"));
        }

        if (missing.Count > 0)
        {
            return Fail(AwsError.IncompleteSignature(string.Join(' ', missing) + " Authorization=" + authorization));
        }

        var credential = parsed.Credential!;
        var scope = credential.Split('/');
        if (scope.Length != 5)
        {
            return Fail(AwsError.IncompleteSignature(
                $"Credential must have exactly 5 slash-delimited elements, e.g. keyid/date/region/service/term, got '{credential}'"));
        }

        var (accessKeyId, scopeDate, scopeRegion, scopeService, scopeTerminator) = (scope[0], scope[1], scope[2], scope[3], scope[4]);
        if (!RequestTime.TryParse(timeHeader!, out var signedAt, out var amzDate))
        {
            return Fail(AwsError.IncompleteSignature(
                $"Date must be in ISO-8601 'basic format'. Got '{timeHeader!.Value}'. See http://en.wikipedia.org/wiki/ISO_8601"));
        }

        if (findCredential(accessKeyId) is not { } secret)
        {
            return Fail(AwsError.Unrecognized("The security token included in the request is invalid."));
        }

        SigV4Verification Refuse(AwsError error, string? canonical = null, string? stringToSign = null) =>
            new(error, accessKeyId, canonical, stringToSign);

        var signedHeaderNames = parsed.SignedHeaders!.Split(';');
        var tokenSigned = signedHeaderNames.Contains("x-amz-security-token", StringComparer.OrdinalIgnoreCase);
        var sentToken = headers.TryGet("x-amz-security-token", out var tokenLines) ? string.Join(',', tokenLines).Trim() : null;
        if (secret.SessionToken is { } expectedToken)
        {
            if (sentToken is null || !FixedTimeEquals(sentToken, expectedToken))
            {
                return Refuse(AwsError.Unrecognized("The security token included in the request is invalid."));
            }

            if (!tokenSigned && !settings.AllowUnsignedSessionToken)
            {
                return Refuse(AwsError.IncompleteSignature("'X-Amz-Security-Token' must be a 'SignedHeader' in the AWS Authorization."));
            }
        }
        else if (sentToken is not null)
        {
            // A long-term key has no session: a token sent with it is a token the service does not know.
            return Refuse(AwsError.Unrecognized("The security token included in the request is invalid."));
        }

        if (scopeRegion != region)
        {
            return Refuse(AwsError.InvalidSignature($"Credential should be scoped to a valid region, not '{scopeRegion}'. "));
        }

        if (scopeService != service)
        {
            return Refuse(AwsError.InvalidSignature($"Credential should be scoped to correct service: '{service}'. "));
        }

        if (scopeTerminator != Terminator)
        {
            return Refuse(AwsError.InvalidSignature($"Credential should be scoped with a valid terminator: '{Terminator}', not '{scopeTerminator}'. "));
        }

        if (scopeDate != amzDate[..8])
        {
            return Refuse(AwsError.InvalidSignature(
                $"Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '{scopeDate}' != '{amzDate[..8]}', from '{amzDate}'."));
        }

        if (SkewError(signedAt, amzDate, now, settings.MaxClockSkew) is { } skew)
        {
            return Refuse(skew);
        }

        // Over HTTP/2 a client signs the ':authority' pseudo-header in place of 'host' (the AWS SDK for JavaScript does).
        if (!signedHeaderNames.Contains("host", StringComparer.OrdinalIgnoreCase) && !signedHeaderNames.Contains(":authority", StringComparer.Ordinal))
        {
            return Refuse(AwsError.IncompleteSignature("'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization."));
        }

        var body = request.Body.Span;
        var bodyHash = Convert.ToHexStringLower(SHA256.HashData(body));
        string payloadHash = bodyHash;
        if (headers.TryGet("x-amz-content-sha256", out var contentShaLines))
        {
            payloadHash = CanonicalHeaderValue(contentShaLines);
            if (payloadHash != UnsignedPayload && payloadHash != bodyHash)
            {
                return Refuse(AwsError.InvalidSignature("The provided 'x-amz-content-sha256' header does not match what was computed."));
            }
        }

        var canonicalRequest = CanonicalRequest(request, headers, signedHeaderNames, parsed.SignedHeaders!, payloadHash, settings, out var allSignedHeadersPresent);
        var credentialScope = string.Join('/', scopeDate, scopeRegion, scopeService, scopeTerminator);
        var stringToSign = string.Join('\n', Algorithm, amzDate, credentialScope, Hex(SHA256.HashData(Encoding.UTF8.GetBytes(canonicalRequest))));
        var expected = Signature(secret.SecretAccessKey, scopeDate, scopeRegion, scopeService, stringToSign);

        // A signed header that is absent is refused even if its empty value happens to match: SignedHeaders names
        // headers that were sent.
        if (!allSignedHeadersPresent || !FixedTimeEquals(expected, parsed.Signature!))
        {
            return Refuse(AwsError.InvalidSignature(SignatureMismatchMessage.For(canonicalRequest, stringToSign)), canonicalRequest, stringToSign);
        }

        return new SigV4Verification(null, accessKeyId, canonicalRequest, stringToSign);

        static SigV4Verification Fail(AwsError error) => new(error, null, null, null);
    }

    /// <summary>
    /// The access key id and region a SigV4 <c>Authorization</c> header's credential scope names (each null when it
    /// names none), read before anything is verified: to record who claims to sign, and to pick among the regions a
    /// service accepts.
    /// </summary>
    public static (string? AccessKeyId, string? Region) ScopeOf(string authorization)
    {
        var scope = AuthorizationHeader.Parse(authorization.Trim()).Credential?.Split('/');
        return scope is null ? (null, null) : (NonEmpty(scope[0]), scope.Length > 2 ? NonEmpty(scope[2]) : null);

        static string? NonEmpty(string value) => value.Length == 0 ? null : value;
    }

    /// <summary>The hex HMAC-SHA256 signature of <paramref name="stringToSign"/> with the key derived for the scope.</summary>
    internal static string Signature(string secretAccessKey, string date, string region, string service, string stringToSign)
    {
        var key = HMACSHA256.HashData(Encoding.UTF8.GetBytes("AWS4" + secretAccessKey), Encoding.UTF8.GetBytes(date));
        key = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(region));
        key = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(service));
        key = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(Terminator));
        return Hex(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(stringToSign)));
    }

    private static AwsError? SkewError(DateTimeOffset signedAt, string amzDate, DateTimeOffset now, TimeSpan maxSkew)
    {
        var minutes = maxSkew.TotalMinutes.ToString("0.##", CultureInfo.InvariantCulture) + " min.";
        var nowText = Format(now);
        if (signedAt < now - maxSkew)
        {
            return AwsError.InvalidSignature($"Signature expired: {amzDate} is now earlier than {Format(now - maxSkew)} ({nowText} - {minutes})");
        }

        if (signedAt > now + maxSkew)
        {
            return AwsError.InvalidSignature($"Signature not yet current: {amzDate} is still later than {Format(now + maxSkew)} ({nowText} + {minutes})");
        }

        return null;

        static string Format(DateTimeOffset time) => time.UtcDateTime.ToString(AmzDateFormat, CultureInfo.InvariantCulture);
    }

    private static string CanonicalRequest(
        SigV4Request request, HeaderTable headers, string[] signedHeaderNames, string signedHeaders, string payloadHash,
        SigV4Settings settings, out bool allSignedHeadersPresent)
    {
        var (path, query) = SplitTarget(request.RawTarget);
        var builder = new StringBuilder();
        builder.Append(request.Method).Append('\n');
        builder.Append(CanonicalUri(path, settings)).Append('\n');
        builder.Append(CanonicalQuery(query)).Append('\n');
        allSignedHeadersPresent = true;
        foreach (var name in signedHeaderNames)
        {
            var lowered = name.ToLowerInvariant();
            builder.Append(lowered).Append(':');
            if (headers.TryGet(lowered, out var lines))
            {
                builder.Append(CanonicalHeaderValue(lines));
            }
            else
            {
                allSignedHeadersPresent = false;
            }

            builder.Append('\n');
        }

        builder.Append('\n').Append(signedHeaders).Append('\n').Append(payloadHash);
        return builder.ToString();
    }

    /// <summary>Path and query of a request target; an absolute-form target (<c>http://host/path</c>) loses its scheme and authority.</summary>
    private static (string Path, string? Query) SplitTarget(string rawTarget)
    {
        var target = rawTarget;
        var schemeEnd = target.IndexOf("://", StringComparison.Ordinal);
        if (schemeEnd > 0 && !target.StartsWith('/'))
        {
            var pathStart = target.IndexOfAny(['/', '?'], schemeEnd + 3);
            target = pathStart < 0 ? "/" : target[pathStart..];
        }

        var queryStart = target.IndexOf('?');
        return queryStart < 0 ? (target, null) : (target[..queryStart], target[(queryStart + 1)..]);
    }

    internal static string CanonicalUri(string rawPath, SigV4Settings settings)
    {
        var path = rawPath.Length == 0 ? "/" : rawPath;
        if (settings.NormalizePath)
        {
            path = NormalizePath(path);
        }

        return settings.DoubleEncodePath ? UriEncode(Encoding.UTF8.GetBytes(path), keepSlash: true) : path;
    }

    /// <summary>
    /// Drops empty and <c>.</c> segments, lets <c>..</c> remove the segment before it, and keeps a trailing slash
    /// when there is a segment left to carry it: <c>//example//</c> is <c>/example/</c>, <c>/a/b/../..</c> is <c>/</c>.
    /// </summary>
    internal static string NormalizePath(string path)
    {
        var kept = new List<string>();
        foreach (var segment in path.Split('/'))
        {
            if (segment.Length == 0 || segment == ".")
            {
                continue;
            }

            if (segment == "..")
            {
                if (kept.Count > 0)
                {
                    kept.RemoveAt(kept.Count - 1);
                }

                continue;
            }

            kept.Add(segment);
        }

        var normalized = "/" + string.Join('/', kept);
        return kept.Count > 0 && path.EndsWith('/') ? normalized + "/" : normalized;
    }

    /// <summary>
    /// Each parameter decoded (percent-escapes; <c>+</c> is a space, as the service reads a query) and encoded again
    /// with only RFC 3986 unreserved characters left bare, sorted by name then value; a bare <c>name</c> is <c>name=</c>.
    /// </summary>
    internal static string CanonicalQuery(string? query)
    {
        if (string.IsNullOrEmpty(query))
        {
            return "";
        }

        var pairs = new List<(string Name, string Value)>();
        foreach (var parameter in query.Split('&'))
        {
            if (parameter.Length == 0)
            {
                continue;
            }

            var equals = parameter.IndexOf('=');
            var name = equals < 0 ? parameter : parameter[..equals];
            var value = equals < 0 ? "" : parameter[(equals + 1)..];
            pairs.Add((UriEncode(QueryDecode(name), keepSlash: false), UriEncode(QueryDecode(value), keepSlash: false)));
        }

        pairs.Sort((left, right) =>
        {
            var byName = string.CompareOrdinal(left.Name, right.Name);
            return byName != 0 ? byName : string.CompareOrdinal(left.Value, right.Value);
        });
        return string.Join('&', pairs.Select(pair => pair.Name + "=" + pair.Value));
    }

    /// <summary>The lines of one header, each trimmed with inner runs of whitespace (folded line breaks too) made one space, joined by commas.</summary>
    internal static string CanonicalHeaderValue(IEnumerable<string> lines) => string.Join(',', lines.Select(SquashWhitespace));

    private static string SquashWhitespace(string value)
    {
        var builder = new StringBuilder(value.Length);
        var inSpace = false;
        foreach (var c in value.AsSpan().Trim(" \t\r\n\v\f"))
        {
            var isSpace = c is ' ' or '\t' or '\r' or '\n' or '\v' or '\f';
            if (!isSpace || !inSpace)
            {
                builder.Append(isSpace ? ' ' : c);
            }

            inSpace = isSpace;
        }

        return builder.ToString();
    }

    private static byte[] QueryDecode(string text)
    {
        var bytes = new List<byte>(text.Length);
        var utf8 = Encoding.UTF8.GetBytes(text);
        for (var i = 0; i < utf8.Length; i++)
        {
            var b = utf8[i];
            if (b == '%' && i + 2 < utf8.Length && IsHex(utf8[i + 1]) && IsHex(utf8[i + 2]))
            {
                bytes.Add((byte)(HexValue(utf8[i + 1]) * 16 + HexValue(utf8[i + 2])));
                i += 2;
            }
            else
            {
                bytes.Add(b == '+' ? (byte)' ' : b);
            }
        }

        return bytes.ToArray();

        static bool IsHex(byte c) => c is >= (byte)'0' and <= (byte)'9' or >= (byte)'a' and <= (byte)'f' or >= (byte)'A' and <= (byte)'F';
        static int HexValue(byte c) => c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10;
    }

    /// <summary>Percent-encodes every byte but the RFC 3986 unreserved characters (and <c>/</c> when asked), upper-case hex.</summary>
    private static string UriEncode(ReadOnlySpan<byte> bytes, bool keepSlash)
    {
        var builder = new StringBuilder(bytes.Length);
        foreach (var b in bytes)
        {
            if (b is >= (byte)'A' and <= (byte)'Z' or >= (byte)'a' and <= (byte)'z' or >= (byte)'0' and <= (byte)'9'
                or (byte)'-' or (byte)'.' or (byte)'_' or (byte)'~' || (keepSlash && b == '/'))
            {
                builder.Append((char)b);
            }
            else
            {
                builder.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
            }
        }

        return builder.ToString();
    }

    private static string Hex(byte[] bytes) => Convert.ToHexStringLower(bytes);

    private static bool FixedTimeEquals(string left, string right) =>
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(left), Encoding.UTF8.GetBytes(right));

    /// <summary>Header lines grouped by lower-cased name, each name's values in arrival order.</summary>
    private sealed class HeaderTable
    {
        private readonly Dictionary<string, List<string>> _lines = new(StringComparer.OrdinalIgnoreCase);

        public static HeaderTable From(IReadOnlyList<(string Name, string Value)> lines)
        {
            var table = new HeaderTable();
            foreach (var (name, value) in lines)
            {
                if (!table._lines.TryGetValue(name, out var values))
                {
                    table._lines[name] = values = [];
                }

                values.Add(value);
            }

            return table;
        }

        public bool TryGet(string name, out List<string> values) => _lines.TryGetValue(name, out values!);
    }

    /// <summary><c>AWS4-HMAC-SHA256 Credential=..., SignedHeaders=..., Signature=...</c>, each part null when absent or empty.</summary>
    private readonly record struct AuthorizationHeader(string Algorithm, string? Credential, string? SignedHeaders, string? Signature)
    {
        public static AuthorizationHeader Parse(string authorization)
        {
            var space = authorization.IndexOfAny([' ', '\t']);
            var algorithm = space < 0 ? authorization : authorization[..space];
            string? credential = null, signedHeaders = null, signature = null;
            if (space >= 0)
            {
                foreach (var part in authorization[(space + 1)..].Split(','))
                {
                    var pair = part.Trim();
                    var equals = pair.IndexOf('=');
                    if (equals <= 0 || equals == pair.Length - 1)
                    {
                        continue;
                    }

                    var value = pair[(equals + 1)..].Trim();
                    switch (pair[..equals].Trim())
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
            }

            return new AuthorizationHeader(algorithm, credential, signedHeaders, signature);
        }
    }

    /// <summary>The request time: <c>x-amz-date</c> (ISO 8601 basic) when sent, else <c>Date</c> (RFC 1123).</summary>
    private sealed record RequestTime(string Header, string Value)
    {
        public static RequestTime? Find(HeaderTable headers)
        {
            if (headers.TryGet("x-amz-date", out var amzDate))
            {
                return new RequestTime("x-amz-date", CanonicalHeaderValue(amzDate));
            }

            return headers.TryGet("date", out var date) ? new RequestTime("date", CanonicalHeaderValue(date)) : null;
        }

        /// <summary>The time and its ISO 8601 basic form (the string to sign's date).</summary>
        public static bool TryParse(RequestTime time, out DateTimeOffset value, out string amzDate)
        {
            const DateTimeStyles utc = DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal;
            amzDate = "";
            var parsed = DateTimeOffset.TryParseExact(time.Value, AmzDateFormat, CultureInfo.InvariantCulture, utc, out value)
                         || (time.Header == "date" && DateTimeOffset.TryParseExact(time.Value, "r", CultureInfo.InvariantCulture, utc, out value));
            if (parsed)
            {
                amzDate = value.UtcDateTime.ToString(AmzDateFormat, CultureInfo.InvariantCulture);
            }

            return parsed;
        }
    }
}
