using System.Globalization;
using System.Text;
using System.Text.Json;
using Clawdbot.Sdk.Testing.Internal;

namespace Clawdbot.Sdk.Tests.Emulator;

/// <summary>
/// One case of the AWS SigV4 test suite (<c>../shared/conformance/sigv4-test-suite/v4/NAME</c>), read in place:
/// the signed request as raw HTTP, its <c>context.json</c> and the expected canonical request and string to sign.
/// </summary>
internal sealed record SigV4SuiteCase(
    string Name,
    SigV4Request Request,
    string AccessKeyId,
    string SecretAccessKey,
    string? SessionToken,
    string Region,
    string Service,
    DateTimeOffset Timestamp,
    bool Normalize,
    bool SignBody,
    bool OmitSessionToken,
    string ExpectedCanonicalRequest,
    string ExpectedStringToSign)
{
    public static string SuiteDirectory { get; } = Path.Combine(TestPaths.SharedDirectory, "conformance", "sigv4-test-suite", "v4");

    public static IReadOnlyList<string> Names { get; } =
        Directory.GetDirectories(SuiteDirectory).Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal).ToArray();

    public SigV4Settings Settings => new() { NormalizePath = Normalize, AllowUnsignedSessionToken = OmitSessionToken };

    public static SigV4SuiteCase Load(string name)
    {
        var folder = Path.Combine(SuiteDirectory, name);
        using var context = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(folder, "context.json")));
        var root = context.RootElement;
        var credentials = root.GetProperty("credentials");
        return new SigV4SuiteCase(
            name,
            ParseHttp(File.ReadAllBytes(Path.Combine(folder, "header-signed-request.txt"))),
            credentials.GetProperty("access_key_id").GetString()!,
            credentials.GetProperty("secret_access_key").GetString()!,
            credentials.TryGetProperty("token", out var token) ? token.GetString() : null,
            root.GetProperty("region").GetString()!,
            root.GetProperty("service").GetString()!,
            DateTimeOffset.Parse(root.GetProperty("timestamp").GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal),
            root.GetProperty("normalize").GetBoolean(),
            root.GetProperty("sign_body").GetBoolean(),
            root.TryGetProperty("omit_session_token", out var omit) && omit.GetBoolean(),
            File.ReadAllText(Path.Combine(folder, "header-canonical-request.txt")),
            File.ReadAllText(Path.Combine(folder, "header-string-to-sign.txt")));
    }

    /// <summary>The credential lookup of this case: its one key, with its session token when it has one.</summary>
    public (string SecretAccessKey, string? SessionToken)? FindCredential(string accessKeyId) =>
        accessKeyId == AccessKeyId ? (SecretAccessKey, SessionToken) : null;

    public SigV4Verification Verify(SigV4Request? request = null, DateTimeOffset? now = null, SigV4Settings? settings = null) =>
        SigV4Verifier.Verify(request ?? Request, FindCredential, Region, Service, now ?? Timestamp, settings ?? Settings);

    /// <summary>
    /// Splits raw HTTP/1.1 text (LF or CRLF line ends): the request line (the target may hold spaces, so it runs from
    /// the first space to the last), header lines in order (a line starting with whitespace continues the previous
    /// value, kept with its line break as sent), then the body, byte for byte.
    /// </summary>
    public static SigV4Request ParseHttp(byte[] raw)
    {
        var headEnd = IndexOf(raw, "\r\n\r\n"u8, out var separatorLength);
        if (headEnd < 0)
        {
            headEnd = IndexOf(raw, "\n\n"u8, out separatorLength);
        }

        var head = Encoding.UTF8.GetString(raw, 0, headEnd < 0 ? raw.Length : headEnd);
        var body = headEnd < 0 ? [] : raw[(headEnd + separatorLength)..];
        var lines = head.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        var requestLine = lines[0];
        var method = requestLine[..requestLine.IndexOf(' ')];
        var target = requestLine[(method.Length + 1)..requestLine.LastIndexOf(' ')];
        var headers = new List<(string Name, string Value)>();
        foreach (var line in lines.Skip(1).Where(line => line.Length > 0))
        {
            if (line[0] is ' ' or '\t')
            {
                var (name, value) = headers[^1];
                headers[^1] = (name, value + "\n" + line);
                continue;
            }

            var colon = line.IndexOf(':');
            headers.Add((line[..colon], line[(colon + 1)..]));
        }

        return new SigV4Request(method, target, headers, body);
    }

    private static int IndexOf(byte[] haystack, ReadOnlySpan<byte> needle, out int length)
    {
        length = needle.Length;
        return haystack.AsSpan().IndexOf(needle);
    }
}
