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

            var cutWave = await RunWaveAsync(bedrock, client, cutEvery: 5);
            var failed = cutWave.Where(o => o.Error is not null).ToList();
            Assert.Equal(Streams / 5, failed.Count);
            Assert.All(failed, outcome =>
            {
                Assert.True(outcome.Cut, $"stream {outcome.Index} failed without being cut: {outcome.Error}");
                Assert.Equal(BedrockErrorKind.StreamBroken, outcome.Error!.Kind);
                Assert.NotNull(outcome.Error.PartialResult);
                Assert.False(outcome.Error.PartialResult.IsComplete);
                Assert.Equal(outcome.Expected, outcome.Error.PartialResult.Text);
            });
            Assert.All(cutWave.Where(o => !o.Cut), outcome => Assert.Equal(outcome.Expected, outcome.Result?.Text));
        }
        finally
        {
            client.Dispose();
        }

        // Every stream, cut or not, gave its pooled buffer back, and disposing the client closes every socket it held.
        Assert.Equal(0, EventStreamReader.RentedBuffers);
        await Eventually.UntilAsync(() => bedrock.OpenConnectionCount == 0, "the client's connections to close");
    }

    [Fact]
    public async Task Streams_held_at_once_over_h2c_share_a_few_connections()
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
        }

        Assert.Equal(0, EventStreamReader.RentedBuffers);
        await Eventually.UntilAsync(() => bedrock.OpenConnectionCount == 0, "the client's connections to close");
    }

    /// <summary>
    /// Starts every stream at once, each on a model id of its own so its script (and so its text) is its own. The
    /// streams are paced until all of them have their first delta, so they are open together whatever the machine.
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
            var script = Script.Stream().Text(deltas).DelayBetweenEvents(TimeSpan.FromMilliseconds(5));
            if (cut)
            {
                script.DropConnectionAfter(1 + DeltasBeforeCut); // messageStart, then the deltas
            }

            bedrock.Enqueue(script, modelId);
            var expected = string.Concat(cut ? deltas.Take(DeltasBeforeCut) : deltas);
            try
            {
                var result = await HoldUntilAllOpen(client.ConverseStreamAsync(RuntimeTestSupport.Request(modelId, "stream " + index)))
                    .ToResultAsync();
                return new Outcome(index, cut, expected, result, null);
            }
            catch (BedrockException error)
            {
                return new Outcome(index, cut, expected, null, error);
            }
        }).ToArray();

        async IAsyncEnumerable<StreamUpdate> HoldUntilAllOpen(IAsyncEnumerable<StreamUpdate> updates)
        {
            var first = true;
            await foreach (var update in updates)
            {
                yield return update;
                if (first && update is TextDelta)
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

    private sealed record Outcome(int Index, bool Cut, string Expected, ConverseResult? Result, BedrockException? Error);
}

/// <summary>Tests that count what the whole process holds (pooled buffers) run alone.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ConcurrentStreams
{
    public const string Name = "Concurrent streams";
}
