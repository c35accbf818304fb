using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Clawdbot.Sdk.Generated;

namespace Clawdbot.Sdk;

/// <summary>What reading a config file produced: the config (null only when the text is not JSON5) and every problem found.</summary>
internal sealed class ClawdbotConfigReadResult
{
    internal ClawdbotConfigReadResult(ClawdbotConfig? config, IReadOnlyList<ConfigDiagnostic> diagnostics)
    {
        Config = config;
        Diagnostics = diagnostics;
    }

    public ClawdbotConfig? Config { get; }

    public IReadOnlyList<ConfigDiagnostic> Diagnostics { get; }

    public bool HasErrors => Diagnostics.Any(d => d.Severity == ConfigSeverity.Error);
}

/// <summary>
/// The one reader and validator of Clawdbot config files: JSON5 text → <see cref="ClawdbotConfig"/> plus
/// <see cref="ConfigDiagnostic"/>s. The source generator and the runtime both call it, so every rule exists once.
/// It never throws on bad input: every problem becomes a diagnostic at the span it concerns.
/// </summary>
internal sealed class ClawdbotConfigReader
{
    public const string BedrockProviderId = "amazon-bedrock";
    public const string BedrockApi = "bedrock-converse-stream";

    // The keys of Clawdbot's strict (zod `.strict()`) objects in the sections read here: Clawdbot refuses any other key,
    // so this reader does too (CLAW2001). Each set is the union over OpenClaw's schema versions (openclaw/openclaw
    // src/config/zod-schema.core.ts, zod-schema.agent-model.ts, zod-schema.agent-defaults.ts and zod-schema.agent-runtime.ts),
    // so that no key some Clawdbot release accepts is refused.
    private static readonly string[] s_modelsKeys = ["mode", "providers", "bedrockDiscovery", "proxy", "catalogRefresh"];
    private static readonly string[] s_providerKeys =
    [
        "baseUrl", "apiKey", "auth", "api", "headers", "authHeader", "models", "request", "timeoutSeconds", "region", "params",
        "localService", "injectNumCtxForOpenAICompat", "contextWindow", "contextTokens", "maxTokens",
    ];
    private static readonly string[] s_modelKeys =
    [
        "id", "name", "api", "reasoning", "input", "cost", "contextWindow", "maxTokens", "headers", "compat", "baseUrl",
        "contextTokens", "params", "thinkingLevelMap", "agentRuntime", "mediaInput", "metadataSource",
    ];
    private static readonly (string Key, ModelFields Field)[] s_optionalModelFields =
    [
        ("api", ModelFields.Api), ("reasoning", ModelFields.Reasoning), ("input", ModelFields.Input), ("cost", ModelFields.Cost),
        ("contextWindow", ModelFields.ContextWindow), ("maxTokens", ModelFields.MaxTokens), ("headers", ModelFields.Headers), ("compat", ModelFields.Compat),
    ];
    private static readonly string[] s_costKeys = ["input", "output", "cacheRead", "cacheWrite", "tieredPricing"];
    private static readonly string[] s_discoveryKeys = ["enabled", "region", "providerFilter", "refreshInterval", "defaultContextWindow", "defaultMaxTokens"];
    private static readonly string[] s_compatKeys =
    [
        "supportsStore", "supportsPromptCacheKey", "supportsDeveloperRole", "supportsReasoningEffort", "supportsTemperature",
        "supportsInstructions", "supportsUsageInStreaming", "supportsTools", "codeMode", "supportsStrictMode",
        "supportsJsonSchemaResponseFormat", "requiresStringContent", "strictMessageKeys", "visibleReasoningDetailTypes",
        "supportedReasoningEfforts", "reasoningEffortMap", "maxTokensField", "thinkingFormat", "requiresToolResultName",
        "requiresAssistantAfterToolResult", "requiresThinkingAsText", "requiresReasoningContentOnAssistantMessages",
        "toolSchemaProfile", "unsupportedToolSchemaKeywords", "nativeWebSearchTool", "toolCallArgumentsEncoding",
        "requiresMistralToolIds", "requiresOpenAiAnthropicToolPayload", "openRouterRouting", "vercelGatewayRouting",
        "zaiToolStream", "cacheControlFormat", "sendSessionAffinityHeaders", "sendSessionIdHeader",
        "supportsEagerToolInputStreaming", "supportsLongCacheRetention",
    ];
    private static readonly string[] s_agentModelKeys = ["primary", "fallbacks", "circuitBreaker"];
    private static readonly string[] s_agentModelEntryKeys = ["alias", "params", "streaming", "agentRuntime", "codeMode", "pickerRuntimes"];
    // OpenClaw's amazon-bedrock plugin: plugins.entries.amazon-bedrock.config.guardrail (extensions/amazon-bedrock).
    private static readonly string[] s_guardrailKeys = ["guardrailIdentifier", "guardrailVersion", "streamProcessingMode", "trace"];
    internal static readonly string[] GuardrailTraces = ["enabled", "disabled", "enabled_full"];
    internal static readonly string[] GuardrailStreamModes = ["sync", "async"];
    private static readonly ClawdbotConfigReadOptions s_defaultOptions = new();

    private readonly List<ConfigDiagnostic> _diagnostics = [];
    private readonly ClawdbotConfigReadOptions _options;

    private ClawdbotConfigReader(ClawdbotConfigReadOptions options)
    {
        _options = options;
    }

    /// <summary>Reads <paramref name="text"/>, leaving placeholders in enum-valued fields unchecked; never throws for any input.</summary>
    public static ClawdbotConfigReadResult Read(string text) => Read(text, s_defaultOptions);

    /// <summary>Reads <paramref name="text"/> as <paramref name="options"/> say; never throws for any input.</summary>
    public static ClawdbotConfigReadResult Read(string text, ClawdbotConfigReadOptions options)
    {
        if (text is null)
        {
            throw new ArgumentNullException(nameof(text));
        }

        if (options is null)
        {
            throw new ArgumentNullException(nameof(options));
        }

        var reader = new ClawdbotConfigReader(options);
        Json5Value root;
        try
        {
            root = Json5.Parse(text);
        }
        catch (Json5Exception exception)
        {
            var span = TextPositions.SpanAt(text, exception.Offset, exception.Offset < text.Length ? 1 : 0);
            reader.Report(ConfigRules.SyntaxError, span, exception.Message);
            return new ClawdbotConfigReadResult(null, reader._diagnostics);
        }

        reader.ReportDuplicateKeys(root);
        var config = reader.ReadRoot(root);
        return new ClawdbotConfigReadResult(config, reader._diagnostics);
    }

    private ClawdbotConfig ReadRoot(Json5Value root)
    {
        var rootObject = ExpectObject(root, "the config file");
        if (rootObject is null)
        {
            return new ClawdbotConfig();
        }

        var models = rootObject.TryGetValue("models", out var modelsValue) ? ReadModels(modelsValue) : new ModelsConfig();
        var agentDefaults = ReadAgentDefaults(rootObject);
        var config = new ClawdbotConfig { Models = models, AgentDefaults = agentDefaults, BedrockGuardrail = ReadBedrockGuardrail(rootObject) };
        CheckReferences(config, rootObject);
        return config;
    }

    /// <summary>
    /// The guardrail of OpenClaw's <c>amazon-bedrock</c> plugin config. Only that object is read (and checked strictly):
    /// the rest of <c>plugins</c> belongs to other plugins and settings this SDK does not use.
    /// </summary>
    private BedrockGuardrailConfig? ReadBedrockGuardrail(Json5Object root)
    {
        const string Path = "plugins.entries." + BedrockProviderId + ".config.guardrail";
        if (((root["plugins"] as Json5Object)?["entries"] as Json5Object)?[BedrockProviderId] is not Json5Object plugin
            || plugin["config"] is not Json5Object pluginConfig
            || !pluginConfig.TryGetValue("guardrail", out var value)
            || ExpectObject(value, Path) is not { } guardrail)
        {
            return null;
        }

        CheckKeys(guardrail, Path, s_guardrailKeys, ConfigRules.UnknownKey);
        var identifier = ReadString(guardrail, "guardrailIdentifier", Path, required: true, nonEmpty: true);
        var version = ReadString(guardrail, "guardrailVersion", Path, required: true, nonEmpty: true);
        var mode = ReadEnum(guardrail, "streamProcessingMode", Path + ".streamProcessingMode", GuardrailStreamModes);
        var trace = ReadEnum(guardrail, "trace", Path + ".trace", GuardrailTraces);
        return identifier is null || version is null
            ? null
            : new BedrockGuardrailConfig { GuardrailIdentifier = identifier, GuardrailVersion = version, StreamProcessingMode = mode, Trace = trace };
    }

    private ModelsConfig ReadModels(Json5Value value)
    {
        var models = ExpectObject(value, "models");
        if (models is null)
        {
            return new ModelsConfig();
        }

        CheckKeys(models, "models", s_modelsKeys, ConfigRules.UnknownKey);
        var mode = ReadEnum(models, "mode", "models.mode", ConfigEnumValues.Modes);

        var providers = new List<ModelProviderConfig>();
        if (models.TryGetValue("providers", out var providersValue) && ExpectObject(providersValue, "models.providers") is { } providersObject)
        {
            foreach (var property in Distinct(providersObject))
            {
                if (ReadProvider(property) is { } provider)
                {
                    providers.Add(provider);
                }
            }
        }

        BedrockDiscoveryConfig? discovery = null;
        if (models.TryGetValue("bedrockDiscovery", out var discoveryValue))
        {
            discovery = ReadDiscovery(discoveryValue);
        }

        return new ModelsConfig
        {
            Mode = ConfigEnumValues.ToMode(mode),
            UnresolvedMode = IsUnresolved(mode) ? mode : null,
            Providers = providers,
            BedrockDiscovery = discovery,
        };
    }

    private ModelProviderConfig? ReadProvider(Json5Property property)
    {
        var path = "models.providers." + property.Name;
        var provider = ExpectObject(property.Value, path);
        if (provider is null)
        {
            return null;
        }

        CheckKeys(provider, path, s_providerKeys, ConfigRules.UnknownKey);
        // Newer Clawdbot fills baseUrl and models of a provider it has built in; a custom provider needs both.
        var builtIn = ModelReference.BuiltInProviders.Contains(property.Name);
        var baseUrl = ReadString(provider, "baseUrl", path, required: !builtIn, nonEmpty: true);
        var api = ReadEnum(provider, "api", path + ".api", ConfigEnumValues.Apis);
        if (api is not null && !IsUnresolved(api) && api != BedrockApi && property.Name == BedrockProviderId)
        {
            Report(ConfigRules.NonBedrockApi, provider["api"]!.Span, path, api);
        }

        var models = new List<ModelDefinition>();
        if (!provider.TryGetValue("models", out var modelsValue))
        {
            if (!builtIn)
            {
                Report(ConfigRules.MissingKey, provider.Span, "Provider '" + property.Name + "'", "models");
            }
        }
        else if (ExpectArray(modelsValue, path + ".models") is { } modelArray)
        {
            var firstById = new Dictionary<string, Json5Value>(StringComparer.Ordinal);
            for (var i = 0; i < modelArray.Items.Count; i++)
            {
                var modelPath = path + ".models[" + i.ToString(CultureInfo.InvariantCulture) + "]";
                if (ReadModel(modelArray.Items[i], modelPath, out var idValue) is not { } model)
                {
                    continue;
                }

                if (firstById.TryGetValue(model.Id, out var first))
                {
                    Report(ConfigRules.DuplicateModel, idValue!.Span, model.Id, property.Name, first.Span.Line);
                    continue;
                }

                firstById.Add(model.Id, idValue!);
                models.Add(model);
            }
        }

        return new ModelProviderConfig
        {
            Id = property.Name,
            BaseUrl = baseUrl ?? string.Empty,
            Region = ReadString(provider, "region", path, required: false, nonEmpty: true),
            ApiKey = ReadString(provider, "apiKey", path, required: false, nonEmpty: false),
            Auth = ReadEnum(provider, "auth", path + ".auth", ConfigEnumValues.Auths),
            Api = api,
            Headers = ReadStringMap(provider, "headers", path),
            AuthHeader = ReadBool(provider, "authHeader", path),
            Models = models,
        };
    }

    private ModelDefinition? ReadModel(Json5Value value, string path, out Json5Value? idValue)
    {
        idValue = null;
        var model = ExpectObject(value, path);
        if (model is null)
        {
            return null;
        }

        CheckKeys(model, path, s_modelKeys, ConfigRules.UnknownKey);
        var id = ReadString(model, "id", path, required: true, nonEmpty: true);
        var name = ReadString(model, "name", path, required: true, nonEmpty: true);
        if (id is null || name is null)
        {
            return null;
        }

        idValue = model["id"];
        var contextWindow = ReadInteger(model, "contextWindow", path, minimum: 1) ?? ModelDefaults.ContextWindow;
        var maxTokensValue = ReadInteger(model, "maxTokens", path, minimum: 1);
        var maxTokens = maxTokensValue ?? Math.Min(ModelDefaults.MaxTokens, contextWindow);
        if (maxTokensValue is { } declaredMax && declaredMax > contextWindow)
        {
            Report(ConfigRules.MaxTokensOverContext, model["maxTokens"]!.Span, id, declaredMax, contextWindow);
        }

        var inputWords = ReadInput(model, path);
        string? compatJson = null;
        if (model.TryGetValue("compat", out var compat) && ExpectObject(compat, path + ".compat") is { } compatObject)
        {
            CheckKeys(compatObject, path + ".compat", s_compatKeys, ConfigRules.UnknownKey);
            compatJson = compat.ToJsonString();
        }

        return new ModelDefinition
        {
            Id = id,
            Name = name,
            Api = ReadEnum(model, "api", path + ".api", ConfigEnumValues.Apis),
            Reasoning = ReadBool(model, "reasoning", path) ?? false,
            Input = ConfigEnumValues.ToInputs(inputWords.Where(w => !IsUnresolved(w))),
            UnresolvedInput = inputWords.Any(IsUnresolved) ? inputWords : null,
            Cost = ReadCost(model, path),
            ContextWindow = contextWindow,
            MaxTokens = maxTokens,
            Headers = ReadStringMap(model, "headers", path),
            CompatJson = compatJson,
            DeclaredFields = DeclaredFields(model),
        };
    }

    private static ModelFields DeclaredFields(Json5Object model)
    {
        var fields = ModelFields.None;
        foreach (var (key, field) in s_optionalModelFields)
        {
            if (model.TryGetValue(key, out _))
            {
                fields |= field;
            }
        }

        return fields;
    }

    /// <summary>The allowed (or, for the generator, still unresolved) words of <c>input</c>; <c>["text"]</c> when left out.</summary>
    private List<string> ReadInput(Json5Object model, string path)
    {
        if (!model.TryGetValue("input", out var value) || ExpectArray(value, path + ".input") is not { } array)
        {
            return ["text"];
        }

        var inputs = new List<string>();
        for (var i = 0; i < array.Items.Count; i++)
        {
            var itemPath = path + ".input[" + i.ToString(CultureInfo.InvariantCulture) + "]";
            if (ExpectString(array.Items[i], itemPath) is not { } text)
            {
                continue;
            }

            if (CheckEnum(array.Items[i], text, itemPath, ConfigEnumValues.Inputs) is { } input)
            {
                inputs.Add(input);
            }
        }

        return inputs;
    }

    private ModelCost ReadCost(Json5Object model, string path)
    {
        if (!model.TryGetValue("cost", out var value) || ExpectObject(value, path + ".cost") is not { } cost)
        {
            return ModelCost.Zero;
        }

        var costPath = path + ".cost";
        CheckKeys(cost, costPath, s_costKeys, ConfigRules.UnknownKey);
        return new ModelCost(
            ReadPrice(cost, "input", costPath),
            ReadPrice(cost, "output", costPath),
            ReadPrice(cost, "cacheRead", costPath),
            ReadPrice(cost, "cacheWrite", costPath));
    }

    private decimal ReadPrice(Json5Object cost, string key, string path)
    {
        if (!cost.TryGetValue(key, out var value) || ExpectNumber(value, path + "." + key) is not { } number)
        {
            return 0m;
        }

        if (double.IsNaN(number) || double.IsInfinity(number) || number < 0 || number > 1e12)
        {
            Report(ConfigRules.OutOfRange, value.Span, path + "." + key, "a non-negative price in USD per million tokens", FormatNumber(number));
            return 0m;
        }

        return (decimal)number;
    }

    private BedrockDiscoveryConfig? ReadDiscovery(Json5Value value)
    {
        const string path = "models.bedrockDiscovery";
        var discovery = ExpectObject(value, path);
        if (discovery is null)
        {
            return null;
        }

        CheckKeys(discovery, path, s_discoveryKeys, ConfigRules.UnknownKey);
        var filter = new List<string>();
        if (discovery.TryGetValue("providerFilter", out var filterValue) && ExpectArray(filterValue, path + ".providerFilter") is { } filterArray)
        {
            for (var i = 0; i < filterArray.Items.Count; i++)
            {
                if (ExpectString(filterArray.Items[i], path + ".providerFilter[" + i.ToString(CultureInfo.InvariantCulture) + "]") is { } item
                    && item.Trim().Length > 0)
                {
                    filter.Add(item.Trim());
                }
            }
        }

        return new BedrockDiscoveryConfig
        {
            Enabled = ReadBool(discovery, "enabled", path),
            Region = ReadString(discovery, "region", path, required: false, nonEmpty: true),
            ProviderFilter = filter,
            RefreshInterval = ReadInteger(discovery, "refreshInterval", path, minimum: 0) ?? BedrockDiscoveryConfig.DefaultRefreshInterval,
            DefaultContextWindow = ReadInteger(discovery, "defaultContextWindow", path, minimum: 1) ?? BedrockDiscoveryConfig.DefaultContextWindowValue,
            DefaultMaxTokens = ReadInteger(discovery, "defaultMaxTokens", path, minimum: 1) ?? BedrockDiscoveryConfig.DefaultMaxTokensValue,
        };
    }

    private AgentDefaultsConfig ReadAgentDefaults(Json5Object root)
    {
        // Only agents.defaults.model and agents.defaults.models concern models; everything else there is Clawdbot's own.
        if (!root.TryGetValue("agents", out var agentsValue) || agentsValue is not Json5Object agents
            || !agents.TryGetValue("defaults", out var defaultsValue) || defaultsValue is not Json5Object defaults)
        {
            return new AgentDefaultsConfig();
        }

        string? primary = null;
        var fallbacks = new List<string>();
        if (defaults.TryGetValue("model", out var modelValue))
        {
            if (modelValue is Json5String shorthand)
            {
                primary = shorthand.Value;
            }
            else if (ExpectObject(modelValue, "agents.defaults.model") is { } model)
            {
                CheckKeys(model, "agents.defaults.model", s_agentModelKeys, ConfigRules.UnknownKey);
                primary = ReadString(model, "primary", "agents.defaults.model", required: false, nonEmpty: false);
                if (model.TryGetValue("fallbacks", out var fallbacksValue) && ExpectArray(fallbacksValue, "agents.defaults.model.fallbacks") is { } array)
                {
                    for (var i = 0; i < array.Items.Count; i++)
                    {
                        if (ExpectString(array.Items[i], "agents.defaults.model.fallbacks[" + i.ToString(CultureInfo.InvariantCulture) + "]") is { } fallback)
                        {
                            fallbacks.Add(fallback);
                        }
                    }
                }
            }
        }

        var entries = new List<AgentModelEntry>();
        if (defaults.TryGetValue("models", out var modelsValue) && ExpectObject(modelsValue, "agents.defaults.models") is { } modelsObject)
        {
            foreach (var property in Distinct(modelsObject))
            {
                var path = "agents.defaults.models." + property.Name;
                if (ExpectObject(property.Value, path) is not { } entry)
                {
                    continue;
                }

                CheckKeys(entry, path, s_agentModelEntryKeys, ConfigRules.UnknownKey);

                string? paramsJson = null;
                if (entry.TryGetValue("params", out var parameters) && ExpectObject(parameters, path + ".params") is { } paramsObject)
                {
                    paramsJson = parameters.ToJsonString();
                    AgentModelParams.Read(
                        paramsObject,
                        path + ".params",
                        _options.Environment,
                        (value, paramPath, expected, actual) => Report(ConfigRules.IgnoredParam, value.Span, paramPath, expected, actual));
                }

                entries.Add(new AgentModelEntry
                {
                    Ref = property.Name,
                    Alias = ReadString(entry, "alias", path, required: false, nonEmpty: true),
                    ParamsJson = paramsJson,
                });
            }
        }

        return new AgentDefaultsConfig { PrimaryModel = primary, FallbackModels = fallbacks, Models = entries };
    }

    private void CheckReferences(ClawdbotConfig config, Json5Object root)
    {
        var declared = config.Models.Providers.Select(p => p.Id).ToList();
        if (root["agents"] is Json5Object agents && agents["defaults"] is Json5Object defaults)
        {
            switch (defaults["model"])
            {
                case Json5String shorthand:
                    CheckReference(config, declared, shorthand.Value, shorthand.Span);
                    break;
                case Json5Object model:
                    if (model["primary"] is Json5String primary)
                    {
                        CheckReference(config, declared, primary.Value, primary.Span);
                    }

                    if (model["fallbacks"] is Json5Array fallbacks)
                    {
                        foreach (var item in fallbacks.Items.OfType<Json5String>())
                        {
                            CheckReference(config, declared, item.Value, item.Span);
                        }
                    }

                    break;
            }

            if (defaults["models"] is Json5Object models)
            {
                var aliasOwners = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
                foreach (var property in Distinct(models))
                {
                    CheckReference(config, declared, property.Name, property.NameSpan, allowAlias: false);
                    if (property.Value is Json5Object entry && entry["alias"] is Json5String alias && alias.Value.Trim().Length > 0)
                    {
                        if (aliasOwners.TryGetValue(alias.Value.Trim(), out var owner))
                        {
                            Report(ConfigRules.DuplicateAlias, alias.Span, alias.Value, owner, property.Name);
                        }
                        else
                        {
                            aliasOwners.Add(alias.Value.Trim(), property.Name);
                        }
                    }
                }
            }
        }

        if (_options.ForGeneratedCode)
        {
            CheckIdentifiers(config, root);
            CheckLiteralSecrets(root);
        }
    }

    private void CheckReference(ClawdbotConfig config, List<string> declaredProviders, string text, SourceSpan span, bool allowAlias = true)
    {
        if (EnvironmentPlaceholders.HasPlaceholder(text))
        {
            return;
        }

        var resolved = allowAlias ? ModelReference.TryResolve(config, text, out var reference) : ModelReference.TryParse(text, out reference);
        if (!resolved)
        {
            Report(ConfigRules.MalformedModelRef, span, text);
            return;
        }

        // Built-in providers and aliases are Clawdbot's business; only a near-miss of a declared provider is worth a word.
        if (declaredProviders.Contains(reference.Provider) || ModelReference.BuiltInProviders.Contains(reference.Provider))
        {
            return;
        }

        if (StringSimilarity.Closest(reference.Provider, declaredProviders) is { } suggestion)
        {
            Report(ConfigRules.UnknownProvider, span, text, reference.Provider, suggestion);
        }
    }

    /// <summary>CLAW3006: every Bedrock model needs a C# name of its own in the generated <c>Bedrock.Models</c>.</summary>
    private void CheckIdentifiers(ClawdbotConfig config, Json5Object root)
    {
        var owners = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var reserved in ModelIdentifier.ReservedNames)
        {
            owners.Add(reserved, null);
        }

        foreach (var provider in config.Models.Providers.Where(IsBedrock))
        {
            var modelValues = ProviderObject(root, provider.Id)?["models"] is Json5Array array ? array.Items : [];
            for (var i = 0; i < provider.Models.Count; i++)
            {
                var model = provider.Models[i];
                var identifier = ModelIdentifier.FromModel(model.Name, model.Id);
                string? problem = null;
                var suggestion = ModelIdentifier.WithoutTrailingParenthetical(model.Name) + " Alt";
                if (identifier.Length == 0)
                {
                    problem = "is no identifier: neither its name nor its id has a letter or digit";
                    suggestion = "Model " + (i + 1).ToString(CultureInfo.InvariantCulture);
                }
                else if (owners.TryGetValue(identifier, out var owner))
                {
                    problem = owner is null ? "the generated Bedrock.Models class already uses" : "model '" + owner + "' already has";
                }

                if (problem is not null)
                {
                    var nameValue = modelValues.OfType<Json5Object>().FirstOrDefault(m => m["id"] is Json5String id && id.Value == model.Id)?["name"];
                    Report(ConfigRules.NameCollision, nameValue?.Span ?? default, model.Name, identifier, problem, suggestion);
                    continue;
                }

                owners.Add(identifier, model.Name);
            }
        }
    }

    /// <summary>CLAW3010: a literal key or credential header is left out of the generated <c>Bedrock.Config</c>.</summary>
    private void CheckLiteralSecrets(Json5Object root)
    {
        if ((root["models"] as Json5Object)?["providers"] is not Json5Object providers)
        {
            return;
        }

        foreach (var property in Distinct(providers))
        {
            if (property.Value is not Json5Object provider)
            {
                continue;
            }

            var path = "models.providers." + property.Name;
            if (provider["apiKey"] is Json5String apiKey && LiteralSecrets.IsLiteral(apiKey.Value))
            {
                Report(ConfigRules.LiteralSecret, apiKey.Span, "apiKey", path + ".apiKey");
            }

            CheckLiteralHeaders(provider, path);
            if (provider["models"] is Json5Array models)
            {
                for (var i = 0; i < models.Items.Count; i++)
                {
                    if (models.Items[i] is Json5Object model)
                    {
                        CheckLiteralHeaders(model, path + ".models[" + i.ToString(CultureInfo.InvariantCulture) + "]");
                    }
                }
            }
        }
    }

    private void CheckLiteralHeaders(Json5Object owner, string path)
    {
        if (owner["headers"] is not Json5Object headers)
        {
            return;
        }

        foreach (var header in Distinct(headers))
        {
            if (header.Value is Json5String value && LiteralSecrets.IsLiteralHeader(header.Name, value.Value))
            {
                Report(ConfigRules.LiteralSecret, value.Span, "value of header '" + header.Name + "'", path + ".headers." + header.Name);
            }
        }
    }

    private static Json5Object? ProviderObject(Json5Object root, string providerId)
        => (root["models"] as Json5Object)?["providers"] is Json5Object providers ? providers[providerId] as Json5Object : null;

    /// <summary>Whether the generator emits descriptors for <paramref name="provider"/>: it speaks Bedrock Converse.</summary>
    public static bool IsBedrock(ModelProviderConfig provider)
        => provider.Id == BedrockProviderId || provider.Api == BedrockApi;

    private void ReportDuplicateKeys(Json5Value value)
    {
        var pending = new Stack<Json5Value>();
        pending.Push(value);
        while (pending.Count > 0)
        {
            switch (pending.Pop())
            {
                case Json5Object obj:
                    if (obj.Properties.Count != obj.Count)
                    {
                        var seen = new HashSet<string>(StringComparer.Ordinal);
                        foreach (var property in obj.Properties)
                        {
                            if (!seen.Add(property.Name))
                            {
                                Report(ConfigRules.DuplicateKey, property.NameSpan, property.Name);
                            }
                        }
                    }

                    foreach (var property in obj.Properties)
                    {
                        pending.Push(property.Value);
                    }

                    break;
                case Json5Array array:
                    foreach (var item in array.Items)
                    {
                        pending.Push(item);
                    }

                    break;
            }
        }
    }

    /// <summary>The properties of <paramref name="obj"/> with the last of each repeated key, in first-seen order.</summary>
    private static IEnumerable<Json5Property> Distinct(Json5Object obj)
    {
        var emitted = new HashSet<string>(StringComparer.Ordinal);
        foreach (var property in obj.Properties)
        {
            if (emitted.Add(property.Name) && obj.TryGetProperty(property.Name, out var last))
            {
                yield return last;
            }
        }
    }

    private void CheckKeys(Json5Object obj, string path, string[] known, ConfigRule rule)
    {
        foreach (var property in obj.Properties)
        {
            if (Array.IndexOf(known, property.Name) < 0)
            {
                var suggestion = StringSimilarity.Closest(property.Name, known);
                Report(rule, property.NameSpan, property.Name, path, suggestion is null ? string.Empty : ". Did you mean '" + suggestion + "'?");
            }
        }
    }

    private string? ReadString(Json5Object obj, string key, string path, bool required, bool nonEmpty)
    {
        if (!obj.TryGetValue(key, out var value))
        {
            if (required)
            {
                Report(ConfigRules.MissingKey, obj.Span, Describe(path), key);
            }

            return null;
        }

        if (ExpectString(value, path + "." + key) is not { } text)
        {
            return null;
        }

        if (nonEmpty && text.Trim().Length == 0)
        {
            Report(ConfigRules.EmptyString, value.Span, path + "." + key);
            return null;
        }

        return text;
    }

    private string? ReadEnum(Json5Object obj, string key, string path, string[] allowed)
    {
        if (!obj.TryGetValue(key, out var value) || ExpectString(value, path) is not { } text)
        {
            return null;
        }

        return CheckEnum(value, text, path, allowed);
    }

    /// <summary>
    /// The allowed word <paramref name="text"/> means, after filling its placeholders when an environment is given;
    /// without one, a placeholder is returned as written (<see cref="IsUnresolved"/>) for the generated code to fill.
    /// </summary>
    private string? CheckEnum(Json5Value value, string text, string path, string[] allowed)
    {
        var written = text;
        var expanded = EnvironmentPlaceholders.HasPlaceholder(text);
        if (expanded)
        {
            if (_options.Environment is not { } environment)
            {
                return text;
            }

            if (!EnvironmentPlaceholders.TryExpand(text, environment, out text, out var missing))
            {
                Report(ConfigRules.InvalidValue, value.Span, path, ConfigEnumValues.AllowedList(allowed), written, ": the environment variable '" + missing + "' is not set");
                return null;
            }
        }

        if (Array.IndexOf(allowed, text) >= 0)
        {
            return text;
        }

        var origin = expanded ? " (from '" + written + "')" : string.Empty;
        var suggestion = StringSimilarity.Closest(text, allowed);
        Report(
            ConfigRules.InvalidValue,
            value.Span,
            path,
            ConfigEnumValues.AllowedList(allowed),
            text,
            origin + (suggestion is null ? string.Empty : ". Did you mean '" + suggestion + "'?"));
        return null;
    }

    /// <summary>An enum-valued field whose placeholder is left for the generated code to fill in at run time.</summary>
    private bool IsUnresolved(string? word)
        => word is not null && _options.Environment is null && EnvironmentPlaceholders.HasPlaceholder(word);

    private bool? ReadBool(Json5Object obj, string key, string path)
    {
        if (!obj.TryGetValue(key, out var value))
        {
            return null;
        }

        if (value is Json5Boolean boolean)
        {
            return boolean.Value;
        }

        Report(ConfigRules.WrongType, value.Span, path + "." + key, "a boolean", Describe(value));
        return null;
    }

    private int? ReadInteger(Json5Object obj, string key, string path, int minimum)
    {
        if (!obj.TryGetValue(key, out var value) || ExpectNumber(value, path + "." + key) is not { } number)
        {
            return null;
        }

        if (!(value is Json5Number { IsInteger: true }) || number < minimum || number > int.MaxValue)
        {
            var expected = minimum == 0 ? "a whole number ≥ 0" : "a whole number ≥ " + minimum.ToString(CultureInfo.InvariantCulture);
            Report(ConfigRules.OutOfRange, value.Span, path + "." + key, expected, FormatNumber(number));
            return null;
        }

        return (int)number;
    }

    private IReadOnlyDictionary<string, string>? ReadStringMap(Json5Object obj, string key, string path)
    {
        if (!obj.TryGetValue(key, out var value) || ExpectObject(value, path + "." + key) is not { } map)
        {
            return null;
        }

        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var property in Distinct(map))
        {
            if (ExpectString(property.Value, path + "." + key + "." + property.Name) is { } text)
            {
                result[property.Name] = text;
            }
        }

        return result;
    }

    private Json5Object? ExpectObject(Json5Value value, string path)
        => Expect<Json5Object>(value, path, "an object");

    private Json5Array? ExpectArray(Json5Value value, string path)
        => Expect<Json5Array>(value, path, "an array");

    private string? ExpectString(Json5Value value, string path)
        => Expect<Json5String>(value, path, "a string")?.Value;

    private double? ExpectNumber(Json5Value value, string path)
        => Expect<Json5Number>(value, path, "a number")?.Value;

    private T? Expect<T>(Json5Value value, string path, string expected)
        where T : Json5Value
    {
        if (value is T typed)
        {
            return typed;
        }

        Report(ConfigRules.WrongType, value.Span, path, expected, Describe(value));
        return null;
    }

    private static string Describe(Json5Value value)
        => value.Kind switch
        {
            Json5Kind.Object => "an object",
            Json5Kind.Array => "an array",
            Json5Kind.String => "a string",
            Json5Kind.Number => "a number",
            Json5Kind.Boolean => "a boolean",
            _ => "null",
        };

    private static string Describe(string path)
        => path.StartsWith("models.providers.", StringComparison.Ordinal) && path.IndexOf(".models[", StringComparison.Ordinal) < 0
            ? "Provider '" + path.Substring("models.providers.".Length) + "'"
            : "'" + path + "'";

    private static string FormatNumber(double number) => number.ToString("R", CultureInfo.InvariantCulture);

    private void Report(ConfigRule rule, SourceSpan span, params object[] args)
        => _diagnostics.Add(new ConfigDiagnostic(rule, span, args));
}
