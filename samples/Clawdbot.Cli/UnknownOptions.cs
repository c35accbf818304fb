using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;

namespace Clawdbot.Cli;

/// <summary>
/// The one rule for options the CLI does not know, for every command: System.CommandLine hands such a token to a
/// command's argument (the chat prompt, a config key), so <c>chat --output-schem f.json hi</c> would send the option as
/// prompt text. A token that starts with '-' and was taken as an argument value is refused instead, unless it comes
/// after <c>--</c> (the way to pass a prompt that starts with '-') or is a number (<c>config set x -5</c>).
/// </summary>
internal static class UnknownOptions
{
    /// <summary>The usage message for the first unknown option, or null when there is none.</summary>
    public static string? Find(ParseResult parseResult)
    {
        var argumentValues = new HashSet<Token>(ReferenceEqualityComparer.Instance);
        for (SymbolResult? result = parseResult.CommandResult; result is not null; result = result.Parent)
        {
            if (result is CommandResult command)
            {
                foreach (var argument in command.Children.OfType<ArgumentResult>())
                {
                    argumentValues.UnionWith(argument.Tokens);
                }
            }
        }

        foreach (var token in parseResult.Tokens)
        {
            if (token.Type == TokenType.DoubleDash)
            {
                return null;
            }

            if (argumentValues.Contains(token) && LooksLikeOption(token.Value))
            {
                var command = CommandLine(parseResult.CommandResult);
                return $"Unknown option '{token.Value}' for '{command}' (see '{command} --help'). Put '--' before a prompt or value that starts with '-'.";
            }
        }

        return null;
    }

    /// <summary><c>clawdbot config get</c>: the root is named after the process, which is not always <c>clawdbot</c>.</summary>
    private static string CommandLine(CommandResult command)
    {
        var names = new Stack<string>();
        for (var current = command; current.Parent is CommandResult parent; current = parent)
        {
            names.Push(current.Command.Name);
        }

        return string.Join(' ', names.Prepend("clawdbot"));
    }

    private static bool LooksLikeOption(string value)
        => value.Length > 1 && value[0] == '-'
            && !double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out _);
}
