using System.Globalization;
using System.Security.Cryptography;
using Clawdbot.Sdk.Testing.Internal;

namespace Clawdbot.Sdk.Tests.Emulator;

/// <summary>
/// LocalBedrock's SigV4 verifier against the AWS SigV4 test suite: every case's signed request is accepted with the
/// suite's canonical request and string to sign, and every change to a part the signature covers is refused. The
/// changes are generated from each case (one per signed header, plus body, path, query, date, secret, token, clock).
/// </summary>
public sealed class SigV4ConformanceTests
{
    public static TheoryData<string> Cases()
    {
        var data = new TheoryData<string>();
        foreach (var name in SigV4SuiteCase.Names)
        {
            data.Add(name);
        }

        return data;
    }

    public static TheoryData<string, string> Mutations()
    {
        var data = new TheoryData<string, string>();
        foreach (var name in SigV4SuiteCase.Names)
        {
            foreach (var mutation in MutationsOf(SigV4SuiteCase.Load(name)))
            {
                data.Add(name, mutation);
            }
        }

        return data;
    }

    [Fact]
    public void The_suite_is_there_with_its_38_cases()
    {
        Assert.Equal(38, SigV4SuiteCase.Names.Count);
        Assert.All(SigV4SuiteCase.Names, name => Assert.True(File.Exists(Path.Combine(SigV4SuiteCase.SuiteDirectory, name, "header-signed-request.txt")), name));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Signed_request_is_accepted_with_the_suites_canonical_request_and_string_to_sign(string name)
    {
        var suiteCase = SigV4SuiteCase.Load(name);

        var verification = suiteCase.Verify();

        Assert.Null(verification.Error);
        Assert.Equal(suiteCase.AccessKeyId, verification.AccessKeyId);
        Assert.Equal(suiteCase.ExpectedCanonicalRequest, verification.CanonicalRequest);
        Assert.Equal(suiteCase.ExpectedStringToSign, verification.StringToSign);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Payload_hash_is_the_bodys_and_the_content_sha256_header_when_the_case_signs_the_body(string name)
    {
        // sign_body=false cases carry no x-amz-content-sha256 and their canonical request hashes the (empty) body;
        // sign_body=true cases send the body's hash in x-amz-content-sha256 and sign it.
        var suiteCase = SigV4SuiteCase.Load(name);
        var bodyHash = Convert.ToHexStringLower(SHA256.HashData(suiteCase.Request.Body.Span));

        Assert.Equal(bodyHash, suiteCase.ExpectedCanonicalRequest.Split('\n')[^1]);
        var contentSha = suiteCase.Request.Headers.Where(h => h.Name.Equals("x-amz-content-sha256", StringComparison.OrdinalIgnoreCase)).ToArray();
        if (suiteCase.SignBody)
        {
            Assert.Equal(bodyHash, Assert.Single(contentSha).Value.Trim());
        }
        else
        {
            Assert.Empty(contentSha);
        }

        Assert.Null(suiteCase.Verify().Error);
    }

    [Theory]
    [MemberData(nameof(Mutations))]
    public void Changing_a_signed_part_is_refused(string name, string mutation)
    {
        var suiteCase = SigV4SuiteCase.Load(name);
        Assert.Null(suiteCase.Verify().Error);

        var (verification, expectedType) = Apply(suiteCase, mutation);

        Assert.NotNull(verification.Error);
        Assert.Equal(403, verification.Error.Status);
        Assert.Equal(expectedType, verification.Error.Type);
    }

    [Fact]
    public void A_session_token_sent_but_not_signed_is_refused_unless_the_service_allows_it()
    {
        // post-sts-header-after is signed without its token (omit_session_token): SigV4 lets a service take the token
        // unsigned, and the suite expects that; LocalBedrock does not.
        var suiteCase = SigV4SuiteCase.Load("post-sts-header-after");
        Assert.True(suiteCase.OmitSessionToken);

        var strict = suiteCase.Verify(settings: new SigV4Settings { NormalizePath = suiteCase.Normalize });

        Assert.Equal("IncompleteSignatureException", strict.Error?.Type);
        Assert.Equal("'X-Amz-Security-Token' must be a 'SignedHeader' in the AWS Authorization.", strict.Error?.Message);
        Assert.Null(suiteCase.Verify().Error);
    }

    /// <summary>One change per signed header, and to the body, path, query, date, secret, token and clock.</summary>
    private static IEnumerable<string> MutationsOf(SigV4SuiteCase suiteCase)
    {
        foreach (var header in SignedHeaders(suiteCase.Request))
        {
            yield return "header:" + header;
        }

        if (suiteCase.ExpectedCanonicalRequest.Split('\n')[^1] != SigV4Verifier.UnsignedPayload)
        {
            yield return "body";
        }

        yield return "path";
        yield return "query";
        yield return "date";
        yield return "secret";
        if (suiteCase.SessionToken is not null)
        {
            yield return "token";
        }

        yield return "clock-ahead";
        yield return "clock-behind";
    }

    private static (SigV4Verification Verification, string ExpectedType) Apply(SigV4SuiteCase suiteCase, string mutation)
    {
        const string invalidSignature = "InvalidSignatureException";
        var request = suiteCase.Request;
        var skew = SigV4Settings.Default.MaxClockSkew + TimeSpan.FromSeconds(1);
        switch (mutation.Split(':'))
        {
            case ["header", var name]:
                var changed = suiteCase.Verify(WithHeaderValue(request, name, value => value + "x"));
                return (changed, name switch
                {
                    "x-amz-date" => "IncompleteSignatureException",
                    "x-amz-security-token" => "UnrecognizedClientException",
                    _ => invalidSignature,
                });
            case ["body"]:
                return (suiteCase.Verify(request with { Body = request.Body.ToArray().Append((byte)'x').ToArray() }), invalidSignature);
            case ["path"]:
                var queryStart = request.RawTarget.IndexOf('?');
                var target = queryStart < 0 ? request.RawTarget + "x" : request.RawTarget.Insert(queryStart, "x");
                return (suiteCase.Verify(request with { RawTarget = target }), invalidSignature);
            case ["query"]:
                var query = request.RawTarget.Contains('?') ? request.RawTarget + "x" : request.RawTarget + "?x";
                return (suiteCase.Verify(request with { RawTarget = query }), invalidSignature);
            case ["date"]:
                var later = suiteCase.Timestamp.AddSeconds(1).UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
                return (suiteCase.Verify(WithHeaderValue(request, "x-amz-date", _ => later)), invalidSignature);
            case ["secret"]:
                var wrongSecret = SigV4Verifier.Verify(request, _ => (suiteCase.SecretAccessKey + "x", suiteCase.SessionToken),
                    suiteCase.Region, suiteCase.Service, suiteCase.Timestamp, suiteCase.Settings);
                return (wrongSecret, invalidSignature);
            case ["token"]:
                return (suiteCase.Verify(WithHeaderValue(request, "x-amz-security-token", value => value + "x")), "UnrecognizedClientException");
            case ["clock-ahead"]:
                return (suiteCase.Verify(now: suiteCase.Timestamp + skew), invalidSignature);
            case ["clock-behind"]:
                return (suiteCase.Verify(now: suiteCase.Timestamp - skew), invalidSignature);
            default:
                throw new ArgumentException("Unknown mutation " + mutation, nameof(mutation));
        }
    }

    private static IEnumerable<string> SignedHeaders(SigV4Request request)
    {
        var authorization = request.Headers.Single(h => h.Name.Equals("Authorization", StringComparison.OrdinalIgnoreCase)).Value;
        var signedHeaders = authorization.Split(',').Select(part => part.Trim()).Single(part => part.StartsWith("SignedHeaders=", StringComparison.Ordinal));
        return signedHeaders["SignedHeaders=".Length..].Split(';');
    }

    /// <summary>The request with the last line of header <paramref name="name"/> rewritten.</summary>
    private static SigV4Request WithHeaderValue(SigV4Request request, string name, Func<string, string> change)
    {
        var headers = request.Headers.ToList();
        var index = headers.FindLastIndex(h => h.Name.Equals(name, StringComparison.OrdinalIgnoreCase));
        Assert.True(index >= 0, $"no {name} header to change");
        headers[index] = (headers[index].Name, change(headers[index].Value));
        return request with { Headers = headers };
    }
}
