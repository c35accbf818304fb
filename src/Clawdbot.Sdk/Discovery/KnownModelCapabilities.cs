namespace Clawdbot.Sdk;

/// <summary>
/// What ListFoundationModels does not say: whether a model family reasons and how large its context and output are.
/// Matched by the longest id prefix (after any geo prefix of an inference profile), so a new model of a known family
/// gets the family's figures; unknown families fall back to the discovery defaults.
/// </summary>
internal static class KnownModelCapabilities
{
    internal readonly record struct Capabilities(bool Reasoning, int ContextWindow, int MaxTokens);

    // Longest prefix first, so "anthropic.claude-3-5-haiku" wins over "anthropic.claude-3".
    private static readonly (string Prefix, Capabilities Capabilities)[] Table = BuildTable(
    [
        ("anthropic.claude-opus-4-5", new(true, 200_000, 64_000)),
        ("anthropic.claude-opus-4", new(true, 200_000, 32_000)),
        ("anthropic.claude-sonnet-4", new(true, 200_000, 64_000)),
        ("anthropic.claude-haiku-4", new(true, 200_000, 64_000)),
        ("anthropic.claude-3-7-sonnet", new(true, 200_000, 64_000)),
        ("anthropic.claude-3-5", new(false, 200_000, 8_192)),
        ("anthropic.claude-3", new(false, 200_000, 4_096)),
        ("anthropic.claude", new(false, 200_000, 8_192)),
        ("amazon.nova-premier", new(false, 1_000_000, 10_000)),
        ("amazon.nova-pro", new(false, 300_000, 10_000)),
        ("amazon.nova-lite", new(false, 300_000, 10_000)),
        ("amazon.nova-micro", new(false, 128_000, 10_000)),
        ("amazon.nova-2", new(true, 1_000_000, 65_535)),
        ("meta.llama4", new(false, 1_000_000, 8_192)),
        ("meta.llama3-3", new(false, 128_000, 8_192)),
        ("meta.llama3-2", new(false, 128_000, 8_192)),
        ("meta.llama3-1", new(false, 128_000, 8_192)),
        ("meta.llama3", new(false, 8_000, 2_048)),
        ("mistral.mistral-large", new(false, 128_000, 8_192)),
        ("mistral.pixtral-large", new(false, 128_000, 8_192)),
        ("mistral.magistral", new(true, 128_000, 40_000)),
        ("mistral", new(false, 32_000, 8_192)),
        ("deepseek.r1", new(true, 128_000, 32_768)),
        ("deepseek.v3", new(false, 128_000, 8_192)),
        ("deepseek", new(false, 128_000, 8_192)),
        ("openai.gpt-oss", new(true, 128_000, 32_768)),
        ("qwen.qwen3", new(true, 128_000, 32_768)),
        ("cohere.command-r", new(false, 128_000, 4_096)),
        ("ai21.jamba", new(false, 256_000, 4_096)),
        ("writer.palmyra-x5", new(false, 1_000_000, 8_192)),
        ("writer.palmyra-x4", new(false, 128_000, 8_192)),
    ]);

    /// <summary>The figures for <paramref name="foundationModelId"/> (a bare foundation-model id), if its family is known.</summary>
    public static Capabilities? Find(string foundationModelId)
    {
        foreach (var (prefix, capabilities) in Table)
        {
            if (foundationModelId.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            {
                return capabilities;
            }
        }

        return null;
    }

    private static (string, Capabilities)[] BuildTable((string, Capabilities)[] entries)
    {
        Array.Sort(entries, static (a, b) => b.Item1.Length.CompareTo(a.Item1.Length));
        return entries;
    }
}
