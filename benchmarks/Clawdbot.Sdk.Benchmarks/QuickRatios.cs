using System.Diagnostics;

namespace Clawdbot.Sdk.Benchmarks;

/// <summary>
/// Runs the typed-stream benchmarks side by side in one process, many times each in turn, and prints the fastest and
/// the median run of each with its ratio to the raw read: on a machine shared with other work the fastest run is the
/// one least disturbed. Figures for the README come from BenchmarkDotNet; this is for finding where time goes.
/// </summary>
internal static class QuickRatios
{
    public static async Task RunAsync(int rounds)
    {
        var stream = new ConverseStreamBenchmarks();
        var layers = new StreamLayerBenchmarks();
        await stream.SetupAsync();
        layers.Setup();
        (string Name, Func<Task> Run)[] cases =
        [
            ("Raw HttpClient read (loopback)", () => { stream.Enqueue(); return stream.RawHttpClientRead(); }),
            ("Typed stream (loopback)", () => { stream.Enqueue(); return stream.TypedUpdatesViaBedrockClient(); }),
            ("Frames (memory)", layers.Frames),
            ("Frames + decode (memory)", layers.FramesDecoded),
            ("Frames + decode + builder (memory)", layers.FramesDecodedBuilt),
            ("Typed stream (memory handler)", layers.TypedStreamFromMemory),
        ];
        var times = cases.Select(_ => new List<double>()).ToArray();
        // Processor time over wall time: how many cores the case kept busy on average (the emulator runs in this
        // process, so the loopback cases count the server's side too).
        var cpu = new double[cases.Length];
        for (var round = 0; round < rounds; round++)
        {
            for (var i = 0; i < cases.Length; i++)
            {
                var cpuStart = Process.GetCurrentProcess().TotalProcessorTime;
                var start = Stopwatch.GetTimestamp();
                await cases[i].Run();
                times[i].Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
                cpu[i] += (Process.GetCurrentProcess().TotalProcessorTime - cpuStart).TotalMilliseconds;
            }
        }

        // The first third is warm-up (tiered JIT).
        var kept = times.Select(t => t.Skip(rounds / 3).Order().ToArray()).ToArray();
        var rawMin = kept[0][0];
        var rawMedian = kept[0][kept[0].Length / 2];
        foreach (var (name, i) in cases.Select((c, i) => (c.Name, i)))
        {
            var min = kept[i][0];
            var median = kept[i][kept[i].Length / 2];
            Console.WriteLine($"{name,-38} min {min,7:F2} ms ({rawMin / min:F2}x raw)   median {median,7:F2} ms ({rawMedian / median:F2}x raw)   {min * 1e6 / ConverseStreamBenchmarks.DeltaCount,5:F0} ns/delta   {cpu[i] / times[i].Sum():F2} cores busy");
        }

        await stream.CleanupAsync();
        layers.Cleanup();
    }
}
