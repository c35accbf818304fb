using Amazon.Runtime;
using Clawdbot.Sdk.Testing;
using Clawdbot.Sdk.Tests.Hosting;
using Microsoft.Extensions.Logging;
using Xunit;
using static Clawdbot.Sdk.Tests.Runtime.RuntimeTestSupport;

namespace Clawdbot.Sdk.Tests.Runtime;

/// <summary>Messages from the wire reach <see cref="BedrockException"/> without the signing material AWS echoes.</summary>
public sealed class ServiceMessageScrubbingTests
{
    private const string CanaryToken = "CANARY-SESSION-TOKEN-7e6d5c4b3a29";
    private const string SignatureMismatch =
        "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.";

    [Fact]
    public async Task WrongSecretWithASessionTokenSaysWhatWentWrongWithoutTheToken()
    {
        // The emulator's reply quotes the canonical request, x-amz-security-token:<token> included, as AWS does.
        await using var bedrock = await LocalBedrock.StartAsync(new LocalBedrockOptions { SessionToken = CanaryToken });
        var logs = new CapturingLoggerProvider();
        using var loggerFactory = LoggerFactory.Create(logging => logging.SetMinimumLevel(LogLevel.Trace).AddProvider(logs));
        var options = Options(Environment(("AWS_ACCESS_KEY_ID", bedrock.AccessKeyId), ("AWS_SECRET_ACCESS_KEY", "not-the-secret"), ("AWS_SESSION_TOKEN", CanaryToken)));
        options.Endpoint = bedrock.Endpoint;
        options.Region = bedrock.Region;
        options.LoggerFactory = loggerFactory;
        using var client = new BedrockClient(options);

        var error = await Assert.ThrowsAsync<BedrockException>(() => client.ConverseStreamAsync(Request()).ToResultAsync());

        Assert.Equal(BedrockErrorKind.InvalidSignature, error.Kind);
        Assert.Equal(SignatureMismatch, error.Message);
        Assert.DoesNotContain(CanaryToken, error.ToString(), StringComparison.Ordinal);
        Assert.NotEmpty(logs.Entries);
        Assert.DoesNotContain(CanaryToken, logs.AllText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AControlPlaneErrorMessageIsScrubbedToo()
    {
        await using var bedrock = await LocalBedrock.StartAsync(new LocalBedrockOptions { SessionToken = CanaryToken });
        var options = Options();
        options.ControlPlaneEndpoint = bedrock.Endpoint;
        options.Region = bedrock.Region;
        options.Credentials = new SessionAWSCredentials(bedrock.AccessKeyId, "not-the-secret", CanaryToken);
        using var client = new BedrockClient(options);

        var error = await Assert.ThrowsAsync<BedrockException>(() => new BedrockClientControlPlane(client).ListFoundationModelsAsync(null, CancellationToken.None));

        Assert.EndsWith(SignatureMismatch, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(CanaryToken, error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnExceptionFrameMessageIsScrubbedToo()
    {
        await using var bedrock = await LocalBedrock.StartAsync();
        bedrock.Enqueue(Script.Stream().Text("partial").ThenException("validationException",
            "Bad request. The Canonical String for this request should have been 'POST\nx-amz-security-token:" + CanaryToken + "\n'"));
        using var client = Client(bedrock, o => o.MaxAttempts = 1);

        var error = await Assert.ThrowsAsync<BedrockException>(() => client.ConverseStreamAsync(Request()).ToResultAsync());

        Assert.Equal("Bad request.", error.Message);
        Assert.Equal("partial", error.PartialResult?.Text);
    }

    [Fact]
    public async Task AnErrorFrameMessageIsScrubbedToo()
    {
        await using var bedrock = await LocalBedrock.StartAsync();
        bedrock.Enqueue(Script.Stream().ThenError("InternalFailure", "Failed for X-Amz-Security-Token=" + CanaryToken));
        using var client = Client(bedrock, o => o.MaxAttempts = 1);

        var error = await Assert.ThrowsAsync<BedrockException>(() => client.ConverseStreamAsync(Request()).ToResultAsync());

        Assert.Equal("Failed for X-Amz-Security-Token=***", error.Message);
    }

    [Theory]
    [InlineData("Denied for x-amz-security-token:" + CanaryToken + " here", "Denied for x-amz-security-token:***")]
    [InlineData("Got Authorization: AWS4-HMAC-SHA256 Credential=AKID/x, Signature=abc123\nnext line", "Got Authorization: ***\nnext line")]
    [InlineData("Got Signature=abc123, SignedHeaders=host", "Got Signature=***, SignedHeaders=host")]
    [InlineData("url?X-Amz-Security-Token=" + CanaryToken + "&X-Amz-Signature=ff00", "url?X-Amz-Security-Token=***&X-Amz-Signature=***")]
    [InlineData(SignatureMismatch + "\n\nThe String-to-Sign should have been\n'AWS4-HMAC-SHA256\n...'", SignatureMismatch)]
    [InlineData("The model is not ready.", "The model is not ready.")]
    public async Task HttpErrorMessagesAreScrubbed(string sent, string expected)
    {
        await using var bedrock = await LocalBedrock.StartAsync();
        bedrock.Enqueue(Script.HttpError(400, "ValidationException", sent));
        using var client = Client(bedrock, o => o.MaxAttempts = 1);

        var error = await Assert.ThrowsAsync<BedrockException>(() => client.ConverseStreamAsync(Request()).ToResultAsync());

        Assert.Equal(expected, error.Message);
    }

    [Fact]
    public async Task AMessageThatIsOnlySigningMaterialFallsBackToTheStatus()
    {
        await using var bedrock = await LocalBedrock.StartAsync();
        bedrock.Enqueue(Script.HttpError(403, "InvalidSignatureException", "The String-to-Sign should have been 'x'"));
        using var client = Client(bedrock, o => o.MaxAttempts = 1);

        var error = await Assert.ThrowsAsync<BedrockException>(() => client.ConverseStreamAsync(Request()).ToResultAsync());

        Assert.StartsWith("HTTP 403", error.Message, StringComparison.Ordinal);
    }
}
