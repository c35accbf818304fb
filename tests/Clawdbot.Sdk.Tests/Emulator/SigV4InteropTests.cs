using System.Net;
using System.Security.Cryptography;
using System.Text;
using Amazon.Runtime;
using Amazon.Runtime.Signing;
using Clawdbot.Sdk.Testing;
using Clawdbot.Sdk.Testing.Internal;
using static Clawdbot.Sdk.Tests.Emulator.EmulatorClient;

namespace Clawdbot.Sdk.Tests.Emulator;

/// <summary>
/// Signers other than the verifier: requests signed by the AWS SDK for JavaScript's signer (fixtures written by
/// <c>SigV4Fixtures/sign-with-smithy.mjs</c>) are accepted, and AWSSDK.Core's signer (the one BedrockClient uses) is run
/// over the AWS test suite, which shows the two places where it departs from SigV4.
/// </summary>
public sealed class SigV4InteropTests
{
    private static readonly string FixtureDirectory =
        Path.Combine(TestPaths.RepositoryRoot, "tests", "Clawdbot.Sdk.Tests", "Emulator", "SigV4Fixtures", "smithy-js");

    private static readonly DateTimeOffset FixtureTime = new(2025, 11, 1, 12, 0, 0, TimeSpan.Zero);

    /// <summary>Suite cases whose requests AWSSDK.Core 4.1.0 signs differently from the suite (see the facts below).</summary>
    private static readonly HashSet<string> AwsSdkCoreDepartures =
    [
        "get-slash-normalized", "get-slashes-normalized", // duplicate slashes kept in the canonical path
        "get-vanilla-query-order-encoded", // query parameters sorted before encoding
    ];

    public static TheoryData<string> Fixtures()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(FixtureDirectory, "*.http").Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileNameWithoutExtension(file));
        }

        return data;
    }

    public static TheoryData<string> SuiteCases()
    {
        var data = new TheoryData<string>();
        foreach (var name in SigV4SuiteCase.Names)
        {
            data.Add(name);
        }

        return data;
    }

    [Fact]
    public void The_javascript_fixtures_are_there()
        => Assert.Equal(7, Directory.GetFiles(FixtureDirectory, "*.http").Length);

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void Requests_signed_by_the_javascript_sdk_signer_are_accepted(string name)
    {
        var request = SigV4SuiteCase.ParseHttp(File.ReadAllBytes(Path.Combine(FixtureDirectory, name + ".http")));

        var credentials = FixtureCredentials(name);

        var verification = SigV4Verifier.Verify(request, credentials, "us-east-1", "bedrock", FixtureTime);

        Assert.Null(verification.Error);
        Assert.Equal(LocalBedrockOptions.DefaultAccessKeyId, verification.AccessKeyId);
        var tampered = request with { RawTarget = request.RawTarget.Replace("/", "/x", StringComparison.Ordinal) };
        Assert.Equal("InvalidSignatureException", SigV4Verifier.Verify(tampered, credentials, "us-east-1", "bedrock", FixtureTime).Error?.Type);
    }

    [Fact]
    public void The_javascript_signer_signs_a_colon_in_a_model_id_double_encoded()
    {
        var request = SigV4SuiteCase.ParseHttp(File.ReadAllBytes(Path.Combine(FixtureDirectory, "converse-colon-model-id.http")));

        var verification = SigV4Verifier.Verify(request, FixtureCredentials("converse-colon-model-id"), "us-east-1", "bedrock", FixtureTime);

        Assert.Null(verification.Error);
        Assert.Equal("/model/anthropic.claude-3-haiku-20240307-v1%3A0/converse", request.RawTarget);
        Assert.Equal("/model/anthropic.claude-3-haiku-20240307-v1%253A0/converse", verification.CanonicalRequest?.Split('\n')[1]);
    }

    [Theory]
    [MemberData(nameof(SuiteCases))]
    public void AWSSDK_Core_signs_the_suite_requests_as_the_verifier_expects_but_for_its_known_departures(string name)
    {
        var suiteCase = SigV4SuiteCase.Load(name);

        var (request, _) = SignWithAwsSdkCore(suiteCase);
        var verification = suiteCase.Verify(request);

        if (AwsSdkCoreDepartures.Contains(name))
        {
            Assert.Equal("InvalidSignatureException", verification.Error?.Type);
        }
        else
        {
            Assert.Null(verification.Error);
        }
    }

    [Theory]
    [InlineData("get-slash-normalized", "//")]
    [InlineData("get-slashes-normalized", "//example//")]
    public void AWSSDK_Core_keeps_duplicate_slashes_in_the_canonical_path(string name, string path)
    {
        // SigV4 normalizes the path of every service but S3 (the suite: //example// signs as /example/; the JavaScript
        // signer and aws-c-auth agree). AWSSDK.Core signs the path as sent: its signature checks out only without
        // normalization. (Dot segments never reach it: System.Uri removes them first.)
        var suiteCase = SigV4SuiteCase.Load(name);

        var (request, _) = SignWithAwsSdkCore(suiteCase);

        Assert.Equal(path, request.RawTarget);
        Assert.Equal("InvalidSignatureException", suiteCase.Verify(request).Error?.Type);
        Assert.Null(suiteCase.Verify(request, settings: suiteCase.Settings with { NormalizePath = false }).Error);
    }

    [Fact]
    public void AWSSDK_Core_sorts_query_parameters_before_encoding_them()
    {
        // SigV4 sorts the encoded parameters: %E1%88%B4 (U+1234) comes before Param. AWSSDK.Core sorts the decoded
        // names, which puts U+1234 last; its signature is the signature of that order.
        var suiteCase = SigV4SuiteCase.Load("get-vanilla-query-order-encoded");
        Assert.Contains("\n%E1%88%B4=Value1&Param=Value2&Param-3=Value3\n", suiteCase.ExpectedCanonicalRequest, StringComparison.Ordinal);

        var (request, signature) = SignWithAwsSdkCore(suiteCase);
        var verification = suiteCase.Verify(request);

        Assert.Equal("InvalidSignatureException", verification.Error?.Type);
        var decodedOrder = verification.CanonicalRequest!.Replace(
            "\n%E1%88%B4=Value1&Param=Value2&Param-3=Value3\n", "\nParam=Value2&Param-3=Value3&%E1%88%B4=Value1\n", StringComparison.Ordinal);
        Assert.Equal(signature, SignatureOf(suiteCase, decodedOrder));
    }

    [Fact]
    public async Task LocalBedrock_refuses_the_SDK_handler_a_path_with_duplicate_slashes_as_AWS_would()
    {
        await using var bedrock = await LocalBedrock.StartAsync();
        using var client = SigV4(bedrock);

        using var plain = await client.GetAsync("foundation-models");
        using var doubled = await client.GetAsync("foundation-models//");

        Assert.Equal(HttpStatusCode.OK, plain.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, doubled.StatusCode);
        Assert.Equal("InvalidSignatureException", ErrorType(doubled));
        Assert.Contains("'GET\n/foundation-models/\n", await ErrorMessageAsync(doubled), StringComparison.Ordinal);
    }

    /// <summary>LocalBedrock's default key; the session-token fixture was signed with temporary credentials on that key.</summary>
    private static Func<string, (string SecretAccessKey, string? SessionToken)?> FixtureCredentials(string fixture)
    {
        var token = fixture.Contains("session-token", StringComparison.Ordinal) ? "local-bedrock-js-session-token" : null;
        return accessKeyId => accessKeyId == LocalBedrockOptions.DefaultAccessKeyId ? (LocalBedrockOptions.DefaultSecretAccessKey, token) : null;
    }

    /// <summary>
    /// The suite case's unsigned <c>request.txt</c> signed by AWSSDK.Core's <see cref="AWSSigV4Signer"/> at the
    /// case's time, as it would go on the wire: the target System.Uri makes of it, the original header lines, then
    /// the signer's headers.
    /// </summary>
    private static (SigV4Request Request, string Signature) SignWithAwsSdkCore(SigV4SuiteCase suiteCase)
    {
        var unsigned = SigV4SuiteCase.ParseHttp(File.ReadAllBytes(Path.Combine(SigV4SuiteCase.SuiteDirectory, suiteCase.Name, "request.txt")));
        var host = unsigned.Headers.Single(h => h.Name.Equals("Host", StringComparison.OrdinalIgnoreCase)).Value.Trim();
        var uri = new Uri("http://" + host + unsigned.RawTarget);
        var signing = new AWSSigningRequest
        {
            HttpMethod = new HttpMethod(unsigned.Method),
            RequestUri = uri,
            Content = unsigned.Body.Length == 0 ? null : unsigned.Body.ToArray(),
        };
        foreach (var header in unsigned.Headers.Where(h => !h.Name.Equals("Host", StringComparison.OrdinalIgnoreCase))
                     .GroupBy(h => h.Name, StringComparer.OrdinalIgnoreCase))
        {
            signing.Headers[header.Key] = string.Join(",", header.Select(h => h.Value.Trim()));
        }

        AWSCredentials credentials = suiteCase.SessionToken is { } token
            ? new SessionAWSCredentials(suiteCase.AccessKeyId, suiteCase.SecretAccessKey, token)
            : new BasicAWSCredentials(suiteCase.AccessKeyId, suiteCase.SecretAccessKey);
        var result = AWSSigV4Signer.Sign(signing, new AWSSigV4Parameters
        {
            Credentials = credentials,
            Region = Amazon.RegionEndpoint.GetBySystemName(suiteCase.Region),
            Service = suiteCase.Service,
            SignedAt = suiteCase.Timestamp.UtcDateTime,
        });
        var headers = unsigned.Headers.ToList();
        headers.AddRange(result.Headers.Select(pair => (pair.Key, pair.Value)));
        var signature = result.Headers["Authorization"].Split("Signature=")[1];
        return (new SigV4Request(unsigned.Method, uri.PathAndQuery, headers, unsigned.Body), signature);
    }

    /// <summary>The signature of <paramref name="canonicalRequest"/> in the case's scope, derived here step by step.</summary>
    private static string SignatureOf(SigV4SuiteCase suiteCase, string canonicalRequest)
    {
        var date = suiteCase.Timestamp.ToString("yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture);
        var stringToSign = string.Join('\n', "AWS4-HMAC-SHA256", suiteCase.Timestamp.ToString("yyyyMMdd'T'HHmmss'Z'", System.Globalization.CultureInfo.InvariantCulture), $"{date}/{suiteCase.Region}/{suiteCase.Service}/aws4_request",
            Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonicalRequest))));
        var key = Encoding.UTF8.GetBytes("AWS4" + suiteCase.SecretAccessKey);
        foreach (var part in new[] { date, suiteCase.Region, suiteCase.Service, "aws4_request" })
        {
            key = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(part));
        }

        return Convert.ToHexStringLower(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(stringToSign)));
    }
}
