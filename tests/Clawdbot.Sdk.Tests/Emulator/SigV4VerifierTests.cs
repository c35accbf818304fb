using System.Security.Cryptography;
using System.Text;
using Clawdbot.Sdk.Testing.Internal;

namespace Clawdbot.Sdk.Tests.Emulator;

/// <summary>
/// The verifier's rules one at a time, on suite requests changed in one place and on requests signed here by hand:
/// each hand-signed request spells out its canonical request, so the expected form is written down, not computed.
/// </summary>
public sealed class SigV4VerifierTests
{
    private const string KeyId = "AKIDEXAMPLE";
    private const string Secret = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
    private const string AmzDate = "20150830T123600Z";
    private static readonly DateTimeOffset SignedAt = new(2015, 8, 30, 12, 36, 0, TimeSpan.Zero);

    [Fact]
    public void An_encoded_path_is_encoded_again_so_a_colon_signs_as_percent_253A()
    {
        var request = HandSigned("POST", "/model/anthropic.claude-3-haiku-20240307-v1%3A0/converse",
            [("Host", "bedrock-runtime.us-east-1.amazonaws.com"), ("X-Amz-Date", AmzDate)], "{}",
            """
            POST
            /model/anthropic.claude-3-haiku-20240307-v1%253A0/converse

            host:bedrock-runtime.us-east-1.amazonaws.com
            x-amz-date:20150830T123600Z

            host;x-amz-date
            44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a
            """);

        AssertAccepted(request);
    }

    [Fact]
    public void Query_parameters_are_decoded_encoded_again_and_sorted_by_name_then_value()
    {
        var request = HandSigned("GET", "/foundation-models?byProvider=anthropic&b=2&a=%7e&c=a+b&flag&a=1&&d=%2F%3d",
            [("Host", "bedrock.us-east-1.amazonaws.com"), ("X-Amz-Date", AmzDate)], "",
            """
            GET
            /foundation-models
            a=1&a=~&b=2&byProvider=anthropic&c=a%20b&d=%2F%3D&flag=
            host:bedrock.us-east-1.amazonaws.com
            x-amz-date:20150830T123600Z

            host;x-amz-date
            e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855
            """);

        AssertAccepted(request);
    }

    [Fact]
    public void Header_lines_of_one_name_are_joined_in_order_and_their_whitespace_folded()
    {
        var request = HandSigned("GET", "/",
            [("Host", "example.amazonaws.com"), ("X-Amz-Date", AmzDate), ("X-Multi", " b  c "), ("x-multi", "a\t\tz"), ("X-Folded", "one\r\n   two")], "",
            """
            GET
            /

            host:example.amazonaws.com
            x-amz-date:20150830T123600Z
            x-folded:one two
            x-multi:b c,a z

            host;x-amz-date;x-folded;x-multi
            e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855
            """);

        AssertAccepted(request);
    }

    [Fact]
    public void The_Date_header_stands_in_for_x_amz_date()
    {
        var request = HandSigned("GET", "/", [("Host", "example.amazonaws.com"), ("Date", "Sun, 30 Aug 2015 12:36:00 GMT")], "",
            """
            GET
            /

            date:Sun, 30 Aug 2015 12:36:00 GMT
            host:example.amazonaws.com

            date;host
            e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855
            """);

        AssertAccepted(request);
    }

    [Fact]
    public void An_unsigned_payload_is_accepted_whatever_the_body()
    {
        var request = HandSigned("POST", "/", [("Host", "example.amazonaws.com"), ("X-Amz-Date", AmzDate), ("X-Amz-Content-Sha256", "UNSIGNED-PAYLOAD")], "first body",
            """
            POST
            /

            host:example.amazonaws.com
            x-amz-content-sha256:UNSIGNED-PAYLOAD
            x-amz-date:20150830T123600Z

            host;x-amz-content-sha256;x-amz-date
            UNSIGNED-PAYLOAD
            """);

        AssertAccepted(request);
        AssertAccepted(request with { Body = "another body"u8.ToArray() });
    }

    [Fact]
    public void A_content_sha256_that_is_not_the_bodys_hash_is_refused()
    {
        var suiteCase = SigV4SuiteCase.Load("post-x-www-form-urlencoded");

        var verification = suiteCase.Verify(suiteCase.Request with { Body = "Param1=value2"u8.ToArray() });

        Assert.Equal("InvalidSignatureException", verification.Error?.Type);
        Assert.Equal("The provided 'x-amz-content-sha256' header does not match what was computed.", verification.Error?.Message);
    }

    [Fact]
    public void A_request_more_than_five_minutes_old_has_an_expired_signature()
    {
        var suiteCase = SigV4SuiteCase.Load("get-vanilla");

        var verification = suiteCase.Verify(now: SignedAt.AddMinutes(5).AddSeconds(1));

        Assert.Equal("InvalidSignatureException", verification.Error?.Type);
        Assert.Equal("Signature expired: 20150830T123600Z is now earlier than 20150830T123601Z (20150830T124101Z - 5 min.)", verification.Error?.Message);
    }

    [Fact]
    public void A_request_more_than_five_minutes_ahead_is_not_yet_current()
    {
        var suiteCase = SigV4SuiteCase.Load("get-vanilla");

        var verification = suiteCase.Verify(now: SignedAt.AddMinutes(-5).AddSeconds(-1));

        Assert.Equal("InvalidSignatureException", verification.Error?.Type);
        Assert.Equal("Signature not yet current: 20150830T123600Z is still later than 20150830T123559Z (20150830T123059Z + 5 min.)", verification.Error?.Message);
    }

    [Theory]
    [InlineData(-300)]
    [InlineData(300)]
    public void Exactly_five_minutes_either_way_is_still_accepted(int seconds)
    {
        var suiteCase = SigV4SuiteCase.Load("get-vanilla");

        Assert.Null(suiteCase.Verify(now: SignedAt.AddSeconds(seconds)).Error);
    }

    [Fact]
    public void The_allowed_skew_is_a_setting()
    {
        var suiteCase = SigV4SuiteCase.Load("get-vanilla");

        var verification = suiteCase.Verify(now: SignedAt.AddSeconds(61), settings: new SigV4Settings { MaxClockSkew = TimeSpan.FromMinutes(1) });

        Assert.Equal("Signature expired: 20150830T123600Z is now earlier than 20150830T123601Z (20150830T123701Z - 1 min.)", verification.Error?.Message);
    }

    [Fact]
    public void An_unknown_access_key_is_an_unrecognized_client()
    {
        var suiteCase = SigV4SuiteCase.Load("get-vanilla");

        var verification = SigV4Verifier.Verify(suiteCase.Request, _ => null, "us-east-1", "service", SignedAt);

        Assert.Equal(new AwsError(403, "UnrecognizedClientException", "The security token included in the request is invalid."), verification.Error);
        Assert.Null(verification.AccessKeyId);
    }

    [Fact]
    public void The_secret_is_looked_up_by_the_requests_access_key_among_several()
    {
        var suiteCase = SigV4SuiteCase.Load("get-vanilla");
        var keys = new Dictionary<string, (string SecretAccessKey, string? SessionToken)>
        {
            ["AKIDLOCALBEDROCKTEST"] = ("another-secret", null),
            [KeyId] = (Secret, null),
            ["ASIATEMPORARY"] = ("temporary-secret", "temporary-token"),
        };

        var verification = SigV4Verifier.Verify(suiteCase.Request, id => keys.TryGetValue(id, out var found) ? found : null, "us-east-1", "service", SignedAt);

        Assert.True(verification.IsValid);
        Assert.Equal(KeyId, verification.AccessKeyId);
    }

    [Theory]
    [InlineData("eu-west-1", "service", "Credential should be scoped to a valid region, not 'us-east-1'. ")]
    [InlineData("us-east-1", "sts", "Credential should be scoped to correct service: 'sts'. ")]
    public void The_scope_must_name_the_expected_region_and_service(string region, string service, string message)
    {
        var suiteCase = SigV4SuiteCase.Load("get-vanilla");

        var verification = SigV4Verifier.Verify(suiteCase.Request, suiteCase.FindCredential, region, service, SignedAt);

        Assert.Equal(new AwsError(403, "InvalidSignatureException", message), verification.Error);
    }

    [Fact]
    public void The_scope_date_must_be_the_request_date()
    {
        var request = WithAuthorization(SigV4SuiteCase.Load("get-vanilla").Request, value => value.Replace("/20150830/", "/20150831/", StringComparison.Ordinal));

        var verification = Verify(request);

        Assert.Equal("InvalidSignatureException", verification.Error?.Type);
        Assert.Equal("Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '20150831' != '20150830', from '20150830T123600Z'.", verification.Error?.Message);
    }

    [Fact]
    public void Host_must_be_signed()
    {
        var request = WithAuthorization(SigV4SuiteCase.Load("get-vanilla").Request, value => value.Replace("SignedHeaders=host;x-amz-date", "SignedHeaders=x-amz-date", StringComparison.Ordinal));

        var verification = Verify(request);

        Assert.Equal(new AwsError(403, "IncompleteSignatureException", "'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization."), verification.Error);
    }

    [Fact]
    public void Every_signed_header_must_be_present()
    {
        var suiteCase = SigV4SuiteCase.Load("post-header-key-sort");
        var request = suiteCase.Request with { Headers = suiteCase.Request.Headers.Where(h => h.Name != "My-Header1").ToList() };

        var verification = suiteCase.Verify(request);

        Assert.Equal("InvalidSignatureException", verification.Error?.Type);
        Assert.StartsWith(SignatureMismatchMessage.FirstSentence, verification.Error?.Message, StringComparison.Ordinal);
        Assert.Contains("\nmy-header1:\n", verification.Error?.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_mismatch_quotes_the_canonical_request_and_string_to_sign_as_AWS_does()
    {
        var suiteCase = SigV4SuiteCase.Load("get-vanilla-with-session-token");

        var verification = SigV4Verifier.Verify(suiteCase.Request, _ => ("wrong-secret", suiteCase.SessionToken), "us-east-1", "service", SignedAt);

        Assert.Equal(SignatureMismatchMessage.For(suiteCase.ExpectedCanonicalRequest, suiteCase.ExpectedStringToSign), verification.Error?.Message);
        Assert.Contains("\nx-amz-security-token:" + suiteCase.SessionToken + "\n", verification.Error?.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_credential_with_a_session_token_needs_that_token_in_the_request()
    {
        var suiteCase = SigV4SuiteCase.Load("get-vanilla-with-session-token");
        var withoutToken = suiteCase.Request with
        {
            Headers = suiteCase.Request.Headers.Where(h => h.Name != "X-Amz-Security-Token").ToList(),
        };

        Assert.Equal("UnrecognizedClientException", suiteCase.Verify(withoutToken).Error?.Type);
        Assert.Equal("UnrecognizedClientException",
            SigV4Verifier.Verify(suiteCase.Request, _ => (Secret, "another-token"), "us-east-1", "service", SignedAt).Error?.Type);
    }

    [Fact]
    public void A_token_sent_with_a_long_term_key_is_refused()
    {
        var suiteCase = SigV4SuiteCase.Load("get-vanilla-with-session-token");

        var verification = SigV4Verifier.Verify(suiteCase.Request, _ => (Secret, null), "us-east-1", "service", SignedAt);

        Assert.Equal(new AwsError(403, "UnrecognizedClientException", "The security token included in the request is invalid."), verification.Error);
    }

    [Theory]
    [InlineData("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=host;x-amz-date",
        "Authorization header requires 'Signature' parameter.")]
    [InlineData("AWS4-HMAC-SHA256 SignedHeaders=host;x-amz-date, Signature=00",
        "Authorization header requires 'Credential' parameter.")]
    [InlineData("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service, SignedHeaders=host;x-amz-date, Signature=00",
        "Credential must have exactly 5 slash-delimited elements, e.g. keyid/date/region/service/term, got 'AKIDEXAMPLE/20150830/us-east-1/service'")]
    [InlineData("AWS4-HMAC-SHA512 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=host;x-amz-date, Signature=00",
        "Unsupported AWS 'algorithm': 'AWS4-HMAC-SHA512'.")]
    public void An_incomplete_authorization_header_is_an_incomplete_signature(string authorization, string messageStart)
    {
        var request = WithAuthorization(SigV4SuiteCase.Load("get-vanilla").Request, _ => authorization);

        var verification = Verify(request);

        Assert.Equal("IncompleteSignatureException", verification.Error?.Type);
        Assert.StartsWith(messageStart, verification.Error?.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_request_without_a_date_or_with_a_malformed_one_is_an_incomplete_signature()
    {
        var vanilla = SigV4SuiteCase.Load("get-vanilla").Request;
        var withoutDate = vanilla with { Headers = vanilla.Headers.Where(h => h.Name != "X-Amz-Date").ToList() };
        var badDate = vanilla with { Headers = vanilla.Headers.Select(h => h.Name == "X-Amz-Date" ? (h.Name, "2015-08-30T12:36:00Z") : h).ToList() };

        Assert.Contains("Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.", Verify(withoutDate).Error?.Message, StringComparison.Ordinal);
        Assert.Equal("Date must be in ISO-8601 'basic format'. Got '2015-08-30T12:36:00Z'. See http://en.wikipedia.org/wiki/ISO_8601", Verify(badDate).Error?.Message);
    }

    [Fact]
    public void A_request_without_authorization_is_missing_its_token()
    {
        var vanilla = SigV4SuiteCase.Load("get-vanilla").Request;

        var verification = Verify(vanilla with { Headers = vanilla.Headers.Where(h => h.Name != "Authorization").ToList() });

        Assert.Equal(new AwsError(403, "MissingAuthenticationTokenException", "Missing Authentication Token"), verification.Error);
    }

    [Theory]
    [InlineData("/", "/")]
    [InlineData("", "/")]
    [InlineData("//example//", "/example/")]
    [InlineData("/a/b/../..", "/")]
    [InlineData("/a/b/..", "/a")]
    [InlineData("/a/./b/", "/a/b/")]
    [InlineData("/../a", "/a")]
    [InlineData("/model/x%3A0/converse", "/model/x%253A0/converse")]
    [InlineData("/example space/ü", "/example%20space/%C3%BC")]
    public void Paths_are_normalized_then_encoded(string path, string canonical)
        => Assert.Equal(canonical, SigV4Verifier.CanonicalUri(path, SigV4Settings.Default));

    [Fact]
    public void Without_normalization_and_double_encoding_the_path_is_signed_as_sent()
        => Assert.Equal("//a/../b%3A", SigV4Verifier.CanonicalUri("//a/../b%3A", new SigV4Settings { NormalizePath = false, DoubleEncodePath = false }));

    private static SigV4Verification Verify(SigV4Request request) =>
        SigV4Verifier.Verify(request, id => id == KeyId ? (Secret, null) : null, "us-east-1", "service", SignedAt);

    private static void AssertAccepted(SigV4Request request)
    {
        var verification = Verify(request);
        Assert.Null(verification.Error);
        Assert.Equal(KeyId, verification.AccessKeyId);
    }

    private static SigV4Request WithAuthorization(SigV4Request request, Func<string, string> change) =>
        request with { Headers = request.Headers.Select(h => h.Name == "Authorization" ? (h.Name, change(h.Value)) : h).ToList() };

    /// <summary>
    /// Signs the written-out canonical request with test code of its own (string to sign, key derivation, HMAC) and
    /// adds the Authorization header, so the verifier accepts only if it builds the same canonical request.
    /// </summary>
    private static SigV4Request HandSigned(string method, string target, (string Name, string Value)[] headers, string body, string canonicalRequest)
    {
        var canonical = canonicalRequest.ReplaceLineEndings("\n");
        var lines = canonical.Split('\n');
        var signedHeaders = lines[^2];
        var stringToSign = "AWS4-HMAC-SHA256\n" + AmzDate + "\n20150830/us-east-1/service/aws4_request\n"
                           + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)));
        var key = Encoding.UTF8.GetBytes("AWS4" + Secret);
        foreach (var part in new[] { "20150830", "us-east-1", "service", "aws4_request" })
        {
            key = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(part));
        }

        var signature = Convert.ToHexStringLower(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(stringToSign)));
        var authorization = $"AWS4-HMAC-SHA256 Credential={KeyId}/20150830/us-east-1/service/aws4_request, SignedHeaders={signedHeaders}, Signature={signature}";
        return new SigV4Request(method, target, [.. headers, ("Authorization", authorization)], Encoding.UTF8.GetBytes(body));
    }
}
