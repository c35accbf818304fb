namespace Clawdbot.Cli;

/// <summary>The process exit codes of <c>clawdbot</c>.</summary>
internal static class ExitCodes
{
    public const int Ok = 0;

    /// <summary>Bedrock answered with an error, or the stream broke.</summary>
    public const int ServiceError = 1;

    /// <summary>Bad arguments, or a config file with errors.</summary>
    public const int UsageError = 2;

    /// <summary>Cancelled (Ctrl+C), as shells report SIGINT.</summary>
    public const int Cancelled = 130;
}
