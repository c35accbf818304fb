using System;
using System.Collections.Generic;

namespace Clawdbot.Sdk;

/// <summary>
/// A <c>provider/model-id</c> reference, as <c>agents.defaults.model.primary</c> and the CLI's <c>--model</c> write it.
/// A bare id is an alias when one matches, else it means <c>anthropic/&lt;id&gt;</c>, as in Clawdbot.
/// </summary>
/// <remarks>
/// <see cref="TryResolve"/> is the one rule every reader of a reference applies: the generator's
/// <c>Bedrock.Models.Default</c> and its diagnostics, hosting's default chat client, discovery listings
/// (<c>ModelListing.Resolve</c>) and the CLI. In order: an alias of <c>agents.defaults.models</c> (trimmed,
/// case-insensitive) stands for its reference; an ARN (<c>arn:…</c>, whose own slashes are no provider separator)
/// names a Bedrock resource of the config's Bedrock provider; <c>provider/id</c> splits at the first <c>/</c>;
/// any other bare id means <c>anthropic/&lt;id&gt;</c>.
/// </remarks>
internal readonly record struct ModelReference(string Provider, string ModelId)
{
    /// <summary>The provider Clawdbot assumes for a bare model id that is not an alias.</summary>
    public const string DefaultProvider = "anthropic";

    /// <summary>Providers Clawdbot has built in; references to them are never reported as unknown.</summary>
    public static IReadOnlyList<string> BuiltInProviders { get; } =
    [
        "anthropic", "openai", "openai-codex", "google", "google-vertex", "google-antigravity", "google-gemini-cli", "openrouter",
        "groq", "xai", "mistral", "cerebras", "github-copilot", "amazon-bedrock", "zai", "minimax", "moonshot", "ollama",
        "lmstudio", "deepseek", "opencode", "vercel-ai-gateway", "synthetic", "venice", "qwen-portal", "kimi-code",
    ];

    public override string ToString() => Provider + "/" + ModelId;

    /// <summary>
    /// Splits <paramref name="text"/> at its first '/', so ids that contain '/' (ARNs) survive.
    /// Returns false for text that cannot be a reference (blank, or an empty provider or id).
    /// A bare id yields <see cref="DefaultProvider"/>; resolve aliases first with <see cref="Resolve"/>.
    /// </summary>
    public static bool TryParse(string? text, out ModelReference reference)
    {
        reference = default;
        if (text is null)
        {
            return false;
        }

        var trimmed = text.Trim();
        if (trimmed.Length == 0 || trimmed.Length != text.Length)
        {
            return false;
        }

        var slash = trimmed.IndexOf('/');
        if (slash < 0)
        {
            reference = new ModelReference(DefaultProvider, trimmed);
            return true;
        }

        var provider = trimmed.Substring(0, slash);
        var id = trimmed.Substring(slash + 1);
        if (provider.Length == 0 || id.Length == 0 || provider.Trim().Length != provider.Length || id.Trim().Length != id.Length)
        {
            return false;
        }

        reference = new ModelReference(provider, id);
        return true;
    }

    /// <summary>
    /// Resolves <paramref name="text"/> by the one rule (see <see cref="ModelReference"/>): an alias of
    /// <paramref name="config"/>, an ARN (of the config's Bedrock provider), <c>provider/id</c>, else <c>anthropic/&lt;id&gt;</c>.
    /// </summary>
    public static bool TryResolve(ClawdbotConfig config, string? text, out ModelReference reference)
    {
        if (text is not null && text.IndexOf('/') < 0 && Aliases(config.AgentDefaults).TryGetValue(text.Trim(), out var aliased))
        {
            text = aliased;
        }

        if (text is not null && text.StartsWith("arn:", StringComparison.Ordinal) && text.Trim().Length == text.Length)
        {
            reference = new ModelReference(BedrockProviderId(config), text);
            return true;
        }

        return TryParse(text, out reference);
    }

    /// <summary>
    /// The config's Bedrock provider: <c>amazon-bedrock</c> when declared, else the first declared Bedrock provider,
    /// else <c>amazon-bedrock</c>. ARNs belong to it, and discovery lists under it.
    /// </summary>
    internal static string BedrockProviderId(ClawdbotConfig config)
    {
        const string defaultId = ClawdbotConfigReader.BedrockProviderId;
        var fallback = (string?)null;
        foreach (var provider in config.Models.Providers)
        {
            if (provider.Id == defaultId)
            {
                return defaultId;
            }

            if (fallback is null && ClawdbotConfigReader.IsBedrock(provider))
            {
                fallback = provider.Id;
            }
        }

        return fallback ?? defaultId;
    }

    /// <summary>
    /// Alias → <c>provider/id</c> from <c>agents.defaults.models</c>: trimmed, case-insensitive, and the first entry
    /// that declares an alias wins (as CLAW3007 says), the one rule every alias lookup uses.
    /// </summary>
    public static IReadOnlyDictionary<string, string> Aliases(AgentDefaultsConfig defaults)
    {
        var aliases = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var entry in defaults.Models)
        {
            if (entry.Alias is { } alias && alias.Trim().Length > 0 && !aliases.ContainsKey(alias.Trim()))
            {
                aliases.Add(alias.Trim(), entry.Ref);
            }
        }

        return aliases;
    }

    /// <summary>Like <see cref="TryResolve"/>, throwing <see cref="ArgumentException"/> for text that is no reference.</summary>
    public static ModelReference Resolve(ClawdbotConfig config, string text)
        => TryResolve(config, text, out var reference)
            ? reference
            : throw new ArgumentException($"'{text}' is not a model reference: write 'provider/model-id' or an alias.", nameof(text));
}
