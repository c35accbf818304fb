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
    public ModelsConfig Models { get; init; } = new();

    public AgentDefaultsConfig AgentDefaults { get; init; } = new();
}

/// <summary><c>models</c>: how declared providers combine with built-in and discovered ones.</summary>
sealed partial record ModelsConfig
{
    public ModelsMode Mode { get; init; } = ModelsMode.Merge;

    /// <summary>Declared providers in file order, keyed by provider id.</summary>
    public IReadOnlyList<ModelProviderConfig> Providers { get; init; } = [];

    public BedrockDiscoveryConfig? BedrockDiscovery { get; init; }

    /// <summary><c>mode</c> as written when it is a placeholder the generated code fills in at run time (read by the generator).</summary>
    internal string? UnresolvedMode { get; init; }
}

#if CLAWDBOT_SDK_RUNTIME
public
#endif
enum ModelsMode
{
    Merge,
    Replace,
}

/// <summary>An entry of <c>models.providers</c>.</summary>
sealed partial record ModelProviderConfig
{
    public required string Id { get; init; }

    public required string BaseUrl { get; init; }

    /// <summary>An API key or <c>${NAME}</c> placeholder; never printed by <see cref="ToString"/>.</summary>
    public string? ApiKey { get; init; }

    public string? Auth { get; init; }

    public string? Api { get; init; }

    public IReadOnlyDictionary<string, string>? Headers { get; init; }

    public bool? AuthHeader { get; init; }

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
    public required string Id { get; init; }

    public required string Name { get; init; }

    public string? Api { get; init; }

    public bool Reasoning { get; init; }

    public IReadOnlyList<ModelInput> Input { get; init; } = [ModelInput.Text];

    public ModelCost Cost { get; init; } = ModelCost.Zero;

    public int ContextWindow { get; init; } = ModelDefaults.ContextWindow;

    public int MaxTokens { get; init; } = ModelDefaults.MaxTokens;

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
    None = 0,
    Api = 1,
    Reasoning = 2,
    Input = 4,
    Cost = 8,
    ContextWindow = 16,
    MaxTokens = 32,
    Headers = 64,
    Compat = 128,
}

#if CLAWDBOT_SDK_RUNTIME
public
#endif
enum ModelInput
{
    Text,
    Image,
}

/// <summary>Prices in USD per one million tokens.</summary>
sealed partial record ModelCost(decimal Input, decimal Output, decimal CacheRead, decimal CacheWrite)
{
    public static ModelCost Zero { get; } = new(0m, 0m, 0m, 0m);

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

    public string? Region { get; init; }

    public IReadOnlyList<string> ProviderFilter { get; init; } = [];

    public int RefreshInterval { get; init; } = DefaultRefreshInterval;

    public int DefaultContextWindow { get; init; } = DefaultContextWindowValue;

    public int DefaultMaxTokens { get; init; } = DefaultMaxTokensValue;

    public const int DefaultRefreshInterval = 3600;

    public const int DefaultContextWindowValue = 32000;

    public const int DefaultMaxTokensValue = 4096;
}

/// <summary><c>agents.defaults</c>: the default model, its fallbacks and the model aliases.</summary>
sealed partial record AgentDefaultsConfig
{
    /// <summary><c>agents.defaults.model.primary</c>, as written (a <c>provider/id</c> reference or an alias).</summary>
    public string? PrimaryModel { get; init; }

    public IReadOnlyList<string> FallbackModels { get; init; } = [];

    /// <summary><c>agents.defaults.models</c>: per-model entries keyed by <c>provider/id</c>, in file order.</summary>
    public IReadOnlyList<AgentModelEntry> Models { get; init; } = [];
}

/// <summary>An entry of <c>agents.defaults.models</c>.</summary>
sealed partial record AgentModelEntry
{
    public required string Ref { get; init; }

    public string? Alias { get; init; }

    /// <summary>The <c>params</c> object as standard JSON text.</summary>
    public string? ParamsJson { get; init; }
}
