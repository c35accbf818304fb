using System.Net;
using System.Text.Json;
using Amazon.Runtime;
using Clawdbot.Sdk.Testing;
using Microsoft.Extensions.Time.Testing;
using Xunit;
using static Clawdbot.Sdk.Tests.Emulator.EmulatorClient;

namespace Clawdbot.Sdk.Tests.Emulator;

public sealed class LocalBedrockAuthTests
{
    [Fact]
    public async Task Correctly_signed_request_is_accepted_and_logged_without_its_signature()
    {
        await using var bedrock = await LocalBedrock.StartAsync();
        using var client = SigV4(bedrock);

        using var response = await SendAsync(client, Converse(OpusProfile, "hello there"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/vnd.amazon.eventstream", response.Content.Headers.ContentType?.MediaType);
        Assert.True(response.Headers.Contains("x-amzn-RequestId"));
        var request = Assert.Single(bedrock.Requests);
        Assert.Equal(RequestAuthKind.SigV4, request.AuthKind);
        Assert.Equal("ConverseStream", request.Operation);
        Assert.Equal(OpusProfile, request.ModelId);
        Assert.Equal("REDACTED", request.Headers["Authorization"]);
        Assert.Contains("hello there", request.Body);
    }

    [Fact]
    public async Task Request_signed_with_a_wrong_secret_is_rejected_as_invalid_signature()
    {
        await using var bedrock = await LocalBedrock.StartAsync();
        using var client = SigV4(bedrock, new BasicAWSCredentials(bedrock.AccessKeyId, "not-the-secret"));

        using var response = await SendAsync(client, Converse(OpusProfile, "hi"));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("InvalidSignatureException", ErrorType(response));
        Assert.StartsWith("The request signature we calculated does not match", await ErrorMessageAsync(response));
    }

    [Fact]
    public async Task Wrong_secret_reply_quotes_the_expected_canonical_request_with_the_session_token_as_AWS_does()
    {
        const string token = "session-token-for-tests";
        await using var bedrock = await LocalBedrock.StartAsync(new LocalBedrockOptions { SessionToken = token });
        using var client = SigV4(bedrock, new SessionAWSCredentials(bedrock.AccessKeyId, "not-the-secret", token));

        using var response = await SendAsync(client, Converse(OpusProfile, "hi"));
        var message = await ErrorMessageAsync(response);

        Assert.Equal("InvalidSignatureException", ErrorType(response));
        Assert.StartsWith("The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.\n\nThe Canonical String for this request should have been\n'POST\n/model/", message, StringComparison.Ordinal);
        Assert.Contains("\nx-amz-security-token:" + token + "\n", message, StringComparison.Ordinal);
        Assert.Contains("\n\nThe String-to-Sign should have been\n'AWS4-HMAC-SHA256\n", message, StringComparison.Ordinal);
        Assert.Contains("/" + bedrock.Region + "/bedrock/aws4_request\n", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_access_key_is_an_unrecognized_client()
    {
        await using var bedrock = await LocalBedrock.StartAsync();
        using var client = SigV4(bedrock, new BasicAWSCredentials("AKIDSOMEONEELSE", bedrock.SecretAccessKey));

        using var response = await SendAsync(client, Converse(OpusProfile, "hi"));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("UnrecognizedClientException", ErrorType(response));
    }

    [Fact]
    public async Task Request_signed_for_another_region_is_rejected()
    {
        await using var bedrock = await LocalBedrock.StartAsync();
        using var client = SigV4(bedrock, region: "eu-west-1");

        using var response = await SendAsync(client, Converse(OpusProfile, "hi"));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("InvalidSignatureException", ErrorType(response));
    }

    [Fact]
    public async Task Body_changed_after_signing_is_rejected()
    {
        await using var bedrock = await LocalBedrock.StartAsync();
        using var signed = Converse(OpusProfile, "original");
        using var tamperingClient = new HttpClient(new TamperingHandler());

        using var response = await tamperingClient.SendAsync(new HttpRequestMessage(HttpMethod.Post, new Uri(bedrock.Endpoint, RuntimePath(OpusProfile, "converse-stream")))
        {
            Content = signed.Content,
        });

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("InvalidSignatureException", ErrorType(response));
    }

    [Fact]
    public async Task Model_ids_with_colon_and_slash_are_percent_encoded_signed_and_decoded()
    {
        const string arn = "arn:aws:bedrock:us-east-1:123456789012:inference-profile/us.anthropic.claude-opus-4-5-20251101-v1:0";
        await using var bedrock = await LocalBedrock.StartAsync();
        using var client = SigV4(bedrock);

        using var colon = await SendAsync(client, Converse(OpusProfile, "a"));
        using var slash = await SendAsync(client, Converse(arn, "b"));

        Assert.Equal(HttpStatusCode.OK, colon.StatusCode);
        Assert.Equal(HttpStatusCode.OK, slash.StatusCode);
        Assert.Equal("/model/us.anthropic.claude-opus-4-5-20251101-v1%3A0/converse-stream", bedrock.Requests[0].RawPath);
        Assert.Contains("%2F", bedrock.Requests[1].RawPath);
        Assert.Equal([OpusProfile, arn], bedrock.Requests.Select(request => request.ModelId));
    }

    [Fact]
    public async Task Session_credentials_must_carry_the_configured_token()
    {
        await using var bedrock = await LocalBedrock.StartAsync(new LocalBedrockOptions { SessionToken = "session-token-for-tests" });
        using var good = SigV4(bedrock);
        using var wrong = SigV4(bedrock, new SessionAWSCredentials(bedrock.AccessKeyId, bedrock.SecretAccessKey, "other-token"));

        using var accepted = await SendAsync(good, Converse(OpusProfile, "a"));
        using var rejected = await SendAsync(wrong, Converse(OpusProfile, "b"));

        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        Assert.Equal("UnrecognizedClientException", ErrorType(rejected));
        Assert.All(bedrock.Requests, request => Assert.Equal("REDACTED", request.Headers["x-amz-security-token"]));
    }

    [Fact]
    public async Task Bearer_token_is_accepted_and_a_wrong_one_rejected()
    {
        await using var bedrock = await LocalBedrock.StartAsync();
        using var good = Bearer(bedrock, bedrock.BearerToken);
        using var bad = Bearer(bedrock, "wrong-token");

        using var accepted = await SendAsync(good, Converse(OpusProfile, "a"));
        using var rejected = await SendAsync(bad, Converse(OpusProfile, "b"));

        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, rejected.StatusCode);
        Assert.Equal("UnrecognizedClientException", ErrorType(rejected));
        Assert.All(bedrock.Requests, request =>
        {
            Assert.Equal(RequestAuthKind.Bearer, request.AuthKind);
            Assert.Equal("REDACTED", request.Headers["Authorization"]);
        });
    }

    [Fact]
    public async Task Request_without_credentials_is_rejected()
    {
        await using var bedrock = await LocalBedrock.StartAsync();
        using var client = new HttpClient { BaseAddress = bedrock.Endpoint };

        using var response = await client.SendAsync(Converse(OpusProfile, "a"));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("MissingAuthenticationTokenException", ErrorType(response));
    }

    [Fact]
    public async Task Http2_prior_knowledge_is_served()
    {
        await using var bedrock = await LocalBedrock.StartAsync();
        using var client = SigV4(bedrock);
        client.BaseAddress = bedrock.Http2Endpoint;
        using var request = Converse(OpusProfile, "over h2");
        request.Version = HttpVersion.Version20;
        request.VersionPolicy = HttpVersionPolicy.RequestVersionExact;

        using var response = await SendAsync(client, request);
        var frames = await ReadFramesAsync(response);

        Assert.Equal(HttpVersion.Version20, response.Version);
        Assert.Equal("HTTP/2", bedrock.Requests.Single().Protocol);
        Assert.Equal("metadata", frames[^1].EventType);
    }

    [Fact]
    public async Task The_main_endpoint_serves_http1_and_http2_prior_knowledge_on_one_address()
    {
        await using var bedrock = await LocalBedrock.StartAsync();
        using var client = Bearer(bedrock, bedrock.BearerToken);
        using var http1 = Converse(OpusProfile, "over h1");
        using var http2 = Converse(OpusProfile, "over h2");
        http2.Version = HttpVersion.Version20;
        http2.VersionPolicy = HttpVersionPolicy.RequestVersionExact;

        using var response1 = await SendAsync(client, http1);
        var frames1 = await ReadFramesAsync(response1);
        using var response2 = await SendAsync(client, http2);
        var frames2 = await ReadFramesAsync(response2);

        Assert.Equal((HttpVersion.Version11, HttpVersion.Version20), (response1.Version, response2.Version));
        Assert.Equal(["HTTP/1.1", "HTTP/2"], bedrock.Requests.Select(r => r.Protocol));
        Assert.Equal(("metadata", "metadata"), (frames1[^1].EventType, frames2[^1].EventType));
        Assert.Contains("over h2", bedrock.Requests[1].Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BedrockClient_requests_for_a_model_id_with_a_colon_are_accepted()
    {
        const string haiku = "anthropic.claude-3-haiku-20240307-v1:0";
        await using var bedrock = await LocalBedrock.StartAsync();
        using var client = Runtime.RuntimeTestSupport.Client(bedrock, options => options.MaxAttempts = 1);

        var streamed = await client.ConverseStreamAsync(Runtime.RuntimeTestSupport.Request(haiku, "over the stream")).ToResultAsync();
        var converse = await client.ConverseAsync(Runtime.RuntimeTestSupport.Request(haiku, "in one reply"));

        Assert.True(streamed.IsComplete);
        Assert.Equal("You said: in one reply", converse.Text);
        Assert.Equal(["/model/anthropic.claude-3-haiku-20240307-v1%3A0/converse-stream", "/model/anthropic.claude-3-haiku-20240307-v1%3A0/converse"],
            bedrock.Requests.Select(request => request.RawPath));
        Assert.All(bedrock.Requests, request => Assert.Equal(RequestAuthKind.SigV4, request.AuthKind));
    }

    [Fact]
    public async Task BedrockClient_control_plane_requests_with_a_query_string_are_accepted()
    {
        await using var bedrock = await LocalBedrock.StartAsync();
        using var client = Runtime.RuntimeTestSupport.Client(bedrock, options => options.ControlPlaneEndpoint = bedrock.Endpoint);

        using var response = await client.Transport.SendControlPlaneAsync(
            new HttpRequestMessage(HttpMethod.Get, "foundation-models?byProvider=anthropic"), CancellationToken.None);
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var profiles = await new BedrockClientControlPlane(client).ListInferenceProfilesAsync(null, CancellationToken.None);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var providers = document.RootElement.GetProperty("modelSummaries").EnumerateArray().Select(model => model.GetProperty("providerName").GetString()).Distinct();
        Assert.Equal(["Anthropic"], providers);
        Assert.Equal("?byProvider=anthropic", bedrock.Requests[0].Query);
        Assert.NotNull(profiles);
        Assert.StartsWith("?maxResults=", bedrock.Requests[1].Query, StringComparison.Ordinal);
        Assert.Equal(1, bedrock.ListInferenceProfilesCallCount);
    }

    [Fact]
    public async Task BedrockClient_session_credentials_are_accepted_and_a_wrong_token_is_not()
    {
        const string token = "session-token-for-tests";
        await using var bedrock = await LocalBedrock.StartAsync(new LocalBedrockOptions { SessionToken = token });
        using var good = Runtime.RuntimeTestSupport.Client(bedrock, options => options.MaxAttempts = 1);
        using var wrong = Runtime.RuntimeTestSupport.Client(bedrock, options =>
        {
            options.MaxAttempts = 1;
            options.Credentials = new SessionAWSCredentials(bedrock.AccessKeyId, bedrock.SecretAccessKey, "another-token");
        });

        var result = await good.ConverseAsync(Runtime.RuntimeTestSupport.Request());
        var error = await Assert.ThrowsAsync<BedrockException>(() => wrong.ConverseAsync(Runtime.RuntimeTestSupport.Request()));

        Assert.Equal("You said: Hi", result.Text);
        Assert.Equal(HttpStatusCode.Forbidden, (HttpStatusCode)error.StatusCode!);
        Assert.Contains("security token included in the request is invalid", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Requests_more_than_five_minutes_off_the_emulators_clock_are_refused()
    {
        // The client signs with the real clock; the emulator's clock starts 6 minutes behind it, then moves on.
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow.AddMinutes(-6));
        await using var bedrock = await LocalBedrock.StartAsync(new LocalBedrockOptions { TimeProvider = clock });
        using var client = SigV4(bedrock);

        using var early = await SendAsync(client, Converse(OpusProfile, "early"));
        clock.Advance(TimeSpan.FromMinutes(6));
        using var onTime = await SendAsync(client, Converse(OpusProfile, "on time"));
        clock.Advance(TimeSpan.FromMinutes(6));
        using var late = await SendAsync(client, Converse(OpusProfile, "late"));

        Assert.Equal(HttpStatusCode.Forbidden, early.StatusCode);
        Assert.Equal("InvalidSignatureException", ErrorType(early));
        Assert.Matches(@"^Signature not yet current: \d{8}T\d{6}Z is still later than \d{8}T\d{6}Z \(\d{8}T\d{6}Z \+ 5 min\.\)$", await ErrorMessageAsync(early));
        Assert.Equal(HttpStatusCode.OK, onTime.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, late.StatusCode);
        Assert.Equal("InvalidSignatureException", ErrorType(late));
        Assert.Matches(@"^Signature expired: \d{8}T\d{6}Z is now earlier than \d{8}T\d{6}Z \(\d{8}T\d{6}Z - 5 min\.\)$", await ErrorMessageAsync(late));
    }

    [Fact]
    public async Task A_header_sent_on_several_lines_is_checked_as_its_lines_joined_in_order()
    {
        // HttpClient joins a header's values into one line, so this request goes out over a raw socket: Kestrel
        // hands the verifier one value per line, which SigV4 joins with commas (AWSSDK.Core is given them joined).
        await using var bedrock = await LocalBedrock.StartAsync();
        var uri = new Uri(bedrock.Endpoint, "foundation-models?byProvider=anthropic");
        var signing = new Amazon.Runtime.Signing.AWSSigningRequest { HttpMethod = HttpMethod.Get, RequestUri = uri };
        signing.Headers["X-Clawdbot-Trace"] = "first value,second value";
        var signed = Amazon.Runtime.Signing.AWSSigV4Signer.Sign(signing, new Amazon.Runtime.Signing.AWSSigV4Parameters
        {
            Credentials = bedrock.Credentials,
            Region = Amazon.RegionEndpoint.GetBySystemName(bedrock.Region),
            Service = "bedrock",
        });
        Assert.Contains("x-clawdbot-trace", signed.Headers["Authorization"], StringComparison.Ordinal);

        var inOrder = await SendRawAsync(uri, signed.Headers, ("X-Clawdbot-Trace", "first   value"), ("x-clawdbot-trace", " second value"));
        var swapped = await SendRawAsync(uri, signed.Headers, ("X-Clawdbot-Trace", "second value"), ("X-Clawdbot-Trace", "first value"));

        Assert.StartsWith("HTTP/1.1 200 ", inOrder, StringComparison.Ordinal);
        Assert.StartsWith("HTTP/1.1 403 ", swapped, StringComparison.Ordinal);
        Assert.Contains("\nx-clawdbot-trace:second value,first value\n", swapped.Replace("\\n", "\n", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    private static async Task<string> SendRawAsync(Uri uri, IDictionary<string, string> signedHeaders, params (string Name, string Value)[] lines)
    {
        using var tcp = new System.Net.Sockets.TcpClient();
        await tcp.ConnectAsync(uri.Host, uri.Port);
        await using var stream = tcp.GetStream();
        var head = new System.Text.StringBuilder($"GET {uri.PathAndQuery} HTTP/1.1\r\nHost: {uri.Authority}\r\n");
        foreach (var (name, value) in lines.Concat(signedHeaders.Select(pair => (pair.Key, pair.Value))))
        {
            head.Append(name).Append(':').Append(value).Append("\r\n");
        }

        head.Append("Connection: close\r\n\r\n");
        await stream.WriteAsync(System.Text.Encoding.ASCII.GetBytes(head.ToString()));
        using var reader = new StreamReader(stream);
        return await reader.ReadToEndAsync();
    }

    /// <summary>Signs the request with the accepted credentials, then swaps the body for another of the same length.</summary>
    private sealed class TamperingHandler() : DelegatingHandler(new SocketsHttpHandler())
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var capture = new CapturingHandler();
            var signer = new Amazon.Runtime.Signing.SigV4SigningHandler(
                new BasicAWSCredentials(LocalBedrockOptions.DefaultAccessKeyId, LocalBedrockOptions.DefaultSecretAccessKey),
                Amazon.RegionEndpoint.USEast1, "bedrock", capture);
            using var invoker = new HttpMessageInvoker(signer);
            await invoker.SendAsync(request, cancellationToken);
            var body = await request.Content!.ReadAsStringAsync(cancellationToken);
            request.Content = new StringContent(body.Replace("original", "tampered"), System.Text.Encoding.UTF8, "application/json");
            return await base.SendAsync(request, cancellationToken);
        }
    }

    private sealed class CapturingHandler : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(new HttpResponseMessage(HttpStatusCode.NoContent));
    }
}
