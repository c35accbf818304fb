using System.Text;
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

    /// <summary>
    /// The process's context. Its stdout is buffered (64 KiB, never flushed per write): a streamed answer is flushed
    /// in batches (<see cref="ChatOutput"/>) and everything else when the command ends (<see cref="ClawdbotCli.RunAsync"/>).
    /// stderr stays Console.Error, which flushes every write, for the progress indicator.
    /// </summary>
    public static CliContext ForProcess() => new()
    {
        Out = new StreamWriter(Console.OpenStandardOutput(), StdoutEncoding(), 1 << 16) { AutoFlush = false },
        Error = Console.Error,
        GetEnvironmentVariable = Environment.GetEnvironmentVariable,
        CurrentDirectory = Environment.CurrentDirectory,
        HomeDirectory = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile),
        IsTerminal = !Console.IsErrorRedirected,
    };

    // Console.Out's own encoding, less a byte-order mark: a StreamWriter would write one to a pipe.
    private static Encoding StdoutEncoding() => Console.OutputEncoding is UTF8Encoding ? new UTF8Encoding(encoderShouldEmitUTF8Identifier: false) : Console.OutputEncoding;
}
