using System.Globalization;

namespace Clawdbot.Sdk.Soak;

/// <summary>What one soak run does; every value has a default and a command-line flag.</summary>
internal sealed record SoakSettings
{
    public int Streams { get; init; } = 1000;

    public int Events { get; init; } = 10;

    public TimeSpan EventDelay { get; init; } = TimeSpan.FromMilliseconds(20);

    public int CutPercent { get; init; } = 20;

    /// <summary>"1.1", "2" (h2c with prior knowledge) or "both".</summary>
    public string Http { get; init; } = "both";

    public static SoakSettings Parse(string[] args)
    {
        var settings = new SoakSettings();
        for (var i = 0; i < args.Length; i++)
        {
            var value = i + 1 < args.Length ? args[i + 1] : throw new ArgumentException($"'{args[i]}' needs a value.");
            settings = args[i] switch
            {
                "--streams" => settings with { Streams = Positive(args[i], value) },
                "--events" => settings with { Events = Positive(args[i], value) },
                "--delay-ms" => settings with { EventDelay = TimeSpan.FromMilliseconds(Positive(args[i], value)) },
                "--cut-percent" => settings with { CutPercent = Percent(args[i], value) },
                "--http" => settings with { Http = value is "1.1" or "2" or "both" ? value : throw new ArgumentException($"--http takes 1.1, 2 or both, not '{value}'.") },
                _ => throw new ArgumentException($"Unknown option '{args[i]}'. Options: --streams N, --events N, --delay-ms N, --cut-percent N, --http 1.1|2|both."),
            };
            i++;
        }

        return settings;
    }

    private static int Positive(string name, string value)
        => int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : throw new ArgumentException($"{name} takes a positive whole number, not '{value}'.");

    private static int Percent(string name, string value)
        => int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n <= 100 ? n : throw new ArgumentException($"{name} takes 0 to 100, not '{value}'.");
}
