using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using Clawdbot.Sdk.Generators.Model;
using Microsoft.CodeAnalysis;

namespace Clawdbot.Sdk.Generators.Parsing;

/// <summary>The parse step: config text → the shared reader → an equatable spec plus diagnostic infos. Never throws.</summary>
internal static class ModelsFileParser
{
    // No environment: placeholders in enum-valued fields are left to the emitted code, which fills them at run time.
    private static readonly ClawdbotConfigReadOptions s_readOptions = new() { ForGeneratedCode = true };

    public static ParsedModelsFile Parse(AdditionalText file, CancellationToken cancellationToken)
    {
        var filePath = file.Path;
        try
        {
            var text = file.GetText(cancellationToken)?.ToString();
            if (text is null)
            {
                return Failed(filePath, "the file could not be read");
            }

            cancellationToken.ThrowIfCancellationRequested();
            var result = ClawdbotConfigReader.Read(text, s_readOptions);
            var diagnostics = result.Diagnostics
                .Select(d => new DiagnosticInfo(d.Id, LocationInfo.From(filePath, d.Span), d.MessageArgs.Select(ToArgument).ToEquatableArray()))
                .ToEquatableArray();
            var spec = result.Config is null || result.HasErrors ? null : ToSpec(filePath, result.Config);
            return new ParsedModelsFile(spec, diagnostics);
        }
        catch (OperationCanceledException)
        {
            throw;
        }
        catch (Exception exception)
        {
            return Failed(filePath, exception.GetType().Name + ": " + exception.Message);
        }
    }

    private static ParsedModelsFile Failed(string filePath, string message)
        => new(null, new[] { new DiagnosticInfo(ConfigRules.InternalErrorId, new LocationInfo(filePath, default, default), new[] { message }.ToEquatableArray()) }.ToEquatableArray());

    private static string ToArgument(object argument)
        => Convert.ToString(argument, CultureInfo.InvariantCulture) ?? string.Empty;

    private static ModelsFileSpec ToSpec(string filePath, ClawdbotConfig config)
    {
        var providers = config.Models.Providers.Select(ToSpec).ToEquatableArray();
        string? defaultIdentifier = null;
        if (ModelReference.TryResolve(config, config.AgentDefaults.PrimaryModel, out var primary))
        {
            defaultIdentifier = providers
                .Where(p => p.EmitsDescriptors && p.Id == primary.Provider)
                .SelectMany(p => p.Models)
                .FirstOrDefault(m => m.Id == primary.ModelId)?.Identifier;
        }

        var discovery = config.Models.BedrockDiscovery is { } d
            ? new DiscoverySpec(d.Enabled, d.Region, d.ProviderFilter.ToEquatableArray(), d.RefreshInterval, d.DefaultContextWindow, d.DefaultMaxTokens)
            : null;
        var agentDefaults = new AgentDefaultsSpec(
            config.AgentDefaults.PrimaryModel,
            config.AgentDefaults.FallbackModels.ToEquatableArray(),
            config.AgentDefaults.Models.Select(m => new AgentModelSpec(m.Ref, m.Alias, m.ParamsJson)).ToEquatableArray());
        var guardrail = config.BedrockGuardrail is { } g ? new GuardrailSpec(g.GuardrailIdentifier, g.GuardrailVersion, g.Trace, g.StreamProcessingMode) : null;
        return new ModelsFileSpec(filePath, config.Models.Mode, config.Models.UnresolvedMode, providers, discovery, agentDefaults, defaultIdentifier, guardrail);
    }

    private static ProviderSpec ToSpec(ModelProviderConfig provider)
        => new(
            provider.Id,
            provider.BaseUrl,
            provider.Region,
            provider.ApiKey,
            provider.Auth,
            provider.Api,
            ToSpec(provider.Headers),
            provider.AuthHeader,
            ClawdbotConfigReader.IsBedrock(provider),
            provider.Models.Select(ToSpec).ToEquatableArray());

    private static ModelSpec ToSpec(ModelDefinition model)
        => new(
            ModelIdentifier.FromModel(model.Name, model.Id),
            model.Id,
            model.Name,
            model.Api,
            model.Reasoning,
            model.Input.ToEquatableArray(),
            model.UnresolvedInput?.ToEquatableArray(),
            model.Cost.Input,
            model.Cost.Output,
            model.Cost.CacheRead,
            model.Cost.CacheWrite,
            model.ContextWindow,
            model.MaxTokens,
            ToSpec(model.Headers),
            model.CompatJson,
            model.DeclaredFields);

    private static EquatableArray<KeyValueSpec>? ToSpec(IReadOnlyDictionary<string, string>? headers)
        => headers?.Select(h => new KeyValueSpec(h.Key, h.Value)).ToEquatableArray();
}
