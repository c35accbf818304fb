using System.CommandLine;
using System.Text.Json;
using Clawdbot.Sdk;

namespace Clawdbot.Cli;

/// <summary><c>clawdbot tokens</c>: prints how many input tokens a prompt is, as Bedrock's CountTokens counts them.</summary>
internal static class TokensCommand
{
    public static Command Create(Option<string?> configOption, CliContext context)
    {
        var model = new Option<string?>("--model") { Description = "provider/id, a bare id or an alias (default: agents.defaults.model.primary). CountTokens serves some Claude models only.", HelpName = "REF" };
        var system = new Option<string?>("--system") { Description = "A system prompt to count with the prompt.", HelpName = "TEXT" };
        var json = new Option<bool>("--json") { Description = "Write the count as one JSON object." };
        var prompt = new Argument<string[]>("prompt") { Description = "The prompt (the words are joined by spaces).", Arity = ArgumentArity.OneOrMore };
        var command = new Command("tokens", "Count the input tokens of a prompt (Bedrock CountTokens; nothing is generated).") { model, system, json, prompt };
        command.SetAction((parse, token) => RunAsync(
            ConfigFileLocator.Locate(parse.GetValue(configOption), context),
            parse.GetValue(model),
            parse.GetValue(system),
            parse.GetValue(json),
            string.Join(' ', parse.GetValue(prompt) ?? []),
            context,
            token));
        return command;
    }

    private static async Task<int> RunAsync(string file, string? modelOption, string? system, bool json, string prompt, CliContext context, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(prompt))
        {
            await context.Error.WriteLineAsync("The prompt is empty.").ConfigureAwait(false);
            return ExitCodes.UsageError;
        }

        var config = ConfigLoader.TryLoad(file, context);
        if (config is null)
        {
            return ExitCodes.UsageError;
        }

        var reference = modelOption ?? config.AgentDefaults.PrimaryModel;
        if (string.IsNullOrWhiteSpace(reference))
        {
            await context.Error.WriteLineAsync("No model: pass --model or set agents.defaults.model.primary.").ConfigureAwait(false);
            return ExitCodes.UsageError;
        }

        if (await ModelTargets.ResolveAsync(config, reference, context, "tokens are counted only on Bedrock.", explainBareId: false, cancellationToken).ConfigureAwait(false) is not { } target)
        {
            return ExitCodes.UsageError;
        }

        var request = new ConverseRequest(target.ModelId) { Model = target.Entry?.Definition };
        if (system is { Length: > 0 })
        {
            request.System.Add(SystemBlock.FromText(system));
        }

        request.AddUser(prompt);
        using var client = BedrockClients.Create(config, target.ProviderId, context);
        try
        {
            var count = await client.CountTokensAsync(request, cancellationToken).ConfigureAwait(false);
            if (json)
            {
                var line = new TokensJson(count.InputTokens, count.ModelId, count.RequestId);
                await context.Out.WriteLineAsync(JsonSerializer.Serialize(line, CliJsonContext.Default.TokensJson)).ConfigureAwait(false);
            }
            else
            {
                await context.Out.WriteLineAsync(count.InputTokens.ToString(System.Globalization.CultureInfo.InvariantCulture)).ConfigureAwait(false);
            }

            return ExitCodes.Ok;
        }
        catch (BedrockException exception)
        {
            await context.Error.WriteLineAsync($"error ({exception.Kind}): {exception.Message}").ConfigureAwait(false);
            return ExitCodes.ServiceError;
        }
    }
}
