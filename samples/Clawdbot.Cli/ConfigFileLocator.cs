namespace Clawdbot.Cli;

/// <summary>
/// Which config file a command reads: <c>--config FILE</c>, else <c>CLAWDBOT_CONFIG_PATH</c>, else <c>models.json5</c> in
/// the current directory, else <c>~/.clawdbot/clawdbot.json</c>.
/// </summary>
internal static class ConfigFileLocator
{
    public const string EnvironmentVariable = "CLAWDBOT_CONFIG_PATH";

    public static string Locate(string? option, CliContext context)
    {
        if (!string.IsNullOrWhiteSpace(option))
        {
            return Path.GetFullPath(option, context.CurrentDirectory);
        }

        var fromEnvironment = context.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(fromEnvironment))
        {
            return Path.GetFullPath(ExpandHome(fromEnvironment, context), context.CurrentDirectory);
        }

        var local = Path.Combine(context.CurrentDirectory, "models.json5");
        return File.Exists(local) ? local : Path.Combine(context.HomeDirectory, ".clawdbot", "clawdbot.json");
    }

    private static string ExpandHome(string path, CliContext context)
        => path == "~" || path.StartsWith("~/", StringComparison.Ordinal) ? context.HomeDirectory + path[1..] : path;
}
