namespace Clawdbot.Sdk.Testing.Internal;

/// <summary>
/// The reply when no script is queued: "You said: ..." streamed a few words per delta. A request that turns reasoning
/// on (<see cref="RequestText.Reasoning"/>), or a model that always reasons (DeepSeek R1), first gets a reasoning block
/// naming the effort, signed only for Claude, as Bedrock sends it.
/// </summary>
internal static class EchoReply
{
    private const int WordsPerDelta = 3;

    public static StreamScript Create(RequestText request, string? modelId = null)
    {
        var words = ("You said: " + request.LastUserText).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var deltas = words
            .Chunk(WordsPerDelta)
            .Select((chunk, index) => (index == 0 ? "" : " ") + string.Join(' ', chunk))
            .ToArray();
        var script = Script.Stream();
        var reasoning = request.Reasoning
            ?? (modelId?.Contains("deepseek.r1", StringComparison.Ordinal) == true ? new RequestedReasoning(null, Signed: false) : null);
        if (reasoning is not null)
        {
            var thought = "Thinking it over" + (reasoning.Effort is { } effort ? $" at {effort} effort." : ".");
            script = script.Reasoning(thought, reasoning.Signed ? "echo-signature" : null, chunks: 2);
        }

        return script.Text(deltas);
    }
}
