using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Clawdbot.Sdk;
using Spectre.Console;

namespace Clawdbot.Cli;

/// <summary><c>clawdbot models list</c>: the declared models merged with the discovered ones.</summary>
internal static class ModelsCommands
{
    public static Command Create(Option<string?> configOption, CliContext context)
    {
        var all = new Option<bool>("--all") { Description = "List every model, discovered ones included." };
        var provider = new Option<string?>("--provider") { Description = "Only models of this provider.", HelpName = "P" };
        var json = new Option<bool>("--json") { Description = "Write {\"count\", \"models\": [...]} as JSON." };
        var plain = new Option<bool>("--plain") { Description = "Write one provider/id key per line." };
        var refresh = new Option<bool>("--refresh") { Description = "Ask Bedrock again instead of using a cached discovery." };
        var list = new Command("list", "List the models: configured ones (default, fallbacks, aliases), or all with --all.") { all, provider, json, plain, refresh };
        list.SetAction((parse, token) => ListAsync(
            ConfigFileLocator.Locate(parse.GetValue(configOption), context),
            new ListRequest(parse.GetValue(all), parse.GetValue(provider), parse.GetValue(json), parse.GetValue(plain), parse.GetValue(refresh)),
            context,
            token));

        var models = new Command("models", "Inspect the models the config makes available.");
        models.Subcommands.Add(list);
        return models;
    }

    private sealed record ListRequest(bool All, string? Provider, bool Json, bool Plain, bool Refresh);

    private static async Task<int> ListAsync(string file, ListRequest request, CliContext context, CancellationToken cancellationToken)
    {
        if (request.Json && request.Plain)
        {
            await context.Error.WriteLineAsync("--json and --plain cannot be used together.").ConfigureAwait(false);
            return ExitCodes.UsageError;
        }

        var config = ConfigLoader.TryLoad(file, context);
        if (config is null)
        {
            return ExitCodes.UsageError;
        }

        ModelListing listing;
        try
        {
            listing = await DiscoverAsync(config, request.Refresh, context, cancellationToken).ConfigureAwait(false);
        }
        catch (InvalidOperationException exception)
        {
            // A ${NAME} placeholder with no variable behind it, or a provider the client cannot be made for.
            await context.Error.WriteLineAsync(exception.Message).ConfigureAwait(false);
            return ExitCodes.UsageError;
        }

        if (listing.DiscoveryError is { } error)
        {
            await context.Error.WriteLineAsync($"Bedrock discovery failed: {error.Message}").ConfigureAwait(false);
        }

        var models = listing.Models
            .Where(model => request.All || model.IsConfigured)
            .Where(model => request.Provider is null || string.Equals(model.ProviderId, request.Provider, StringComparison.OrdinalIgnoreCase))
            .ToList();

        if (request.Json)
        {
            var document = new ModelsListJson(models.Count, models.Select(ToJson).ToArray());
            await context.Out.WriteLineAsync(JsonSerializer.Serialize(document, CliJsonContext.Default.ModelsListJson)).ConfigureAwait(false);
        }
        else if (request.Plain)
        {
            foreach (var model in models)
            {
                await context.Out.WriteLineAsync(model.Key).ConfigureAwait(false);
            }
        }
        else
        {
            WriteTable(models, context);
            var hidden = listing.Models.Count(model => !model.IsConfigured && model.Origin == ModelOrigin.Discovered);
            if (!request.All && listing.DiscoveryEnabled && listing.DiscoveryError is null)
            {
                await context.Out.WriteLineAsync($"{hidden} discovered model{(hidden == 1 ? "" : "s")} not shown (use --all).").ConfigureAwait(false);
            }
        }

        return ExitCodes.Ok;
    }

    private static async Task<ModelListing> DiscoverAsync(ClawdbotConfig config, bool refresh, CliContext context, CancellationToken cancellationToken)
    {
        using var client = BedrockClients.Create(config, BedrockModels.DiscoveryProviderId(config), context);
        var options = BedrockClients.DiscoveryOptions(context, refresh);
        if (!context.IsTerminal)
        {
            return await BedrockModels.ListAsync(config, client, options, cancellationToken).ConfigureAwait(false);
        }

        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(context.Error) });
        return await console.Status()
            .StartAsync("Discovering Bedrock models…", _ => BedrockModels.ListAsync(config, client, options, cancellationToken))
            .ConfigureAwait(false);
    }

    private static ModelJson ToJson(ModelEntry model)
    {
        var d = model.Definition;
        return new ModelJson(
            model.Key,
            d.Id,
            d.Name,
            d.Input.Select(static input => input == ModelInput.Image ? "image" : "text").ToArray(),
            d.ContextWindow,
            d.MaxTokens,
            d.Reasoning,
            new CostJson(d.Cost.Input, d.Cost.Output, d.Cost.CacheRead, d.Cost.CacheWrite),
            OriginName(model.Origin),
            model.Tags);
    }

    private static void WriteTable(IReadOnlyList<ModelEntry> models, CliContext context)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(context.Out),
            Ansi = context.IsTerminal ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = context.IsTerminal ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
        });
        if (!context.IsTerminal)
        {
            // Keys are never truncated: off a terminal there is no width to fit.
            console.Profile.Width = 4096;
        }

        var table = new Table().Border(TableBorder.Simple);
        table.AddColumn(new TableColumn("Model").NoWrap());
        table.AddColumn("Input");
        table.AddColumn(new TableColumn("Context").RightAligned());
        table.AddColumn("Reasoning");
        table.AddColumn(new TableColumn("Cost in/out per 1M").RightAligned());
        table.AddColumn("Origin");
        table.AddColumn("Tags");
        foreach (var model in models)
        {
            var d = model.Definition;
            table.AddRow(
                Markup.Escape(model.Key),
                string.Join('+', d.Input.Select(static input => input == ModelInput.Image ? "image" : "text")),
                FormatContext(d.ContextWindow),
                d.Reasoning ? "yes" : "no",
                d.Cost.IsZero ? "-" : string.Create(CultureInfo.InvariantCulture, $"${d.Cost.Input:0.00##}/${d.Cost.Output:0.00##}"),
                OriginName(model.Origin),
                Markup.Escape(string.Join(", ", model.Tags)));
        }

        console.Write(table);
    }

    internal static string FormatContext(int tokens)
        => tokens % 1000 == 0
            ? (tokens / 1000).ToString(CultureInfo.InvariantCulture) + "k"
            : (tokens / 1000.0).ToString("0.#", CultureInfo.InvariantCulture) + "k";

    private static string OriginName(ModelOrigin origin) => origin switch
    {
        ModelOrigin.Declared => "declared",
        ModelOrigin.Discovered => "discovered",
        _ => "both",
    };
}
