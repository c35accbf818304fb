using Clawdbot.Sdk;

namespace Clawdbot.Cli;

/// <summary>
/// Everything the CLI takes from its surroundings: the streams, the environment variables, the directories and
/// whether the output is a terminal. Tests run the CLI in-process with their own context, so they neither read nor
/// change the process environment.
/// </summary>
internal sealed class CliContext
{
    public required TextWriter Out { get; init; }

    public required TextWriter Error { get; init; }

    public required Func<string, string?> GetEnvironmentVariable { get; init; }

    public required string CurrentDirectory { get; init; }

    public required string HomeDirectory { get; init; }

    /// <summary>Whether stderr is an interactive terminal: progress indicators are drawn only then.</summary>
    public bool IsTerminal { get; init; }

    /// <summary>Discovery cache and timeout; the process-wide cache unless a test gives its own.</summary>
    public BedrockDiscoveryCache? DiscoveryCache { get; init; }

    public static CliContext ForProcess() => new()
    {
        Out = Console.Out,
        Error = Console.Error,
        GetEnvironmentVariable = Environment.GetEnvironmentVariable,
        CurrentDirectory = Environment.CurrentDirectory,
        HomeDirectory = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile),
        IsTerminal = !Console.IsErrorRedirected,
    };
}
