namespace Clawdbot.Sdk.Generators.Model;

// Every record here is a pipeline value: it must stay equatable (strings, numbers, enums, EquatableArray only;
// no Location, SourceText, ISymbol or SyntaxNode), so that a comment or whitespace edit leaves it Unchanged.

/// <summary>A config file reduced to what the emitter needs.</summary>
internal sealed record ModelsFileSpec(
    string FilePath,
    ModelsMode Mode,
    string? UnresolvedMode,
    EquatableArray<ProviderSpec> Providers,
    DiscoverySpec? Discovery,
    AgentDefaultsSpec AgentDefaults,
    string? DefaultModelIdentifier,
    GuardrailSpec? Guardrail = null);

internal sealed record ProviderSpec(
    string Id,
    string BaseUrl,
    string? Region,
    string? ApiKey,
    string? Auth,
    string? Api,
    EquatableArray<KeyValueSpec>? Headers,
    bool? AuthHeader,
    bool EmitsDescriptors,
    EquatableArray<ModelSpec> Models);

internal sealed record ModelSpec(
    string Identifier,
    string Id,
    string Name,
    string? Api,
    bool Reasoning,
    EquatableArray<ModelInput> Input,
    EquatableArray<string>? UnresolvedInput,
    decimal CostInput,
    decimal CostOutput,
    decimal CostCacheRead,
    decimal CostCacheWrite,
    int ContextWindow,
    int MaxTokens,
    EquatableArray<KeyValueSpec>? Headers,
    string? CompatJson,
    ModelFields DeclaredFields);

internal sealed record DiscoverySpec(
    bool? Enabled,
    string? Region,
    EquatableArray<string> ProviderFilter,
    int RefreshInterval,
    int DefaultContextWindow,
    int DefaultMaxTokens);

internal sealed record GuardrailSpec(string Identifier, string Version, string? Trace, string? StreamProcessingMode);

internal sealed record AgentDefaultsSpec(string? PrimaryModel, EquatableArray<string> FallbackModels, EquatableArray<AgentModelSpec> Models);

internal sealed record AgentModelSpec(string Ref, string? Alias, string? ParamsJson);

internal sealed record KeyValueSpec(string Key, string Value);

/// <summary>What the parse step hands on: the spec (null when the file is unusable) and its diagnostics.</summary>
internal sealed record ParsedModelsFile(ModelsFileSpec? Spec, EquatableArray<DiagnosticInfo> Diagnostics);

/// <summary>The MSBuild-supplied options the emitter needs (strings only: must stay equatable).</summary>
/// <param name="Namespace">ClawdbotSdkNamespace, else RootNamespace.</param>
/// <param name="Accessibility">ClawdbotSdkGeneratedAccessibility as written; see <see cref="AccessibilityKeyword"/>.</param>
internal sealed record GeneratorOptions(string? Namespace, string? Accessibility = null)
{
    /// <summary>
    /// The modifier of the generated <c>Bedrock</c> class: <c>public</c> when unset, <c>public</c> or <c>internal</c> as
    /// written (any case), null for anything else (CLAW3011).
    /// </summary>
    public string? AccessibilityKeyword => Accessibility?.Trim().ToLowerInvariant() switch
    {
        null or "" or "public" => "public",
        "internal" => "internal",
        _ => null,
    };
}
