using System.Collections.Generic;

namespace Clawdbot.Sdk;

/// <summary>
/// The parts of a Clawdbot configuration file that this SDK reads: <c>models</c> and <c>agents.defaults</c>.
/// Every other section of a real Clawdbot file (gateway, channels, …) is accepted and ignored.
/// Strings keep <c>${NAME}</c> placeholders as written and are filled from the environment when used; the enum-valued
/// fields are filled when the file is loaded (see <see cref="Generated.ConfigEnumValues"/>).
/// </summary>
sealed partial record ClawdbotConfig
{
    /// <summary>
    /// <c>models</c>: the declared providers, their models and Bedrock discovery. Empty when the file has no
    /// <c>models</c>.
    /// </summary>
    public ModelsConfig Models { get; init; } = new();

    /// <summary>
    /// <c>agents.defaults</c>: the default model, its fallbacks and the model aliases. Empty when the file has none.
    /// </summary>
    public AgentDefaultsConfig AgentDefaults { get; init; } = new();

    /// <summary>
    /// <c>plugins.entries.amazon-bedrock.config.guardrail</c> (as OpenClaw writes it): the Bedrock guardrail applied to
    /// every call of the config's Bedrock clients unless a request sets its own; null when the file has none.
    /// </summary>
    public BedrockGuardrailConfig? BedrockGuardrail { get; init; }
}

/// <summary>
/// A Bedrock guardrail as OpenClaw's <c>amazon-bedrock</c> plugin config writes it; <c>${NAME}</c> placeholders are
/// filled in when a client is created from the config.
/// </summary>
sealed partial record BedrockGuardrailConfig
{
    /// <summary><c>guardrailIdentifier</c>: the guardrail id (<c>abc123</c>) or its ARN.</summary>
    public required string GuardrailIdentifier { get; init; }

    /// <summary><c>guardrailVersion</c>: a published version number or <c>DRAFT</c>.</summary>
    public required string GuardrailVersion { get; init; }

    /// <summary><c>trace</c>: <c>enabled</c>, <c>disabled</c> or <c>enabled_full</c>; null sends none.</summary>
    public string? Trace { get; init; }

    /// <summary><c>streamProcessingMode</c> (ConverseStream only): <c>sync</c> or <c>async</c>; null sends none.</summary>
    public string? StreamProcessingMode { get; init; }
}

/// <summary><c>models</c>: how declared providers combine with built-in and discovered ones.</summary>
sealed partial record ModelsConfig
{
    /// <summary>
    /// <c>models.mode</c>: whether the declared providers add to Clawdbot's built-in ones or replace them. Default:
    /// <see cref="ModelsMode.Merge"/>.
    /// </summary>
    public ModelsMode Mode { get; init; } = ModelsMode.Merge;

    /// <summary>Declared providers in file order, keyed by provider id.</summary>
    public IReadOnlyList<ModelProviderConfig> Providers { get; init; } = [];

    /// <summary>
    /// <c>models.bedrockDiscovery</c>, or null when the file leaves it out (discovery then runs with its defaults when
    /// credentials resolve).
    /// </summary>
    public BedrockDiscoveryConfig? BedrockDiscovery { get; init; }

    /// <summary><c>mode</c> as written when it is a placeholder the generated code fills in at run time (read by the generator).</summary>
    internal string? UnresolvedMode { get; init; }
}

/// <summary>How the providers a file declares combine with Clawdbot's built-in providers (<c>models.mode</c>).</summary>
#if CLAWDBOT_SDK_RUNTIME
public
#endif
enum ModelsMode
{
    /// <summary>
    /// <c>merge</c>: declared providers are added to the built-in ones; a declared provider overrides a built-in one of
    /// the same id.
    /// </summary>
    Merge,
    /// <summary><c>replace</c>: only the declared providers exist.</summary>
    Replace,
}

/// <summary>An entry of <c>models.providers</c>.</summary>
sealed partial record ModelProviderConfig
{
    /// <summary>
    /// The provider id: its key under <c>models.providers</c>, for example <c>amazon-bedrock</c>; the first half of a
    /// <c>provider/model-id</c> reference.
    /// </summary>
    public required string Id { get; init; }

    /// <summary>
    /// The provider's endpoint (<c>baseUrl</c>), as written; <c>${NAME}</c> placeholders are filled when it is used.
    /// For a Bedrock provider its host names the region to sign for. Empty when a built-in provider leaves it out.
    /// </summary>
    public required string BaseUrl { get; init; }

    /// <summary>
    /// The provider's AWS region (<c>region</c>), as written; null when not written. For a Bedrock provider it names
    /// the region when <see cref="BaseUrl"/> does not.
    /// </summary>
    public string? Region { get; init; }

    /// <summary>An API key or <c>${NAME}</c> placeholder; never printed by <see cref="ToString"/>.</summary>
    public string? ApiKey { get; init; }

    /// <summary>
    /// How the provider authenticates (<c>auth</c>): <c>aws-sdk</c>, <c>api-key</c>, <c>oauth</c> or <c>token</c>; null
    /// when not written.
    /// </summary>
    public string? Auth { get; init; }

    /// <summary>
    /// The wire API the provider speaks (<c>api</c>), for example <c>bedrock-converse-stream</c>; null when not
    /// written. Only Bedrock providers get descriptors and clients.
    /// </summary>
    public string? Api { get; init; }

    /// <summary>
    /// Extra HTTP headers sent with every call to the provider, values as written (<c>${NAME}</c> filled when used);
    /// null when none. Never printed by <see cref="ToString"/>.
    /// </summary>
    public IReadOnlyDictionary<string, string>? Headers { get; init; }

    /// <summary>
    /// <c>authHeader</c>: whether Clawdbot sends the API key in an <c>Authorization</c> header; null when not written.
    /// Kept for Clawdbot; calls through this SDK do not read it.
    /// </summary>
    public bool? AuthHeader { get; init; }

    /// <summary>The provider's model entries, in file order. Empty when it declares none.</summary>
    public IReadOnlyList<ModelDefinition> Models { get; init; } = [];

    // Secrets never reach logs: the key and header values are left out of the printed form.
    private bool PrintMembers(System.Text.StringBuilder builder)
    {
        builder.Append("Id = ").Append(Id).Append(", BaseUrl = ").Append(BaseUrl)
            .Append(", Api = ").Append(Api).Append(", Auth = ").Append(Auth)
            .Append(", ApiKey = ").Append(ApiKey is null ? "null" : "***")
            .Append(", Models = ").Append(Models.Count);
        return true;
    }
}

/// <summary>A model entry of a provider (<c>models.providers.*.models[]</c>).</summary>
sealed partial record ModelDefinition
{
    /// <summary>The model id the provider is called with: for Bedrock a model id, inference profile id or ARN.</summary>
    public required string Id { get; init; }

    /// <summary>
    /// The display name; the generator turns it into the descriptor's C# name (<c>Claude Opus 4.5</c> →
    /// <c>ClaudeOpus45</c>).
    /// </summary>
    public required string Name { get; init; }

    /// <summary>The wire API of this model when it differs from its provider's (<c>api</c>); null when not written.</summary>
    public string? Api { get; init; }

    /// <summary>
    /// Whether the model reasons (extended thinking); a reasoning model is asked to reason unless a request says
    /// otherwise. Default: false.
    /// </summary>
    public bool Reasoning { get; init; }

    /// <summary>What the model accepts in a prompt, each kind once. Default: text only.</summary>
    public IReadOnlyList<ModelInput> Input { get; init; } = [ModelInput.Text];

    /// <summary>
    /// Prices in USD per one million tokens, used to compute the cost of a call. Default: <see cref="ModelCost.Zero"/>.
    /// </summary>
    public ModelCost Cost { get; init; } = ModelCost.Zero;

    /// <summary>The largest number of tokens (prompt and answer) the model can handle. Default: 200,000.</summary>
    public int ContextWindow { get; init; } = ModelDefaults.ContextWindow;

    /// <summary>
    /// The most tokens an answer may have, sent as maxTokens unless a request sets its own. Default: 8,192, or the
    /// context window when that is smaller.
    /// </summary>
    public int MaxTokens { get; init; } = ModelDefaults.MaxTokens;

    /// <summary>
    /// The model's own <c>headers</c>, values as written; null when none. Kept for Clawdbot; calls through this SDK send
    /// the provider's <see cref="ModelProviderConfig.Headers"/>.
    /// </summary>
    public IReadOnlyDictionary<string, string>? Headers { get; init; }

    /// <summary>The <c>compat</c> object as standard JSON text, kept for callers that understand it.</summary>
    public string? CompatJson { get; init; }

    /// <summary>
    /// Which optional fields the file wrote, so a merge with discovered facts can tell "declared as the default"
    /// from "left out" (declared fields win).
    /// </summary>
    public ModelFields DeclaredFields { get; init; }

    /// <summary><c>input</c> as written when an entry is a placeholder the generated code fills in at run time (read by the generator).</summary>
    internal IReadOnlyList<string>? UnresolvedInput { get; init; }
}

/// <summary>The optional fields of a model entry.</summary>
[System.Flags]
#if CLAWDBOT_SDK_RUNTIME
public
#endif
enum ModelFields
{
    /// <summary>No optional field was written.</summary>
    None = 0,
    /// <summary><c>api</c> was written.</summary>
    Api = 1,
    /// <summary><c>reasoning</c> was written.</summary>
    Reasoning = 2,
    /// <summary><c>input</c> was written.</summary>
    Input = 4,
    /// <summary><c>cost</c> was written.</summary>
    Cost = 8,
    /// <summary><c>contextWindow</c> was written.</summary>
    ContextWindow = 16,
    /// <summary><c>maxTokens</c> was written.</summary>
    MaxTokens = 32,
    /// <summary><c>headers</c> was written.</summary>
    Headers = 64,
    /// <summary><c>compat</c> was written.</summary>
    Compat = 128,
}

/// <summary>A kind of content a model accepts in a prompt (<c>input</c>).</summary>
#if CLAWDBOT_SDK_RUNTIME
public
#endif
enum ModelInput
{
    /// <summary>Text (<c>text</c>).</summary>
    Text,
    /// <summary>Images (<c>image</c>).</summary>
    Image,
}

/// <summary>Prices in USD per one million tokens.</summary>
sealed partial record ModelCost(decimal Input, decimal Output, decimal CacheRead, decimal CacheWrite)
{
    /// <summary>No price: every component 0, as for a model whose file gives no <c>cost</c>.</summary>
    public static ModelCost Zero { get; } = new(0m, 0m, 0m, 0m);

    /// <summary>True when every component is 0, so no cost is computed.</summary>
    public bool IsZero => Input == 0m && Output == 0m && CacheRead == 0m && CacheWrite == 0m;
}

/// <summary>The defaults Clawdbot applies to a model entry that leaves a field out.</summary>
internal static class ModelDefaults
{
    public const int ContextWindow = 200000;

    public const int MaxTokens = 8192;
}

/// <summary><c>models.bedrockDiscovery</c>.</summary>
sealed partial record BedrockDiscoveryConfig
{
    /// <summary>Null when the file leaves it out: discovery then runs when credentials resolve.</summary>
    public bool? Enabled { get; init; }

    /// <summary>
    /// The AWS region to discover in (<c>region</c>); null when not written (the provider's region is used).
    /// </summary>
    public string? Region { get; init; }

    /// <summary>
    /// Model vendors to keep, compared without case with Bedrock's provider name (<c>anthropic</c>, <c>amazon</c>…).
    /// Empty (the default): every vendor.
    /// </summary>
    public IReadOnlyList<string> ProviderFilter { get; init; } = [];

    /// <summary>
    /// How long a discovery result is kept before Bedrock is asked again, in seconds; 0 keeps nothing. Default: <see
    /// cref="DefaultRefreshInterval"/>.
    /// </summary>
    public int RefreshInterval { get; init; } = DefaultRefreshInterval;

    /// <summary>
    /// The context window, in tokens, given to a discovered model whose limits are not known. Default: <see
    /// cref="DefaultContextWindowValue"/>.
    /// </summary>
    public int DefaultContextWindow { get; init; } = DefaultContextWindowValue;

    /// <summary>
    /// The max tokens given to a discovered model whose limits are not known. Default: <see
    /// cref="DefaultMaxTokensValue"/>.
    /// </summary>
    public int DefaultMaxTokens { get; init; } = DefaultMaxTokensValue;

    /// <summary>The default <see cref="RefreshInterval"/>: 3,600 seconds (one hour).</summary>
    public const int DefaultRefreshInterval = 3600;

    /// <summary>The default <see cref="DefaultContextWindow"/>: 32,000 tokens.</summary>
    public const int DefaultContextWindowValue = 32000;

    /// <summary>The default <see cref="DefaultMaxTokens"/>: 4,096 tokens.</summary>
    public const int DefaultMaxTokensValue = 4096;
}

/// <summary><c>agents.defaults</c>: the default model, its fallbacks and the model aliases.</summary>
sealed partial record AgentDefaultsConfig
{
    /// <summary><c>agents.defaults.model.primary</c>, as written (a <c>provider/id</c> reference or an alias).</summary>
    public string? PrimaryModel { get; init; }

    /// <summary>
    /// <c>agents.defaults.model.fallbacks</c>: references tried in order after the primary model, as written. Empty
    /// when none.
    /// </summary>
    public IReadOnlyList<string> FallbackModels { get; init; } = [];

    /// <summary><c>agents.defaults.models</c>: per-model entries keyed by <c>provider/id</c>, in file order.</summary>
    public IReadOnlyList<AgentModelEntry> Models { get; init; } = [];

#if CLAWDBOT_SDK_RUNTIME
    /// <summary>
    /// The <c>params</c> of the entry keyed <c>providerId/modelId</c> (as Clawdbot looks them up), with
    /// <c>${NAME}</c> placeholders filled from the process environment; null when there is no such entry or it sets none.
    /// </summary>
    public AgentModelParams? ParamsFor(string providerId, string modelId)
    {
        foreach (var entry in Models)
        {
            if (entry.ParamsJson is not null && ModelReference.TryParse(entry.Ref, out var reference)
                && reference.Provider == providerId && reference.ModelId == modelId)
            {
                var parameters = entry.Params;
                return parameters.IsEmpty ? null : parameters;
            }
        }

        return null;
    }
#endif
}

/// <summary>An entry of <c>agents.defaults.models</c>.</summary>
sealed partial record AgentModelEntry
{
    /// <summary>The <c>provider/model-id</c> reference the entry is keyed by.</summary>
    public required string Ref { get; init; }

    /// <summary>
    /// A short name that may stand for <see cref="Ref"/> wherever a model reference is written; null when none.
    /// </summary>
    public string? Alias { get; init; }

    /// <summary>The <c>params</c> object as standard JSON text.</summary>
    public string? ParamsJson { get; init; }

#if CLAWDBOT_SDK_RUNTIME
    // Run time only: the generator may not read the environment, and emits ParamsJson, the one source of these.

    /// <summary>
    /// The params this SDK applies, read from <see cref="ParamsJson"/> on each use, with <c>${NAME}</c> placeholders
    /// filled from the process environment then (a placeholder whose variable is unset leaves its param unset).
    /// </summary>
    public AgentModelParams Params => AgentModelParams.FromJson(ParamsJson, System.Environment.GetEnvironmentVariable);
#endif
}
