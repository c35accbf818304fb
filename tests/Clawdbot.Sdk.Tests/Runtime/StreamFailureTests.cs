using Clawdbot.Sdk.Testing;
using Xunit;
using static Clawdbot.Sdk.Tests.Runtime.RuntimeTestSupport;

namespace Clawdbot.Sdk.Tests.Runtime;

public sealed class StreamFailureTests
{
    [Theory]
    [InlineData("throttlingException", BedrockErrorKind.Throttling, 429)]
    [InlineData("modelStreamErrorException", BedrockErrorKind.ModelStreamError, 424)]
    [InlineData("validationException", BedrockErrorKind.Validation, 400)]
    [InlineData("internalServerException", BedrockErrorKind.InternalServer, 500)]
    [InlineData("serviceUnavailableException", BedrockErrorKind.ServiceUnavailable, 503)]
    public async Task ExceptionFrameAfterContentYieldsTheTextThenThrowsWithPartialResult(string exceptionType, BedrockErrorKind kind, int status)
    {
        await using var bedrock = await LocalBedrock.StartAsync();
        bedrock.Enqueue(Script.Stream().Text("partial ", "answer").ThenException(exceptionType, "wire says no"));
        using var client = Client(bedrock);
        var seen = new List<StreamUpdate>();

        var error = await Assert.ThrowsAsync<BedrockException>(() => CollectAsync(client.ConverseStreamAsync(Request()), seen));

        Assert.Equal("partial answer", string.Concat(seen.OfType<TextDelta>().Select(t => t.Text)));
        Assert.Equal(kind, error.Kind);
        Assert.Equal(status, error.StatusCode);
        Assert.Equal("wire says no", error.Message);
        Assert.Equal(exceptionType, error.ErrorCode);
        Assert.NotNull(error.RequestId);
        Assert.Equal("partial answer", error.PartialResult!.Text);
        Assert.False(error.PartialResult.IsComplete);
        Assert.Single(bedrock.Requests); // content had arrived: never retried
    }

    [Fact]
    public async Task UntypedErrorFrameIsServiceError()
    {
        await using var bedrock = await LocalBedrock.StartAsync();
        bedrock.Enqueue(Script.Stream().Text("x").ThenError("InternalFailure", "something odd"));
        using var client = Client(bedrock);

        var error = await Assert.ThrowsAsync<BedrockException>(() => client.ConverseStreamAsync(Request()).ToResultAsync());

        Assert.Equal(BedrockErrorKind.ServiceError, error.Kind);
        Assert.Equal("InternalFailure", error.ErrorCode);
        Assert.Equal("something odd", error.Message);
        Assert.Equal("x", error.PartialResult!.Text);
    }

    [Fact]
    public async Task DroppedConnectionMidStreamIsStreamBrokenWithPartialText()
    {
        await using var bedrock = await LocalBedrock.StartAsync();
        // The emulator flushes what precedes the drop and lets it reach the client before aborting.
        bedrock.Enqueue(Script.Stream().Text("Hello", " there").DropConnection().Text(" never"));
        using var client = Client(bedrock);
        var seen = new List<StreamUpdate>();

        var error = await Assert.ThrowsAsync<BedrockException>(() => CollectAsync(client.ConverseStreamAsync(Request()), seen));

        Assert.Equal(BedrockErrorKind.StreamBroken, error.Kind);
        Assert.Equal("Hello there", string.Concat(seen.OfType<TextDelta>().Select(t => t.Text)));
        Assert.Equal("Hello there", error.PartialResult!.Text);
        Assert.False(error.PartialResult.IsComplete);
        Assert.Single(bedrock.Requests);
    }

    [Fact]
    public async Task CorruptCrcIsReportedWithPartialText()
    {
        await using var bedrock = await LocalBedrock.StartAsync();
        // The corrupted frame is the last one of the second block (its contentBlockStop): both texts arrived.
        bedrock.Enqueue(Script.Stream().Text("good").Text("bad").CorruptCrc());
        using var client = Client(bedrock);

        var error = await Assert.ThrowsAsync<BedrockException>(() => client.ConverseStreamAsync(Request()).ToResultAsync());

        Assert.Equal(BedrockErrorKind.CrcMismatch, error.Kind);
        Assert.Equal("goodbad", error.PartialResult!.Text);
    }

    [Fact]
    public async Task EndWithoutStopIsStreamBrokenNotSilentSuccess()
    {
        await using var bedrock = await LocalBedrock.StartAsync();
        bedrock.Enqueue(Script.Stream().Text("cut", " short").EndWithoutStop());
        using var client = Client(bedrock);

        var error = await Assert.ThrowsAsync<BedrockException>(() => client.ConverseStreamAsync(Request()).ToResultAsync());

        Assert.Equal(BedrockErrorKind.StreamBroken, error.Kind);
        Assert.Contains("messageStop", error.Message, StringComparison.Ordinal);
        Assert.Equal("cut short", error.PartialResult!.Text);
    }

    [Theory]
    [InlineData(400, "ValidationException", BedrockErrorKind.Validation)]
    [InlineData(403, "AccessDeniedException", BedrockErrorKind.AccessDenied)]
    [InlineData(404, "ResourceNotFoundException", BedrockErrorKind.ResourceNotFound)]
    [InlineData(403, "UnrecognizedClientException", BedrockErrorKind.UnrecognizedClient)]
    public async Task HttpErrorsAreClassifiedAndNotRetried(int status, string errorType, BedrockErrorKind kind)
    {
        await using var bedrock = await LocalBedrock.StartAsync();
        bedrock.Enqueue(Script.HttpError(status, errorType, "from the wire"));
        using var client = Client(bedrock);

        var error = await Assert.ThrowsAsync<BedrockException>(() => client.ConverseStreamAsync(Request()).ToResultAsync());

        Assert.Equal(kind, error.Kind);
        Assert.Equal(status, error.StatusCode);
        Assert.Equal(errorType, error.ErrorCode);
        Assert.Equal("from the wire", error.Message);
        Assert.NotNull(error.RequestId);
        Assert.Null(error.PartialResult);
        Assert.Single(bedrock.Requests);
    }

    [Theory]
    [InlineData(429, "ThrottlingException")]
    [InlineData(500, "InternalServerException")]
    [InlineData(503, "ServiceUnavailableException")]
    public async Task RetryableHttpErrorsAreRetriedBeforeTheFirstEvent(int status, string errorType)
    {
        await using var bedrock = await LocalBedrock.StartAsync();
        bedrock.Enqueue(Script.HttpError(status, errorType, "busy"));
        bedrock.Enqueue(Script.HttpError(status, errorType, "busy").WithPlainErrorType());
        bedrock.Enqueue(Script.Stream().Text("finally"));
        using var client = Client(bedrock);

        var result = await client.ConverseStreamAsync(Request()).ToResultAsync();

        Assert.Equal("finally", result.Text);
        Assert.Equal(3, bedrock.Requests.Count);
    }

    [Fact]
    public async Task RetriesStopAtMaxAttempts()
    {
        await using var bedrock = await LocalBedrock.StartAsync();
        for (var i = 0; i < 4; i++)
        {
            bedrock.Enqueue(Script.HttpError(429, "ThrottlingException", "slow down"));
        }

        using var client = Client(bedrock);

        var error = await Assert.ThrowsAsync<BedrockException>(() => client.ConverseStreamAsync(Request()).ToResultAsync());

        Assert.Equal(BedrockErrorKind.Throttling, error.Kind);
        Assert.True(error.IsRetryable);
        Assert.Equal(3, bedrock.Requests.Count);
    }

    [Fact]
    public async Task DropBeforeAnyEventIsRetried()
    {
        await using var bedrock = await LocalBedrock.StartAsync();
        bedrock.Enqueue(Script.Stream().DropConnectionAfter(0));
        bedrock.Enqueue(Script.Stream().Text("ok"));
        using var client = Client(bedrock);

        var result = await client.ConverseStreamAsync(Request()).ToResultAsync();

        Assert.Equal("ok", result.Text);
        Assert.Equal(2, bedrock.Requests.Count);
    }

    [Fact]
    public async Task ConnectionRefusedIsConnectionFailedAfterRetries()
    {
        var port = FreePort();
        var options = Options();
        options.Endpoint = new Uri($"http://127.0.0.1:{port}/");
        options.Credentials = new Amazon.Runtime.BasicAWSCredentials("AKIDX", "secret");
        using var client = new BedrockClient(options);

        var error = await Assert.ThrowsAsync<BedrockException>(() => client.ConverseStreamAsync(Request()).ToResultAsync());

        Assert.Equal(BedrockErrorKind.ConnectionFailed, error.Kind);
        Assert.Equal(3, error.Attempts);
    }

    [Fact]
    public async Task ConverseMapsHttpErrors()
    {
        await using var bedrock = await LocalBedrock.StartAsync();
        bedrock.Enqueue(Script.HttpError(400, "ValidationException", "bad input"));
        using var client = Client(bedrock);

        var error = await Assert.ThrowsAsync<BedrockException>(() => client.ConverseAsync(Request()));

        Assert.Equal(BedrockErrorKind.Validation, error.Kind);
        Assert.Equal("bad input", error.Message);
    }

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }
}
