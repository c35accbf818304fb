using System.Text;
using Clawdbot.Sdk.EventStreams;
using Clawdbot.Sdk.Testing;

namespace Clawdbot.Sdk.Tests.Runtime;

/// <summary>
/// The short version of the soak (<c>benchmarks/Clawdbot.Sdk.Soak</c>): many streams held open at once from one client,
/// each answered with its own text, a share of them cut mid-way; nothing is left behind. The collection runs alone,
/// because the count of rented buffers is the process's.
/// </summary>
[Collection(ConcurrentStreams.Name)]
public sealed class ConcurrentStreamsTests
{
    private const int Streams = 100;
    private const int Deltas = 8;
    private const int DeltasBeforeCut = 3;

    [Fact]
    public async Task Streams_held_at_once_over_http11_each_get_their_text_and_a_cut_fifth_hands_back_its_partial()
    {
        await using var bedrock = await LocalBedrock.StartAsync();
        var client = RuntimeTestSupport.Client(bedrock);
        try
        {
            var whole = await RunWaveAsync(bedrock, client, cutEvery: 0);
            Assert.All(whole, outcome => Assert.Equal(outcome.Expected, outcome.Result?.Text));
            Assert.InRange(bedrock.OpenConnectionCount, 1, Streams); // pooled, one per stream at most

            AssertCutWave(await RunWaveAsync(bedrock, client, cutEvery: 5));
        }
        finally
        {
            client.Dispose();
        }

        // Every stream, cut or not, gave its pooled buffer back, and disposing the client closes every socket it held.
        Assert.Equal(0, EventStreamReader.RentedBuffers);
        Assert.Equal(0, PooledText.RentedBuffers);
        await Eventually.UntilAsync(() => bedrock.OpenConnectionCount == 0, "the client's connections to close");
    }

    [Fact]
    public async Task Streams_held_at_once_over_h2c_share_a_few_connections_and_a_cut_fifth_hands_back_its_partial()
    {
        await using var bedrock = await LocalBedrock.StartAsync();
        using (var client = RuntimeTestSupport.Client(bedrock, o => o.HttpVersionPolicy = HttpVersionPolicy.RequestVersionExact))
        {
            var peak = 0;
            var wave = await RunWaveAsync(bedrock, client, cutEvery: 0, onAllOpen: () => peak = bedrock.OpenConnectionCount);

            Assert.All(wave, outcome => Assert.Equal(outcome.Expected, outcome.Result?.Text));
            Assert.All(bedrock.Requests, r => Assert.Equal("HTTP/2", r.Protocol));
            // Kestrel allows 100 streams per connection: every stream was open at once over far fewer sockets.
            Assert.InRange(peak, 1, Streams / 10);
            AssertCutWave(await RunWaveAsync(bedrock, client, cutEvery: 5));
        }

        Assert.Equal(0, EventStreamReader.RentedBuffers);
        Assert.Equal(0, PooledText.RentedBuffers);
        await Eventually.UntilAsync(() => bedrock.OpenConnectionCount == 0, "the client's connections to close");
    }

    /// <summary>A fifth of the streams were cut: exactly those failed, each handing back what its caller was given.</summary>
    private static void AssertCutWave(Outcome[] cutWave)
    {
        var failed = cutWave.Where(o => o.Error is not null).ToList();
        Assert.Equal(Streams / 5, failed.Count);
        Assert.All(failed, outcome =>
        {
            Assert.True(outcome.Cut, $"stream {outcome.Index} failed without being cut: {outcome.Error}");
            Assert.Equal(BedrockErrorKind.StreamBroken, outcome.Error!.Kind);
            Assert.NotNull(outcome.Error.PartialResult);
            Assert.False(outcome.Error.PartialResult.IsComplete);
            // Exactly what the caller was handed. An abortive close drops what was sent but not read yet (these
            // streams are held unread until all are open), so that is a prefix of what was sent before the cut, and
            // may be all of it or nothing of it.
            Assert.Equal(outcome.Seen, outcome.Error.PartialResult.Text);
            Assert.StartsWith(outcome.Seen, outcome.Expected, StringComparison.Ordinal);
        });
        Assert.All(cutWave.Where(o => !o.Cut), outcome => Assert.Equal(outcome.Expected, outcome.Result?.Text));
    }

    /// <summary>
    /// Starts every stream at once, each on a model id of its own so its script (and so its text) is its own. Each stream
    /// is held after its messageStart until every stream has one, so they are open together whatever the machine, and
    /// none is cut before its reply began (a call cut before that would be retried, and answered by the echo).
    /// </summary>
    private static async Task<Outcome[]> RunWaveAsync(LocalBedrock bedrock, BedrockClient client, int cutEvery, Action? onAllOpen = null)
    {
        var wave = Guid.NewGuid().ToString("N")[..8];
        var allOpen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var open = 0;
        var outcomes = Enumerable.Range(0, Streams).Select(async index =>
        {
            var modelId = $"soak.{wave}-{index:D3}";
            var deltas = Enumerable.Range(0, Deltas).Select(k => $"[{wave}/{index}/{k}]").ToArray();
            var cut = cutEvery > 0 && index % cutEvery == 0;
            var script = Script.Stream().Text(deltas).DelayBetweenEvents(TimeSpan.FromMilliseconds(20));
            if (cut)
            {
                script.DropConnectionAfter(1 + DeltasBeforeCut); // messageStart, then the deltas
            }

            bedrock.Enqueue(script, modelId);
            var expected = string.Concat(cut ? deltas.Take(DeltasBeforeCut) : deltas);
            var seen = new StringBuilder();
            try
            {
                var result = await HoldUntilAllOpen(client.ConverseStreamAsync(RuntimeTestSupport.Request(modelId, "stream " + index)), seen)
                    .ToResultAsync();
                return new Outcome(index, cut, expected, seen.ToString(), result, null);
            }
            catch (BedrockException error)
            {
                return new Outcome(index, cut, expected, seen.ToString(), null, error);
            }
        }).ToArray();

        async IAsyncEnumerable<StreamUpdate> HoldUntilAllOpen(IAsyncEnumerable<StreamUpdate> updates, StringBuilder seen)
        {
            var first = true;
            await foreach (var update in updates)
            {
                seen.Append((update as TextDelta)?.Text);
                yield return update;
                if (first && update is MessageStart)
                {
                    first = false;
                    if (Interlocked.Increment(ref open) == Streams)
                    {
                        onAllOpen?.Invoke();
                        allOpen.SetResult();
                    }

                    await Eventually.Within(allOpen.Task, "every stream to be open");
                }
            }
        }

        return await Eventually.Within(Task.WhenAll(outcomes), "every stream to end");
    }

    private sealed record Outcome(int Index, bool Cut, string Expected, string Seen, ConverseResult? Result, BedrockException? Error);
}

/// <summary>Tests that count what the whole process holds (pooled buffers) run alone.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ConcurrentStreams
{
    public const string Name = "Concurrent streams";
}
