namespace Clawdbot.Sdk.Testing.Internal;

/// <summary>The reply when no script is queued: "You said: ..." streamed a few words per delta.</summary>
internal static class EchoReply
{
    private const int WordsPerDelta = 3;

    public static StreamScript Create(RequestText request)
    {
        var words = ("You said: " + request.LastUserText).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var deltas = words
            .Chunk(WordsPerDelta)
            .Select((chunk, index) => (index == 0 ? "" : " ") + string.Join(' ', chunk))
            .ToArray();
        return Script.Stream().Text(deltas);
    }
}
