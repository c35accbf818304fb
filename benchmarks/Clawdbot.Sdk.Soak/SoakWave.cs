using System.Diagnostics;
using System.Text;
using Clawdbot.Sdk.Testing;

namespace Clawdbot.Sdk.Soak;

/// <summary>What one wave of streams did, and what the process held while every stream was open.</summary>
internal sealed record WaveResult(
    int Streams,
    int Cut,
    TimeSpan Wall,
    int CompleteExact,
    int FailedWithPartial,
    int PartialsWhole,
    IReadOnlyList<string> Wrong,
    int ConnectionsAllOpen,
    long LiveBytesAllOpen,
    long WorkingSetAllOpen);

/// <summary>
/// One wave: every stream started at once from one client, each on a model id of its own so that its script, and so
/// its text, is its own; the chosen ones are cut by the emulator half-way. A stream that has its first delta waits
/// until every stream has one, so all of them are open together whatever the machine; the last to open takes the
/// figures.
/// </summary>
internal static class SoakWave
{
    /// <remarks>
    /// A cut stream must throw <see cref="BedrockException"/> whose partial text is exactly the text its caller was
    /// handed: a non-empty prefix of what the emulator sent before the cut. It need not be all of that: an abortive
    /// close (a TCP reset over HTTP/1.1, a stream reset over HTTP/2) drops what was sent but not yet read, as it does
    /// between any client and Bedrock, and these streams are held, unread, until all are open.
    /// </remarks>
    public static async Task<WaveResult> RunAsync(LocalBedrock bedrock, BedrockClient client, SoakSettings settings, string wave, bool cutSome)
    {
        var allOpen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var open = 0;
        long liveBytes = 0, workingSet = 0;
        var connections = 0;
        var deltasBeforeCut = settings.Events / 2;

        var started = Stopwatch.GetTimestamp();
        var streams = Enumerable.Range(0, settings.Streams).Select(async index =>
        {
            var modelId = $"soak.{wave}-{index:D4}";
            var deltas = Enumerable.Range(0, settings.Events).Select(k => $"[{wave}:{index}:{k}]").ToArray();
            var cut = cutSome && index % 100 < settings.CutPercent;
            var script = Script.Stream().Text(deltas).DelayBetweenEvents(settings.EventDelay);
            if (cut)
            {
                script.DropConnectionAfter(1 + deltasBeforeCut); // messageStart, then the deltas
            }

            bedrock.Enqueue(script, modelId);
            var expected = string.Concat(cut ? deltas.Take(deltasBeforeCut) : deltas);
            var seen = new StringBuilder();
            try
            {
                var result = await HoldUntilAllOpen(client.ConverseStreamAsync(new ConverseRequest(modelId).AddUser("stream " + index)), seen).ToResultAsync();
                return (Cut: cut, Ok: !cut && result.IsComplete && result.Text == expected, Whole: false, Problem: $"stream {index}: '{result.Text}'");
            }
            catch (BedrockException error)
            {
                var partial = error.PartialResult is { IsComplete: false } p ? p.Text : null;
                var whole = partial == expected;
                var ok = cut && partial is { Length: > 0 } && partial == seen.ToString() && expected.StartsWith(partial, StringComparison.Ordinal);
                return (Cut: cut, Ok: ok, Whole: whole, Problem: $"stream {index}: {error.Kind} with partial '{error.PartialResult?.Text}'");
            }
        }).ToArray();

        void Arrive()
        {
            if (Interlocked.Increment(ref open) == settings.Streams)
            {
                connections = bedrock.OpenConnectionCount;
                liveBytes = GC.GetTotalMemory(forceFullCollection: true);
                workingSet = Environment.WorkingSet;
                allOpen.SetResult();
            }
        }

        async IAsyncEnumerable<StreamUpdate> HoldUntilAllOpen(IAsyncEnumerable<StreamUpdate> updates, StringBuilder seen)
        {
            var arrived = false;
            try
            {
                await foreach (var update in updates)
                {
                    seen.Append((update as TextDelta)?.Text);
                    yield return update;
                    if (!arrived && update is TextDelta)
                    {
                        arrived = true;
                        Arrive();
                        await allOpen.Task.ConfigureAwait(false);
                    }
                }
            }
            finally
            {
                // A stream that ends before its first delta (it should not) must not keep the others waiting.
                if (!arrived)
                {
                    Arrive();
                }
            }
        }

        var outcomes = await Task.WhenAll(streams).ConfigureAwait(false);
        var wall = Stopwatch.GetElapsedTime(started);
        return new WaveResult(
            settings.Streams,
            outcomes.Count(o => o.Cut),
            wall,
            outcomes.Count(o => o.Ok && !o.Cut),
            outcomes.Count(o => o.Ok && o.Cut),
            outcomes.Count(o => o.Ok && o.Cut && o.Whole),
            outcomes.Where(o => !o.Ok).Select(o => o.Problem).ToList(),
            connections,
            liveBytes,
            workingSet);
    }
}
