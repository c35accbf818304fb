using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Clawdbot.Sdk;

namespace Clawdbot.Cli;

/// <summary><c>clawdbot chat</c>: streams one answer to stdout; usage and cost go to stderr.</summary>
internal static class ChatCommand
{
    public static Command Create(Option<string?> configOption, CliContext context)
    {
        var model = new Option<string?>("--model") { Description = "provider/id, a bare id or an alias; no failover (default: agents.defaults.model.primary, failing over through its fallbacks).", HelpName = "REF" };
        var system = new Option<string?>("--system") { Description = "A system prompt.", HelpName = "TEXT" };
        var maxTokens = new Option<int?>("--max-tokens") { Description = "The most tokens to generate.", HelpName = "N" };
        var reasoning = new Option<string?>("--reasoning") { Description = "Reasoning effort: off, low, medium, high or max.", HelpName = "LEVEL" };
        var json = new Option<bool>("--json") { Description = "Write one JSON object per update, one per line." };
        var outputSchema = new Option<string?>("--output-schema") { Description = "Structured output: the answer is JSON satisfying the JSON schema in FILE.", HelpName = "FILE" };
        var prompt = new Argument<string[]>("prompt") { Description = "The prompt (the words are joined by spaces).", Arity = ArgumentArity.OneOrMore };
        var command = new Command("chat", "Ask a model and stream its answer.") { model, system, maxTokens, reasoning, json, outputSchema, prompt };
        command.SetAction((parse, token) => RunAsync(
            ConfigFileLocator.Locate(parse.GetValue(configOption), context),
            new ChatRequest(parse.GetValue(model), parse.GetValue(system), parse.GetValue(maxTokens), parse.GetValue(reasoning), parse.GetValue(json), parse.GetValue(outputSchema), string.Join(' ', parse.GetValue(prompt) ?? [])),
            context,
            token));
        return command;
    }

    private sealed record ChatRequest(string? Model, string? System, int? MaxTokens, string? Reasoning, bool Json, string? OutputSchemaFile, string Prompt)
    {
        public OutputFormat? OutputFormat { get; init; }
    }

    private static async Task<int> RunAsync(string file, ChatRequest chat, CliContext context, CancellationToken cancellationToken)
    {
        ReasoningEffort? effort = null;
        if (chat.Reasoning is { } level)
        {
            if (!Enum.TryParse<ReasoningEffort>(level, ignoreCase: true, out var parsed) || !Enum.IsDefined(parsed) || char.IsDigit(level[0]))
            {
                await context.Error.WriteLineAsync($"Unknown reasoning level '{level}': use off, low, medium, high or max.").ConfigureAwait(false);
                return ExitCodes.UsageError;
            }

            effort = parsed;
        }

        if (chat.MaxTokens is <= 0)
        {
            await context.Error.WriteLineAsync("--max-tokens must be a positive number.").ConfigureAwait(false);
            return ExitCodes.UsageError;
        }

        if (string.IsNullOrWhiteSpace(chat.Prompt))
        {
            await context.Error.WriteLineAsync("The prompt is empty.").ConfigureAwait(false);
            return ExitCodes.UsageError;
        }

        if (chat.OutputSchemaFile is { } schemaFile)
        {
            var (format, problem) = ReadOutputSchema(schemaFile, context);
            if (format is null)
            {
                await context.Error.WriteLineAsync(problem).ConfigureAwait(false);
                return ExitCodes.UsageError;
            }

            chat = chat with { OutputFormat = format };
        }

        var config = ConfigLoader.TryLoad(file, context);
        if (config is null)
        {
            return ExitCodes.UsageError;
        }

        var reference = chat.Model ?? config.AgentDefaults.PrimaryModel;
        if (string.IsNullOrWhiteSpace(reference))
        {
            await context.Error.WriteLineAsync("No model: pass --model or set agents.defaults.model.primary.").ConfigureAwait(false);
            return ExitCodes.UsageError;
        }

        try
        {
            if (chat.Model is null && DeclaredChain(config, context) is { } chain)
            {
                using (chain.Clients)
                {
                    return await StreamAsync(chain.Chain, chat, effort, context, cancellationToken).ConfigureAwait(false);
                }
            }

            if (await ModelTargets.ResolveAsync(config, reference, context, "this SDK streams only through Bedrock.", explainBareId: true, cancellationToken).ConfigureAwait(false) is not { } resolved)
            {
                return ExitCodes.UsageError;
            }

            using (var client = BedrockClients.Create(config, resolved.ProviderId, context))
            {
                var parameters = config.AgentDefaults.ParamsFor(resolved.ProviderId, resolved.ModelId);
                return await StreamAsync(client, resolved, parameters, chat, effort, context, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (InvalidOperationException exception)
        {
            await context.Error.WriteLineAsync(exception.Message).ConfigureAwait(false);
            return ExitCodes.UsageError;
        }
    }

    /// <summary>The schema of --output-schema FILE (relative to the current directory), or why it cannot be used.</summary>
    private static (OutputFormat? Format, string Problem) ReadOutputSchema(string file, CliContext context)
    {
        var path = Path.GetFullPath(file, context.CurrentDirectory);
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return (null, $"--output-schema: cannot read '{path}': {(exception is FileNotFoundException or DirectoryNotFoundException ? "no such file" : exception.Message)}.");
        }

        try
        {
            return (OutputFormat.ForJsonSchema(text), string.Empty);
        }
        catch (ArgumentException exception)
        {
            return (null, $"--output-schema: '{path}' is not a JSON schema: {exception.Message.Replace(" (Parameter 'jsonSchema')", string.Empty, StringComparison.Ordinal)}");
        }
    }

    /// <summary>
    /// The fallback chain of agents.defaults.model when its primary is a declared Bedrock model (else null: the primary
    /// is resolved by discovery, as --model is, and called alone), on clients of every Bedrock provider of the file.
    /// </summary>
    private static (BedrockFallbackChain Chain, ClientSet Clients)? DeclaredChain(ClawdbotConfig config, CliContext context)
    {
        // The rule BedrockFallbackChain.FromConfig applies to the primary, applied once.
        var clients = new ClientSet(new BedrockClientProvider(config));
        if (config.AgentDefaults.PrimaryModel is not { } primaryText
            || ConfiguredFallbacks.TryResolve(clients.Provider, primaryText, "agents.defaults.model.primary", out _) is not { } primary)
        {
            return null;
        }

        foreach (var bedrock in config.Models.Providers.Where(ClawdbotConfigReader.IsBedrock))
        {
            var client = BedrockClients.Create(config, bedrock.Id, context);
            clients.Created.Add(client);
            clients.Provider.Use(client, bedrock.Id);
        }

        return (BedrockFallbackChain.ForPrimary(clients.Provider, primary), clients);
    }

    private sealed record ClientSet(BedrockClientProvider Provider) : IDisposable
    {
        public List<BedrockClient> Created { get; } = [];

        public void Dispose() => Created.ForEach(static client => client.Dispose());
    }

    private static Task<int> StreamAsync(BedrockFallbackChain chain, ChatRequest chat, ReasoningEffort? effort, CliContext context, CancellationToken cancellationToken)
    {
        var primary = chain.Primary;
        var request = NewRequest(primary.Id, primary.Definition, primary.Params, chat, effort);
        return StreamAsync(chain.StreamAsync(request, cancellationToken), primary.Id, chain, chat, context, cancellationToken);
    }

    private static Task<int> StreamAsync(BedrockClient client, ModelTarget target, AgentModelParams? parameters, ChatRequest chat, ReasoningEffort? effort, CliContext context, CancellationToken cancellationToken)
    {
        // The client routes a bare id that Bedrock serves only through inference profiles; MessageStart names the id used.
        var request = NewRequest(target.ModelId, target.Entry?.Definition, parameters, chat, effort);
        return StreamAsync(client.ConverseStreamAsync(request, cancellationToken), target.ModelId, chain: null, chat, context, cancellationToken);
    }

    // The model's params apply below the command's own options, as in Clawdbot.
    private static ConverseRequest NewRequest(string modelId, ModelDefinition? definition, AgentModelParams? parameters, ChatRequest chat, ReasoningEffort? effort)
    {
        var request = new ConverseRequest(modelId) { Model = definition, Params = parameters, ReasoningEffort = effort, OutputFormat = chat.OutputFormat };
        if (chat.System is { Length: > 0 } system)
        {
            request.System.Add(SystemBlock.FromText(system));
        }

        if (chat.MaxTokens is { } maxTokens)
        {
            request.InferenceConfig = new InferenceConfig { MaxTokens = maxTokens };
        }

        request.AddUser(chat.Prompt);
        return request;
    }

    private static async Task<int> StreamAsync(IAsyncEnumerable<StreamUpdate> updates, string modelId, BedrockFallbackChain? chain, ChatRequest chat, CliContext context, CancellationToken cancellationToken)
    {
        var invokedModelId = modelId;
        var wroteText = false;
        var wroteReasoning = false;
        var output = new ChatOutput(context.Out, context.Error, TimeProvider.System);
        try
        {
            var enumerator = updates.GetAsyncEnumerator();
            await using (enumerator.ConfigureAwait(false))
            {
                while (await output.NextAsync(enumerator).ConfigureAwait(false))
                {
                    var update = enumerator.Current;
                    if (update is MessageStart start)
                    {
                        // The model that answers may be a fallback; its own id is the one a profile would route.
                        var answering = chain?.Models.FirstOrDefault(m => m.Ref == start.ModelRef)?.Id ?? modelId;
                        invokedModelId = answering;
                        if (chain is not null && start.FailoverAttempts.Count > 0)
                        {
                            await ReportFailoverAsync(chain, start, chat.Json, output).ConfigureAwait(false);
                        }

                        if (start.ModelId is { } started && started != answering)
                        {
                            invokedModelId = started;
                            await output.WriteErrorLineAsync($"Using inference profile {started} for {answering}.").ConfigureAwait(false);
                        }
                    }

                    if (chat.Json)
                    {
                        if (ToJsonLine(update, invokedModelId) is { } line)
                        {
                            await WriteJsonAsync(line, output).ConfigureAwait(false);
                        }

                        continue;
                    }

                    // The answer alone goes to stdout, so it can be piped; the model's thinking goes to stderr as it arrives.
                    switch (update)
                    {
                        case ReasoningDelta { Text: { Length: > 0 } thinking }:
                            await output.WriteErrorAsync(thinking).ConfigureAwait(false);
                            wroteReasoning = true;
                            break;
                        case TextDelta text:
                            if (wroteReasoning)
                            {
                                await output.WriteErrorLineAsync().ConfigureAwait(false);
                                wroteReasoning = false;
                            }

                            await output.WriteAsync(text.Text).ConfigureAwait(false);
                            wroteText = true;
                            break;
                        case UsageUpdate usage:
                            if (wroteReasoning)
                            {
                                await output.WriteErrorLineAsync().ConfigureAwait(false);
                                wroteReasoning = false;
                            }

                            if (wroteText)
                            {
                                await output.WriteLineAsync().ConfigureAwait(false);
                                wroteText = false;
                            }

                            await output.WriteErrorLineAsync(DescribeUsage(usage.Usage, invokedModelId)).ConfigureAwait(false);
                            break;
                    }
                }
            }

            if (wroteText)
            {
                await output.WriteLineAsync().ConfigureAwait(false);
            }

            return ExitCodes.Ok;
        }
        catch (BedrockException exception)
        {
            if (wroteText)
            {
                await output.WriteLineAsync().ConfigureAwait(false);
            }

            if (chat.Json)
            {
                await WriteJsonAsync(new ChatLineJson { Type = "error", Kind = exception.Kind.ToString(), Message = exception.Message }, output).ConfigureAwait(false);
            }

            await output.WriteErrorLineAsync($"error ({exception.Kind}): {exception.Message}").ConfigureAwait(false);
            return ExitCodes.ServiceError;
        }
        finally
        {
            // Also on cancellation: what arrived before Ctrl+C stays on the screen.
            await output.FlushAsync().ConfigureAwait(false);
        }
    }

    /// <summary>
    /// One stderr line, <c>primary amazon-bedrock/X: ThrottlingException (429); answered by amazon-bedrock/Y</c>, then
    /// the fallbacks of the file that could not be called; with --json also a <c>failover</c> line on stdout.
    /// </summary>
    private static async Task ReportFailoverAsync(BedrockFallbackChain chain, MessageStart start, bool json, ChatOutput output)
    {
        var steps = start.FailoverAttempts.Select(a => (a.ModelRef == chain.Primary.Ref ? "primary " : "fallback ") + a);
        var line = string.Join("; ", steps) + "; answered by " + start.ModelRef;
        await output.WriteErrorLineAsync(line).ConfigureAwait(false);
        foreach (var unusable in chain.UnusableFallbacks)
        {
            await output.WriteErrorLineAsync("skipped fallback: " + unusable.Message).ConfigureAwait(false);
        }

        if (json)
        {
            await WriteJsonAsync(new ChatLineJson { Type = "failover", Model = start.ModelRef, Text = line }, output).ConfigureAwait(false);
        }
    }

    private static ChatLineJson? ToJsonLine(StreamUpdate update, string invokedModelId) => update switch
    {
        TextDelta text => new ChatLineJson { Type = "text", Text = text.Text },
        ReasoningDelta { Text: { } reasoning } => new ChatLineJson { Type = "reasoning", Text = reasoning },
        ToolUseComplete tool => new ChatLineJson { Type = "toolUse", Id = tool.ToolUseId, Name = tool.Name, Input = tool.IsValid ? tool.Input : null, Text = tool.IsValid ? null : tool.RawInput },
        MessageStop stop => new ChatLineJson { Type = "stop", StopReason = stop.StopReason.Value },
        UsageUpdate usage => new ChatLineJson
        {
            Type = "usage",
            Model = invokedModelId,
            InputTokens = usage.Usage.InputTokens,
            OutputTokens = usage.Usage.OutputTokens,
            CacheReadInputTokens = usage.Usage.CacheReadInputTokens,
            CacheWriteInputTokens = usage.Usage.CacheWriteInputTokens,
            TotalTokens = usage.Usage.TotalTokens,
            Cost = usage.Usage.CostUsd,
        },
        _ => null,
    };

    private static string DescribeUsage(TokenUsage usage, string invokedModelId)
    {
        var text = string.Create(CultureInfo.InvariantCulture, $"{invokedModelId}: {usage.InputTokens} in, {usage.OutputTokens} out");
        if (usage.CacheReadInputTokens > 0 || usage.CacheWriteInputTokens > 0)
        {
            text += string.Create(CultureInfo.InvariantCulture, $", {usage.CacheReadInputTokens} cache read, {usage.CacheWriteInputTokens} cache write");
        }

        return usage.CostUsd is { } cost ? text + string.Create(CultureInfo.InvariantCulture, $", ${cost:0.######}") : text + ", cost unknown";
    }

    private static ValueTask WriteJsonAsync(ChatLineJson line, ChatOutput output)
        => output.WriteLineAsync(JsonSerializer.Serialize(line, CliJsonContext.Default.ChatLineJson));
}
