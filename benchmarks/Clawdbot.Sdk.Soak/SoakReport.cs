namespace Clawdbot.Sdk.Soak;

/// <summary>The soak's figures, printed for a reader and as README table rows; and what counts as a pass.</summary>
internal static class SoakReport
{
    public static bool Print(
        string http,
        SoakSettings settings,
        WaveResult whole,
        WaveResult cut,
        int idleAfterWhole,
        int idleAfterCut,
        int afterDispose,
        int rentedBuffers,
        long baselineLive,
        long baselineWorkingSet,
        long afterLive)
    {
        var ok = whole.Wrong.Count == 0 && cut.Wrong.Count == 0 && rentedBuffers == 0 && afterDispose == 0
            && whole.CompleteExact == whole.Streams && cut.FailedWithPartial == cut.Cut && cut.CompleteExact == cut.Streams - cut.Cut;
        Console.WriteLine($"HTTP/{http}");
        Wave("wave 1 (whole)", whole);
        Wave($"wave 2 (cut {settings.CutPercent}%)", cut);
        Console.WriteLine($"  sockets open to the emulator: idle after wave 1 {idleAfterWhole}, after wave 2 {idleAfterCut}, after disposing the client {afterDispose}");
        Console.WriteLine($"  pooled frame and answer-text buffers not returned: {rentedBuffers}; live heap after, less before: {Kb(afterLive - baselineLive)}");
        foreach (var problem in whole.Wrong.Concat(cut.Wrong).Take(10))
        {
            Console.WriteLine("  WRONG " + problem);
        }

        Console.WriteLine("  | HTTP | wave | streams | wall | live heap / open stream | working set / open stream | sockets all open → idle → disposed | complete | cut: partial handed back (all sent before the cut) | wrong |");
        Console.WriteLine(Row(http, "whole", whole, baselineLive, baselineWorkingSet, idleAfterWhole, afterDispose));
        Console.WriteLine(Row(http, $"{settings.CutPercent}% cut", cut, baselineLive, baselineWorkingSet, idleAfterCut, afterDispose));
        Console.WriteLine();
        return ok;

        void Wave(string name, WaveResult w) => Console.WriteLine(
            $"  {name}: {w.Streams} streams in {w.Wall.TotalSeconds:0.00} s; all open at once: {w.ConnectionsAllOpen} sockets, "
            + $"live heap {Kb((w.LiveBytesAllOpen - baselineLive) / w.Streams)} and working set {Kb((w.WorkingSetAllOpen - baselineWorkingSet) / w.Streams)} per open stream; "
            + $"{w.CompleteExact} complete with exactly their text, {w.FailedWithPartial} of {w.Cut} cut threw BedrockException with exactly the text they had handed out ({w.PartialsWhole} of them all that was sent before the cut), {w.Wrong.Count} wrong");
    }

    private static string Row(string http, string wave, WaveResult w, long baselineLive, long baselineWorkingSet, int idle, int disposed)
        => $"  | {http} | {wave} | {w.Streams} | {w.Wall.TotalSeconds:0.00} s | {Kb((w.LiveBytesAllOpen - baselineLive) / w.Streams)} | {Kb((w.WorkingSetAllOpen - baselineWorkingSet) / w.Streams)} | {w.ConnectionsAllOpen} → {idle} → {disposed} | {w.CompleteExact} | {w.FailedWithPartial} of {w.Cut} ({w.PartialsWhole}) | {w.Wrong.Count} |";

    private static string Kb(long bytes) => $"{bytes / 1024.0:0.0} KB";

    /// <summary>Polls until <paramref name="condition"/> holds or <paramref name="bound"/> has passed; true when it held.</summary>
    public static async Task<bool> WaitForAsync(Func<bool> condition, TimeSpan bound)
    {
        var started = TimeProvider.System.GetTimestamp();
        while (!condition())
        {
            if (TimeProvider.System.GetElapsedTime(started) > bound)
            {
                return false;
            }

            await Task.Delay(10);
        }

        return true;
    }
}
