using Clawdbot.Samples;
using Clawdbot.Sdk;
using Clawdbot.Sdk.Testing;
using Microsoft.Extensions.AI;

namespace ReasoningChat;

/// <summary>
/// A multi-turn chat with a reasoning model. Each answer is streamed (reasoning first, then the reply) and the whole
/// assistant message, signed reasoning included, stays in the history: Bedrock checks the signatures on later turns.
/// </summary>
public static class ReasoningChatSample
{
    public static readonly string[] DefaultPrompts =
    [
        "A bat and a ball cost $1.10 in total. The bat costs $1.00 more than the ball. How much does the ball cost?",
        "And if the bat cost $2.00 more than the ball instead?",
    ];

    /// <summary>Runs the sample; <paramref name="onEmulator"/> sees the emulator when there is one (tests read its request log).</summary>
    public static async Task<int> RunAsync(string[] args, TextWriter output, Action<LocalBedrock>? onEmulator = null)
    {
        var model = Bedrock.Models.ClaudeSonnet45;
        await using var target = await SampleBedrock.ConnectAsync(model.Client, args, output, ScriptReplies);
        if (target.IsEmulated)
        {
            Bedrock.Clients.Use(target.EmulatorClient!);
            onEmulator?.Invoke(target.Emulator!);
        }

        var prompts = args.Where(a => !a.StartsWith("--", StringComparison.Ordinal)).ToArray();
        using var chat = model.AsIChatClient();
        var options = new ChatOptions { Reasoning = new ReasoningOptions { Effort = Microsoft.Extensions.AI.ReasoningEffort.Medium } };
        var history = new List<ChatMessage>();
        foreach (var prompt in prompts.Length > 0 ? prompts : DefaultPrompts)
        {
            output.WriteLine("> " + prompt);
            history.Add(new ChatMessage(ChatRole.User, prompt));
            var updates = new List<ChatResponseUpdate>();
            var section = "";
            await foreach (var update in chat.GetStreamingResponseAsync(history, options))
            {
                updates.Add(update);
                foreach (var content in update.Contents)
                {
                    var (name, text) = content switch
                    {
                        TextReasoningContent { Text.Length: > 0 } reasoning => ("[thinking] ", reasoning.Text),
                        TextContent { Text.Length: > 0 } answer => ("[answer] ", answer.Text),
                        _ => (section, ""),
                    };
                    if (name != section)
                    {
                        output.Write((section.Length > 0 ? Environment.NewLine : "") + name);
                        section = name;
                    }

                    output.Write(text);
                }
            }

            output.WriteLine();
            var response = updates.ToChatResponse();
            var signed = response.Messages.SelectMany(m => m.Contents).OfType<TextReasoningContent>().Count(r => r.ProtectedData is not null);
            output.WriteLine($"[kept] {signed} signed reasoning block(s) go back with the next turn");
            history.AddMessages(response);
        }

        return 0;
    }

    // What the emulator plays: one signed reasoning block and an answer per turn.
    private static void ScriptReplies(LocalBedrock emulator)
    {
        emulator.Enqueue(Script.Stream()
            .Reasoning("Let the ball cost x. Then the bat costs x + 1.00, so 2x + 1.00 = 1.10 and x = 0.05.", signature: "c2NyaXB0ZWQtc2lnbmF0dXJlLTE=", chunks: 4)
            .Text("(scripted) ", "The ball costs $0.05.")
            .Usage(input: 60, output: 90));
        emulator.Enqueue(Script.Stream()
            .Reasoning("Now 2x + 2.00 = 1.10, so x = -0.45: no price works.", signature: "c2NyaXB0ZWQtc2lnbmF0dXJlLTI=", chunks: 3)
            .Text("(scripted) ", "Then no positive price works: the ball would cost -$0.45.")
            .Usage(input: 210, output: 80));
    }
}
