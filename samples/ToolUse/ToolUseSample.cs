using System.ComponentModel;
using Clawdbot.Samples;
using Clawdbot.Sdk;
using Clawdbot.Sdk.Testing;
using Microsoft.Extensions.AI;

namespace ToolUse;

/// <summary>
/// A weather question answered with a function the model calls: Microsoft.Extensions.AI's function invocation runs
/// <c>get_weather</c> and sends its result back until the model answers.
/// </summary>
public static class ToolUseSample
{
    public const string DefaultQuestion = "What's the weather like in Paris right now?";

    /// <summary>Runs the sample; <paramref name="onEmulator"/> sees the emulator when there is one (tests read its request log).</summary>
    public static async Task<int> RunAsync(string[] args, TextWriter output, Action<LocalBedrock>? onEmulator = null)
    {
        var model = Bedrock.Models.ClaudeHaiku45;
        await using var target = await SampleBedrock.ConnectAsync(model.Client, args, output, ScriptReplies);
        if (target.IsEmulated)
        {
            Bedrock.Clients.Use(target.EmulatorClient!);
            onEmulator?.Invoke(target.Emulator!);
        }

        var question = args.FirstOrDefault(a => !a.StartsWith("--", StringComparison.Ordinal)) ?? DefaultQuestion;
        var getWeather = AIFunctionFactory.Create(
            ([Description("The city, e.g. Paris")] string city) =>
            {
                output.WriteLine($"[tool] get_weather(city: {city})");
                return WeatherStation.Current(city);
            },
            "get_weather",
            "Gets the current weather of a city.");

        using var chat = new ChatClientBuilder(model.AsIChatClient()).UseFunctionInvocation().Build();
        output.WriteLine("> " + question);
        var response = await chat.GetResponseAsync(question, new ChatOptions { Tools = [getWeather] });
        output.WriteLine(response.Text);
        if (response.Usage is { } usage)
        {
            output.WriteLine($"[usage] {usage.InputTokenCount} input / {usage.OutputTokenCount} output tokens over {response.Messages.Count} messages");
        }

        return 0;
    }

    // What the emulator plays: first a call of get_weather, then an answer built on its result.
    private static void ScriptReplies(LocalBedrock emulator)
    {
        emulator.Enqueue(Script.Stream()
            .Text("Let me look that up.")
            .ToolUse("tooluse-weather-1", "get_weather", "{\"city\":\"Paris\"}", chunks: 3)
            .Usage(input: 380, output: 54));
        emulator.Enqueue(Script.Stream()
            .Text("(scripted) It is ", "18 °C and partly cloudy in Paris.")
            .Usage(input: 470, output: 21));
    }
}
