using System.Net;
using System.Net.Sockets;
using Clawdbot.Sdk.Testing;
using Xunit;
using static Clawdbot.Sdk.Tests.Runtime.RuntimeTestSupport;

namespace Clawdbot.Sdk.Tests.Runtime;

public sealed class TimeoutAndCancellationTests
{
    [Fact]
    public async Task SlowFirstByteIsFirstEventTimeoutAndIsRetried()
    {
        await using var bedrock = await LocalBedrock.StartAsync();
        bedrock.Enqueue(Script.Stream().Text("late").DelayFirstByte(TimeSpan.FromSeconds(5)));
        bedrock.Enqueue(Script.Stream().Text("late").DelayFirstByte(TimeSpan.FromSeconds(5)));
        using var client = Client(bedrock, o =>
        {
            o.FirstEventTimeout = TimeSpan.FromMilliseconds(200);
            o.MaxAttempts = 2;
        });

        var error = await Assert.ThrowsAsync<BedrockException>(() => client.ConverseStreamAsync(Request()).ToResultAsync());

        Assert.Equal(BedrockErrorKind.Timeout, error.Kind);
        Assert.Equal(BedrockTimeoutKind.FirstEvent, error.Timeout);
        Assert.Equal(2, bedrock.Requests.Count);
    }

    [Fact]
    public async Task SilenceBetweenEventsIsIdleTimeoutWithPartialAndNoRetry()
    {
        await using var bedrock = await LocalBedrock.StartAsync();
        bedrock.Enqueue(Script.Stream().Text("a", "b", "c").DelayBetweenEvents(TimeSpan.FromSeconds(2)));
        using var client = Client(bedrock, o => o.IdleTimeout = TimeSpan.FromMilliseconds(300));

        var error = await Assert.ThrowsAsync<BedrockException>(() => client.ConverseStreamAsync(Request()).ToResultAsync());

        Assert.Equal(BedrockErrorKind.Timeout, error.Kind);
        Assert.Equal(BedrockTimeoutKind.Idle, error.Timeout);
        Assert.Single(bedrock.Requests);
    }

    [Fact]
    public async Task OverallTimeoutWins()
    {
        await using var bedrock = await LocalBedrock.StartAsync();
        // Wide margins: the first delta must arrive well inside the overall window even on a loaded machine.
        bedrock.Enqueue(Script.Stream().Text("a", "b", "c", "d", "e", "f", "g", "h").DelayBetweenEvents(TimeSpan.FromMilliseconds(400)));
        using var client = Client(bedrock, o => o.OverallTimeout = TimeSpan.FromMilliseconds(1500));

        var error = await Assert.ThrowsAsync<BedrockException>(() => client.ConverseStreamAsync(Request()).ToResultAsync());

        Assert.Equal(BedrockTimeoutKind.Overall, error.Timeout);
        Assert.False(error.IsRetryable);
        Assert.StartsWith("a", error.PartialResult!.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ConnectTimeoutIsReportedAsConnect()
    {
        // A listener whose accept backlog is full: further SYNs are dropped, so connecting hangs.
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen(0);
        var endpoint = (IPEndPoint)listener.LocalEndPoint!;
        var fillers = new List<Socket>();
        for (var i = 0; i < 8; i++)
        {
            var filler = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            fillers.Add(filler);
            _ = filler.ConnectAsync(endpoint);
        }

        try
        {
            await Task.Delay(200);
            var options = Options();
            options.Endpoint = new Uri($"http://127.0.0.1:{endpoint.Port}/");
            options.Credentials = new Amazon.Runtime.BasicAWSCredentials("AKIDX", "secret");
            options.ConnectTimeout = TimeSpan.FromMilliseconds(300);
            options.MaxAttempts = 1;
            using var client = new BedrockClient(options);

            var error = await Assert.ThrowsAsync<BedrockException>(() => client.ConverseStreamAsync(Request()).ToResultAsync());

            Assert.Equal(BedrockErrorKind.Timeout, error.Kind);
            Assert.Equal(BedrockTimeoutKind.Connect, error.Timeout);
        }
        finally
        {
            fillers.ForEach(f => f.Dispose());
        }
    }

    [Fact]
    public async Task CancellationStopsTheStreamWithOperationCanceled()
    {
        await using var bedrock = await LocalBedrock.StartAsync();
        bedrock.Enqueue(Script.Stream().Text("a", "b", "c", "d", "e", "f").DelayBetweenEvents(TimeSpan.FromSeconds(1)));
        using var client = Client(bedrock);
        using var cts = new CancellationTokenSource();
        var seen = new List<StreamUpdate>();

        var pending = Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var update in client.ConverseStreamAsync(Request(), cts.Token))
            {
                seen.Add(update);
                if (update is TextDelta)
                {
                    cts.Cancel();
                }
            }
        });
        // The rest of the script would take 5 more seconds; cancelling must not wait for it.
        var finished = await Task.WhenAny(pending, Task.Delay(TimeSpan.FromSeconds(4.5)));

        Assert.Same(pending, finished);
        await pending;
        Assert.Single(seen.OfType<TextDelta>());
    }

    [Fact]
    public async Task SlowConsumerOfAFastStreamIsNotIdle()
    {
        await using var bedrock = await LocalBedrock.StartAsync();
        bedrock.Enqueue(Script.Stream().Text("a", "b", "c"));
        using var client = Client(bedrock, o => o.IdleTimeout = TimeSpan.FromMilliseconds(150));
        var text = new System.Text.StringBuilder();

        await foreach (var update in client.ConverseStreamAsync(Request()))
        {
            if (update is TextDelta delta)
            {
                text.Append(delta.Text);
                await Task.Delay(TimeSpan.FromMilliseconds(300));
            }
        }

        Assert.Equal("abc", text.ToString());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task CancellationStopsAtOnceEvenWhenLaterEventsAreBuffered(bool viaWithCancellation)
    {
        await using var bedrock = await LocalBedrock.StartAsync();
        bedrock.Enqueue(Script.Stream().Text(Enumerable.Range(0, 50).Select(i => $"t{i} ").ToArray()));
        using var client = Client(bedrock);
        using var cts = new CancellationTokenSource();
        var seen = new List<StreamUpdate>();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            var updates = viaWithCancellation
                ? client.ConverseStreamAsync(Request()).WithCancellation(cts.Token)
                : client.ConverseStreamAsync(Request(), cts.Token).WithCancellation(CancellationToken.None);
            await foreach (var update in updates)
            {
                seen.Add(update);
                if (update is TextDelta)
                {
                    cts.Cancel();
                }
            }
        });

        Assert.Single(seen.OfType<TextDelta>());
    }

    [Fact]
    public async Task OverallTimeoutFiresWhileTheConsumerHoldsBufferedEvents()
    {
        await using var bedrock = await LocalBedrock.StartAsync();
        bedrock.Enqueue(Script.Stream().Text("first", " second", " third"));
        using var client = Client(bedrock, o => o.OverallTimeout = TimeSpan.FromSeconds(1));
        var seen = new List<StreamUpdate>();

        var error = await Assert.ThrowsAsync<BedrockException>(async () =>
        {
            await foreach (var update in client.ConverseStreamAsync(Request()))
            {
                seen.Add(update);
                if (update is TextDelta)
                {
                    await Task.Delay(TimeSpan.FromSeconds(1.5));
                }
            }
        });

        Assert.Equal(BedrockTimeoutKind.Overall, error.Timeout);
        Assert.Equal("first", Assert.Single(seen.OfType<TextDelta>()).Text);
        Assert.Equal("first", error.PartialResult!.Text);
    }

    [Fact]
    public async Task CancellationBeforeHeadersIsOperationCanceled()
    {
        await using var bedrock = await LocalBedrock.StartAsync();
        bedrock.Enqueue(Script.Stream().Text("x").DelayFirstByte(TimeSpan.FromSeconds(10)));
        using var client = Client(bedrock);
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.ConverseAsync(Request(), cts.Token));
        Assert.Single(bedrock.Requests);
    }
}
