using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Clawdbot.Sdk;

namespace Clawdbot.Cli;

/// <summary>
/// <c>clawdbot embed</c>: one JSON line per text on stdout, <c>{"text":…,"embedding":[…]}</c>, as the service returned
/// it; the usage goes to stderr, or with --json to a last <c>{"usage":…}</c> line on stdout.
/// </summary>
internal static class EmbedCommand
{
    private static readonly string[] InputTypes = ["search_document", "search_query", "classification", "clustering"];

    public static Command Create(Option<string?> configOption, CliContext context)
    {
        var model = new Option<string>("--model") { Description = "The embedding model: provider/id, a bare id or an alias (Titan Text Embeddings V2, Cohere Embed v3 or v4).", HelpName = "REF", Required = true };
        var dimensions = new Option<int?>("--dimensions") { Description = "The vector length (Titan V2: 256, 512, 1024; Cohere v4: 256, 512, 1024, 1536).", HelpName = "N" };
        var inputType = new Option<string?>("--input-type") { Description = "For Cohere: search_document (default), search_query, classification or clustering.", HelpName = "TYPE" };
        var json = new Option<bool>("--json") { Description = "Also write the usage (model, input tokens, dimensions, request ids), or the error, as a last JSON line on stdout." };
        var texts = new Argument<string[]>("text") { Description = "The texts to embed, one vector each.", Arity = ArgumentArity.OneOrMore };
        var command = new Command("embed", "Embed texts with an embedding model.") { model, dimensions, inputType, json, texts };
        command.SetAction((parse, token) => RunAsync(
            ConfigFileLocator.Locate(parse.GetValue(configOption), context),
            new EmbedRequest(parse.GetValue(model)!, parse.GetValue(dimensions), parse.GetValue(inputType), parse.GetValue(json), parse.GetValue(texts) ?? []),
            context,
            token));
        return command;
    }

    private sealed record EmbedRequest(string Model, int? Dimensions, string? InputType, bool Json, string[] Texts);

    private static async Task<int> RunAsync(string file, EmbedRequest embed, CliContext context, CancellationToken cancellationToken)
    {
        EmbeddingInputType? inputType = null;
        if (embed.InputType is { } type)
        {
            var index = Array.IndexOf(InputTypes, type.ToLowerInvariant());
            if (index < 0)
            {
                await context.Error.WriteLineAsync($"Unknown input type '{type}': use {string.Join(", ", InputTypes)}.").ConfigureAwait(false);
                return ExitCodes.UsageError;
            }

            inputType = (EmbeddingInputType)index;
        }

        var config = ConfigLoader.TryLoad(file, context);
        if (config is null)
        {
            return ExitCodes.UsageError;
        }

        // The one reference rule (ModelReference): an alias, provider/id, else anthropic/<id>.
        if (!ModelReference.TryResolve(config, embed.Model, out var reference))
        {
            await context.Error.WriteLineAsync($"'{embed.Model}' is not a model reference: write provider/id or an alias.").ConfigureAwait(false);
            return ExitCodes.UsageError;
        }

        var discoveryProvider = BedrockModels.DiscoveryProviderId(config);
        var provider = config.Models.Providers.FirstOrDefault(p => p.Id == reference.Provider);
        if (provider is null ? reference.Provider != discoveryProvider : !ClawdbotConfigReader.IsBedrock(provider))
        {
            var bare = embed.Model.IndexOf('/') < 0 ? $" '{embed.Model}' is no alias, so it means '{reference}'; write '{discoveryProvider}/{embed.Model}' for a Bedrock model." : string.Empty;
            await context.Error.WriteLineAsync($"Unknown model '{embed.Model}': provider '{reference.Provider}' is not an Amazon Bedrock provider of the config.{bare}").ConfigureAwait(false);
            return ExitCodes.UsageError;
        }

        var options = new EmbeddingOptions { Dimensions = embed.Dimensions, InputType = inputType };
        EmbeddingResult result;
        try
        {
            using var client = BedrockClients.Create(config, reference.Provider, context);
            result = await client.EmbedAsync(reference.ModelId, embed.Texts, options, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is NotSupportedException or ArgumentException)
        {
            // The SDK's sentence, without the parameter name .NET appends to it.
            var message = exception is ArgumentException { ParamName: { } name } ? exception.Message.Replace($" (Parameter '{name}')", "", StringComparison.Ordinal) : exception.Message;
            await context.Error.WriteLineAsync(message).ConfigureAwait(false);
            return ExitCodes.UsageError;
        }
        catch (BedrockException exception)
        {
            if (embed.Json)
            {
                await context.Out.WriteLineAsync(JsonSerializer.Serialize(new EmbedErrorLineJson(new EmbedErrorJson(exception.Kind.ToString(), exception.Message)), EmbedJsonContext.Default.EmbedErrorLineJson)).ConfigureAwait(false);
            }

            await context.Error.WriteLineAsync($"error ({exception.Kind}): {exception.Message}").ConfigureAwait(false);
            return ExitCodes.ServiceError;
        }

        for (var i = 0; i < embed.Texts.Length; i++)
        {
            var line = new EmbedLineJson(embed.Texts[i], result.Embeddings[i].ToArray());
            await context.Out.WriteLineAsync(JsonSerializer.Serialize(line, EmbedJsonContext.Default.EmbedLineJson)).ConfigureAwait(false);
        }

        var dimensions = result.Embeddings.Count > 0 ? result.Embeddings[0].Length : 0;
        if (embed.Json)
        {
            var usage = new EmbedUsageLineJson(new EmbedUsageJson(result.ModelId, result.InputTokens, dimensions, result.RequestIds));
            await context.Out.WriteLineAsync(JsonSerializer.Serialize(usage, EmbedJsonContext.Default.EmbedUsageLineJson)).ConfigureAwait(false);
        }
        else
        {
            await context.Error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"{result.ModelId}: {embed.Texts.Length} texts, {dimensions} dimensions, {result.InputTokens} input tokens")).ConfigureAwait(false);
        }

        return ExitCodes.Ok;
    }
}
