using Clawdbot.Sdk;

namespace Clawdbot.Cli;

/// <summary>Loads the config for a command, printing problems as <c>file(line,col): CLAWnnnn: message</c>.</summary>
internal static class ConfigLoader
{
    public static ClawdbotConfig? TryLoad(string path, CliContext context)
    {
        if (!File.Exists(path))
        {
            context.Error.WriteLine($"Config file not found: {path} (use --config, {ConfigFileLocator.EnvironmentVariable}, or ./models.json5).");
            return null;
        }

        try
        {
            return ClawdbotConfig.Load(path);
        }
        catch (ClawdbotConfigException exception)
        {
            WriteProblems(exception, context);
            return null;
        }
    }

    public static void WriteProblems(ClawdbotConfigException exception, CliContext context)
    {
        foreach (var diagnostic in exception.Diagnostics.OrderBy(static d => d.Span.Start))
        {
            context.Error.WriteLine(diagnostic.Format(exception.Path));
        }
    }
}
