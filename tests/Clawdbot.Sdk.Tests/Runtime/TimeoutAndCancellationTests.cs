using System.Net;
using System.Net.Sockets;
using Clawdbot.Sdk.Testing;
using Microsoft.Extensions.Time.Testing;
using Xunit;
using static Clawdbot.Sdk.Tests.Runtime.RuntimeTestSupport;

namespace Clawdbot.Sdk.Tests.Runtime;

/// <summary>
/// Timeouts and cancellation, on one fake clock shared by the emulator's scripted delays and the client's timers: each
/// test waits for what it expects (a request recorded, an update arrived), then advances the clock, so no outcome
/// depends on how fast the machine is. The client arms the first-event and overall timers before it sends (so a
/// recorded request has them running), and the idle timer inside <c>MoveNextAsync</c> before it waits on the network.
/// </summary>
public sealed class TimeoutAndCancellationTests
{
    // Scripted delays the tests never advance to: a reply that does not come.
    private static readonly TimeSpan Never = TimeSpan.FromMinutes(4);

    [Fact]
    public async Task SlowFirstByteIsFirstEventTimeoutAndIsRetried()
    {
        var time = TestClock.Create();
        await using var bedrock = await TestClock.StartBedrockAsync(time);
        bedrock.Enqueue(Script.Stream().Text("late").DelayFirstByte(Never));
        bedrock.Enqueue(Script.Stream().Text("late").DelayFirstByte(Never));
        using var client = FakeClockClient(bedrock, time, o =>
        {
            o.FirstEventTimeout = TimeSpan.FromSeconds(5);
            o.MaxAttempts = 2;
        });

        var call = client.ConverseStreamAsync(Request()).ToResultAsync();
        await Eventually.UntilAsync(() => bedrock.Requests.Count == 1, "the first attempt");
        time.Advance(TimeSpan.FromSeconds(5));
        await Eventually.UntilAsync(() => bedrock.Requests.Count == 2, "the retry");
        Assert.False(call.IsCompleted);
        time.Advance(TimeSpan.FromSeconds(5));
        var error = await Assert.ThrowsAsync<BedrockException>(() => Eventually.Within(call, "the second first-event timeout"));

        Assert.Equal(BedrockErrorKind.Timeout, error.Kind);
        Assert.Equal(BedrockTimeoutKind.FirstEvent, error.Timeout);
        Assert.Equal(2, error.Attempts);
        Assert.Equal(2, bedrock.Requests.Count);
    }

    [Fact]
    public async Task SilenceBetweenEventsIsIdleTimeoutWithPartialAndNoRetry()
    {
        var time = TestClock.Create();
        await using var bedrock = await TestClock.StartBedrockAsync(time);
        bedrock.Enqueue(Script.Stream().Text("a", "b", "c").DelayBetweenEvents(TimeSpan.FromSeconds(10)));
        using var client = FakeClockClient(bedrock, time, o => o.IdleTimeout = TimeSpan.FromSeconds(5));
        await using var updates = client.ConverseStreamAsync(Request()).GetAsyncEnumerator();

        // While the consumer holds an update the client is not waiting, so the server's 10 s pause is not silence.
        Assert.IsType<MessageStart>(await NextAsync(updates));
        time.Advance(TimeSpan.FromSeconds(10));
        Assert.Equal("a", Assert.IsType<TextDelta>(await NextAsync(updates)).Text);
        var silence = updates.MoveNextAsync().AsTask();
        time.Advance(TimeSpan.FromSeconds(5));   // the client waits 5 s; "b" is due 10 s after "a"
        var error = await Assert.ThrowsAsync<BedrockException>(() => Eventually.Within(silence, "the idle timeout"));

        Assert.Equal(BedrockErrorKind.Timeout, error.Kind);
        Assert.Equal(BedrockTimeoutKind.Idle, error.Timeout);
        Assert.Equal("a", error.PartialResult!.Text);
        Assert.Single(bedrock.Requests);
    }

    [Fact]
    public async Task OverallTimeoutWins()
    {
        var time = TestClock.Create();
        await using var bedrock = await TestClock.StartBedrockAsync(time);
        bedrock.Enqueue(Script.Stream().Text("a", "b", "c", "d").DelayBetweenEvents(TimeSpan.FromSeconds(10)));
        using var client = FakeClockClient(bedrock, time, o => o.OverallTimeout = TimeSpan.FromSeconds(25));
        await using var updates = client.ConverseStreamAsync(Request()).GetAsyncEnumerator();

        // Every event comes well inside the idle timeout (60 s); only the whole call is too long.
        Assert.IsType<MessageStart>(await NextAsync(updates));
        time.Advance(TimeSpan.FromSeconds(10));
        Assert.Equal("a", Assert.IsType<TextDelta>(await NextAsync(updates)).Text);
        time.Advance(TimeSpan.FromSeconds(10));
        Assert.Equal("b", Assert.IsType<TextDelta>(await NextAsync(updates)).Text);
        var next = updates.MoveNextAsync().AsTask();
        time.Advance(TimeSpan.FromSeconds(5));
        var error = await Assert.ThrowsAsync<BedrockException>(() => Eventually.Within(next, "the overall timeout"));

        Assert.Equal(BedrockTimeoutKind.Overall, error.Timeout);
        Assert.False(error.IsRetryable);
        Assert.Equal("ab", error.PartialResult!.Text);
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
        var connects = new List<Task>();
        for (var i = 0; i < 8; i++)
        {
            var filler = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            fillers.Add(filler);
            connects.Add(filler.ConnectAsync(endpoint));
        }

        try
        {
            // A filler connected and nobody accepts: the backlog is full from here on.
            await await Eventually.Within(Task.WhenAny(connects), "a filler connection");
            var time = TestClock.Create();
            var options = Options();
            options.Endpoint = new Uri($"http://127.0.0.1:{endpoint.Port}/");
            options.Credentials = new Amazon.Runtime.BasicAWSCredentials("AKIDX", "secret");
            options.TimeProvider = time;
            // An hour of the fake clock: on the real clock the test would never end. The connect deadline is the only
            // timer that can fire while the clock is advanced.
            options.ConnectTimeout = TimeSpan.FromHours(1);
            options.FirstEventTimeout = Timeout.InfiniteTimeSpan;
            options.OverallTimeout = Timeout.InfiniteTimeSpan;
            options.MaxAttempts = 1;
            using var client = new BedrockClient(options);

            var call = client.ConverseStreamAsync(Request()).ToResultAsync();
            // Nothing tells when the connection attempt has started, so the clock moves an hour at a time until the call ends.
            await Eventually.UntilAsync(() =>
            {
                time.Advance(TimeSpan.FromHours(1));
                return call.IsCompleted;
            }, "the connect timeout");
            var error = await Assert.ThrowsAsync<BedrockException>(() => call);

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
        var time = TestClock.Create();
        await using var bedrock = await TestClock.StartBedrockAsync(time);
        bedrock.Enqueue(Script.Stream().Text("a", "b", "c", "d", "e", "f").DelayBetweenEvents(TimeSpan.FromSeconds(1)));
        using var client = FakeClockClient(bedrock, time);
        using var cts = new CancellationTokenSource();
        var seen = new List<StreamUpdate>();
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var pending = Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var update in client.ConverseStreamAsync(Request(), cts.Token))
            {
                seen.Add(update);
                started.TrySetResult();
                if (update is TextDelta)
                {
                    cts.Cancel();
                }
            }
        });
        await Eventually.Within(started.Task, "the stream's first update");
        time.Advance(TimeSpan.FromSeconds(1));

        // The clock stops here: the rest of the script never comes, so ending at all proves cancelling does not wait for it.
        await Eventually.Within(pending, "the cancelled stream to end");
        Assert.Single(seen.OfType<TextDelta>());
    }

    [Fact]
    public async Task SlowConsumerOfAFastStreamIsNotIdle()
    {
        var time = TestClock.Create();
        await using var bedrock = await TestClock.StartBedrockAsync(time);
        bedrock.Enqueue(Script.Stream().Text("a", "b", "c"));
        using var client = FakeClockClient(bedrock, time, o => o.IdleTimeout = TimeSpan.FromSeconds(1));
        var text = new System.Text.StringBuilder();

        await foreach (var update in client.ConverseStreamAsync(Request()))
        {
            if (update is TextDelta delta)
            {
                text.Append(delta.Text);
                // The consumer takes twice the idle timeout over each update: the client's clock moves, the server is not silent.
                time.Advance(TimeSpan.FromSeconds(2));
            }
        }

        Assert.Equal("abc", text.ToString());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task CancellationStopsAtOnceEvenWhenLaterEventsAreBuffered(bool viaWithCancellation)
    {
        var time = TestClock.Create();
        await using var bedrock = await TestClock.StartBedrockAsync(time);
        bedrock.Enqueue(Script.Stream().Text(Enumerable.Range(0, 50).Select(i => $"t{i} ").ToArray()));
        using var client = FakeClockClient(bedrock, time);
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
        var time = TestClock.Create();
        await using var bedrock = await TestClock.StartBedrockAsync(time);
        bedrock.Enqueue(Script.Stream().Text("first", " second", " third"));
        using var client = FakeClockClient(bedrock, time, o => o.OverallTimeout = TimeSpan.FromSeconds(1));
        var seen = new List<StreamUpdate>();

        var error = await Assert.ThrowsAsync<BedrockException>(async () =>
        {
            await foreach (var update in client.ConverseStreamAsync(Request()))
            {
                seen.Add(update);
                if (update is TextDelta)
                {
                    // The consumer holds the first delta past the overall timeout.
                    time.Advance(TimeSpan.FromSeconds(1.5));
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
        var time = TestClock.Create();
        await using var bedrock = await TestClock.StartBedrockAsync(time);
        bedrock.Enqueue(Script.Stream().Text("x").DelayFirstByte(TimeSpan.FromSeconds(10)));
        using var client = FakeClockClient(bedrock, time);
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(1), time);

        var call = client.ConverseAsync(Request(), cts.Token);
        await Eventually.UntilAsync(() => bedrock.Requests.Count == 1, "the request");
        time.Advance(TimeSpan.FromSeconds(1));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Eventually.Within(call, "the cancelled call"));
        Assert.Single(bedrock.Requests);
    }

    /// <summary>A client on <paramref name="time"/>, retrying at once: a backoff would wait on the fake clock.</summary>
    private static BedrockClient FakeClockClient(LocalBedrock bedrock, FakeTimeProvider time, Action<BedrockClientOptions>? configure = null)
        => Client(bedrock, o =>
        {
            o.TimeProvider = time;
            o.RetryBaseDelay = TimeSpan.Zero;
            o.RetryMaxDelay = TimeSpan.Zero;
            configure?.Invoke(o);
        });

    private static async Task<StreamUpdate> NextAsync(IAsyncEnumerator<StreamUpdate> updates)
    {
        Assert.True(await Eventually.Within(updates.MoveNextAsync().AsTask(), "the next update"));
        return updates.Current;
    }
}
