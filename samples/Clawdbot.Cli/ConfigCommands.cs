using System.CommandLine;
using Clawdbot.Sdk;

namespace Clawdbot.Cli;

/// <summary><c>clawdbot config get|set</c>: read or change one value of the config file, comments kept.</summary>
internal static class ConfigCommands
{
    public static Command Create(Option<string?> configOption, CliContext context)
    {
        var config = new Command("config", "Read or change values of the config file.");
        config.Subcommands.Add(CreateGet(configOption, context));
        config.Subcommands.Add(CreateSet(configOption, context));
        return config;
    }

    private static Command CreateGet(Option<string?> configOption, CliContext context)
    {
        var path = new Argument<string>("path") { Description = "Dot path: models.bedrockDiscovery.enabled, models.providers[amazon-bedrock].models[0].id, a\\.b." };
        var json = new Option<bool>("--json") { Description = "Print the value as JSON (strings quoted)." };
        var command = new Command("get", "Print the value at a config path.") { path, json };
        command.SetAction(parse => Get(ConfigFileLocator.Locate(parse.GetValue(configOption), context), parse.GetValue(path)!, parse.GetValue(json), context));
        return command;
    }

    private static Command CreateSet(Option<string?> configOption, CliContext context)
    {
        var path = new Argument<string>("path") { Description = "Dot path of the value to set; missing objects are created." };
        var value = new Argument<string>("value") { Description = "A JSON5 value (true, 42, \"text\", [1, 2], { a: 1 }); anything else is a string." };
        var json = new Option<bool>("--json") { Description = "The value must parse as JSON5 (no plain-string fallback)." };
        var command = new Command("set", "Set the value at a config path, keeping the file's comments and layout.") { path, value, json };
        command.SetAction(parse => Set(ConfigFileLocator.Locate(parse.GetValue(configOption), context), parse.GetValue(path)!, parse.GetValue(value)!, parse.GetValue(json), context));
        return command;
    }

    private static int Get(string file, string rawPath, bool json, CliContext context)
    {
        if (!TryRead(file, context, out var text, out var root) || !TryParsePath(rawPath, context, out var path))
        {
            return ExitCodes.UsageError;
        }

        var value = Json5Editor.Find(root!, path);
        if (value is null)
        {
            context.Error.WriteLine($"Config path not found: {rawPath}");
            return ExitCodes.UsageError;
        }

        context.Out.WriteLine(!json && value is Json5String s ? s.Value : ConfigValueText.Pretty(value));
        return ExitCodes.Ok;
    }

    private static int Set(string file, string rawPath, string rawValue, bool json, CliContext context)
    {
        string text;
        if (File.Exists(file))
        {
            if (!TryRead(file, context, out text, out _))
            {
                return ExitCodes.UsageError;
            }
        }
        else
        {
            text = "{\n}\n";
        }

        if (!TryParsePath(rawPath, context, out var path))
        {
            return ExitCodes.UsageError;
        }

        string updated;
        try
        {
            updated = Json5Editor.Set(text, path, ConfigValueText.FromArgument(rawValue, json));
        }
        catch (Exception exception) when (exception is FormatException or InvalidOperationException)
        {
            context.Error.WriteLine(exception.Message);
            return ExitCodes.UsageError;
        }

        try
        {
            ClawdbotConfig.Parse(updated, file);
        }
        catch (ClawdbotConfigException exception)
        {
            context.Error.WriteLine($"Not written: the change would leave {file} invalid.");
            ConfigLoader.WriteProblems(exception, context);
            return ExitCodes.UsageError;
        }

        AtomicFile.WriteAllText(file, updated);
        context.Out.WriteLine($"Updated {rawPath}. Restart running clients to apply it.");
        return ExitCodes.Ok;
    }

    private static bool TryRead(string file, CliContext context, out string text, out Json5Value? root)
    {
        root = null;
        text = "";
        if (!File.Exists(file))
        {
            context.Error.WriteLine($"Config file not found: {file}");
            return false;
        }

        text = File.ReadAllText(file);
        try
        {
            root = Json5.Parse(text);
            return true;
        }
        catch (Json5Exception exception)
        {
            context.Error.WriteLine($"{file}({exception.Line},{exception.Column}): {ConfigRules.SyntaxErrorId}: {exception.Message}");
            return false;
        }
    }

    private static bool TryParsePath(string raw, CliContext context, out IReadOnlyList<string> path)
    {
        try
        {
            path = ConfigPath.Parse(raw);
            return true;
        }
        catch (FormatException exception)
        {
            context.Error.WriteLine(exception.Message);
            path = [];
            return false;
        }
    }
}
