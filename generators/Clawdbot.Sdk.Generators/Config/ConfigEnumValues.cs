using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace Clawdbot.Sdk.Generated;

/// <summary>
/// The fields whose value is one word of a fixed set (<c>mode</c>, <c>auth</c>, <c>api</c>, <c>input</c>), shared by
/// the reader and by generated code. A <c>${NAME}</c> placeholder in such a field is filled in before the word is
/// interpreted, when the config is loaded: by <see cref="ClawdbotConfig.Load"/> at once, and, for a file compiled by
/// the generator (which cannot know the environment), by the <c>Resolve…</c> calls it emits into
/// <c>Bedrock.Config</c>, which run when that property is first used.
/// </summary>
static partial class ConfigEnumValues
{
    internal static readonly string[] Modes = ["merge", "replace"];
    internal static readonly string[] Auths = ["api-key", "aws-sdk", "oauth", "token"];
    internal static readonly string[] Apis = ["openai-completions", "openai-responses", "anthropic-messages", "google-generative-ai", "github-copilot", ClawdbotConfigReader.BedrockApi];
    internal static readonly string[] Inputs = ["text", "image"];

    /// <summary><c>models.mode</c>: <paramref name="text"/> with its placeholders filled from <paramref name="lookup"/>.</summary>
    public static ModelsMode ResolveMode(string text, string path, Func<string, string?> lookup)
        => ToMode(Resolve(text, path, Modes, lookup));

    /// <summary>A provider's <c>auth</c>, filled from <paramref name="lookup"/> and checked.</summary>
    public static string ResolveAuth(string text, string path, Func<string, string?> lookup)
        => Resolve(text, path, Auths, lookup);

    /// <summary>A provider's or model's <c>api</c>, filled from <paramref name="lookup"/> and checked.</summary>
    public static string ResolveApi(string text, string path, Func<string, string?> lookup)
        => Resolve(text, path, Apis, lookup);

    /// <summary>A model's <c>input</c> list, each entry filled from <paramref name="lookup"/> and checked.</summary>
    public static IReadOnlyList<ModelInput> ResolveInput(string[] texts, string path, Func<string, string?> lookup)
        => ToInputs(texts.Select((text, i) => Resolve(text, path + "[" + i.ToString(CultureInfo.InvariantCulture) + "]", Inputs, lookup)));

    internal static ModelsMode ToMode(string? word) => word == "replace" ? ModelsMode.Replace : ModelsMode.Merge;

    /// <summary>The kinds named by <paramref name="words"/>, each once, in first-seen order.</summary>
    internal static IReadOnlyList<ModelInput> ToInputs(IEnumerable<string> words)
        => words.Select(word => word == "image" ? ModelInput.Image : ModelInput.Text).Distinct().ToList();

    internal static string AllowedList(string[] allowed) => string.Join(", ", allowed.Select(a => "'" + a + "'"));

    private static string Resolve(string text, string path, string[] allowed, Func<string, string?> lookup)
    {
        var value = EnvironmentPlaceholders.Expand(text, lookup, "'" + path + "'");
        if (Array.IndexOf(allowed, value) < 0)
        {
            // The reader's CLAW2004 message, so a value fixed at run time reads as the compiler would have put it.
            throw new InvalidOperationException(string.Format(
                CultureInfo.InvariantCulture, ConfigRules.InvalidValueMessage, path, AllowedList(allowed), value, " (from '" + text + "')"));
        }

        return value;
    }
}
