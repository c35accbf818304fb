using System.Text.Json.Nodes;
using Clawdbot.Sdk.Testing.Internal;

namespace Clawdbot.Sdk.Testing;

/// <summary>Ready-made <c>converse-stream</c> bodies (real framing and CRCs), e.g. for <see cref="Script.RawBody"/> or benchmarks.</summary>
public static class EventStreamRecordings
{
    /// <summary>
    /// A complete reply of <paramref name="deltaCount"/> text deltas in one block: messageStart, the deltas, contentBlockStop,
    /// messageStop and metadata, each event padded like the real service. Deterministic for a given seed.
    /// </summary>
    public static byte[] TextDeltas(int deltaCount, string deltaText = "token ", int seed = 1)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(deltaCount);
        var script = Script.Stream().Text(Enumerable.Repeat(deltaText, deltaCount).ToArray()).Usage(input: 10, output: deltaCount);
        var frames = StreamScriptRenderer.RenderFrames(script, new RequestText("", 0), new Random(seed));
        using var body = new MemoryStream(frames.Sum(frame => frame.Length));
        foreach (var frame in frames)
        {
            body.Write(frame);
        }

        return body.ToArray();
    }
}
