namespace Clawdbot.Sdk.Testing.Internal;

/// <summary>
/// The reply when no script is queued: "You said: ..." streamed a few words per delta. A request that turns reasoning
/// on (<see cref="RequestText.Reasoning"/>), or a model that always reasons (DeepSeek R1), first gets a reasoning block
/// naming the effort, signed only for Claude, as Bedrock sends it. A structured-output request gets, instead of the
/// words, a JSON value that satisfies its schema (<see cref="SchemaInstance"/>), streamed a few characters per delta.
/// </summary>
internal static class EchoReply
{
    private const int WordsPerDelta = 3;
    private const int CharactersPerDelta = 16;

    public static StreamScript Create(RequestText request, string? modelId = null)
    {
        var deltas = request.Output?.Schema is { } schema ? JsonDeltas(schema) : WordDeltas(request.LastUserText);
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

    private static string[] WordDeltas(string lastUserText)
        => ("You said: " + lastUserText).Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Chunk(WordsPerDelta)
            .Select((chunk, index) => (index == 0 ? "" : " ") + string.Join(' ', chunk))
            .ToArray();

    private static string[] JsonDeltas(System.Text.Json.JsonElement schema)
    {
        var json = SchemaInstance.Create(schema)?.ToJsonString() ?? "null";
        return json.Chunk(CharactersPerDelta).Select(static chunk => new string(chunk)).ToArray();
    }
}
