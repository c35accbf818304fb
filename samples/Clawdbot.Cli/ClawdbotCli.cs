using System.CommandLine;
using Clawdbot.Sdk;

namespace Clawdbot.Cli;

/// <summary>The <c>clawdbot</c> command tree and its exit codes.</summary>
internal static class ClawdbotCli
{
    public static async Task<int> RunAsync(string[] args, CliContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            return await RunCommandAsync(args, context, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            // The process's stdout is buffered (CliContext.ForProcess): what a command wrote leaves before its exit code.
            await context.Out.FlushAsync(CancellationToken.None).ConfigureAwait(false);
            await context.Error.FlushAsync(CancellationToken.None).ConfigureAwait(false);
        }
    }

    private static async Task<int> RunCommandAsync(string[] args, CliContext context, CancellationToken cancellationToken)
    {
        var configOption = new Option<string?>("--config")
        {
            Description = "The config file (default: $CLAWDBOT_CONFIG_PATH, ./models.json5, ~/.clawdbot/clawdbot.json).",
            HelpName = "FILE",
            Recursive = true,
        };
        var root = new RootCommand("Clawdbot models on Amazon Bedrock: list models, edit the config, chat.");
        root.Options.Add(configOption);
        root.Subcommands.Add(ModelsCommands.Create(configOption, context));
        root.Subcommands.Add(ConfigCommands.Create(configOption, context));
        root.Subcommands.Add(ChatCommand.Create(configOption, context));
        root.Subcommands.Add(TokensCommand.Create(configOption, context));
        root.Subcommands.Add(EmbedCommand.Create(configOption, context));

        var parseResult = root.Parse(args);
        if (UnknownOptions.Find(parseResult) is { } unknown)
        {
            await context.Error.WriteLineAsync(unknown).ConfigureAwait(false);
            return ExitCodes.UsageError;
        }

        if (parseResult.Errors.Count > 0)
        {
            foreach (var error in parseResult.Errors)
            {
                await context.Error.WriteLineAsync(error.Message).ConfigureAwait(false);
            }

            return ExitCodes.UsageError;
        }

        var invocation = new InvocationConfiguration { Output = context.Out, Error = context.Error, EnableDefaultExceptionHandler = false };
        try
        {
            return await parseResult.InvokeAsync(invocation, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return ExitCodes.Cancelled;
        }
        catch (ClawdbotConfigException exception)
        {
            ConfigLoader.WriteProblems(exception, context);
            return ExitCodes.UsageError;
        }
        catch (ArgumentException exception)
        {
            // What the SDK refuses to build a client from: a malformed AWS_ENDPOINT_URL*, baseUrl or region.
            await context.Error.WriteLineAsync(OneLine(exception.Message)).ConfigureAwait(false);
            return ExitCodes.UsageError;
        }
        catch (Exception exception)
        {
            // The exit codes are a contract: nothing else escapes, and a stack trace is no message.
            await context.Error.WriteLineAsync("clawdbot: " + OneLine(exception.Message)).ConfigureAwait(false);
            return ExitCodes.ServiceError;
        }
    }

    private static string OneLine(string message) => string.Join(' ', message.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
}
