namespace Clawdbot.Sdk;

/// <summary>
/// <c>models.bedrockDiscovery</c> normalized the way Clawdbot reads it: the filter trimmed, lower-cased, de-duplicated
/// and sorted; non-positive defaults replaced by the built-in ones; a negative refresh interval read as 0 (no cache).
/// </summary>
internal sealed record DiscoverySettings
{
    public required IReadOnlyList<string> ProviderFilter { get; init; }

    public int DefaultContextWindow { get; init; } = BedrockDiscoveryConfig.DefaultContextWindowValue;

    public int DefaultMaxTokens { get; init; } = BedrockDiscoveryConfig.DefaultMaxTokensValue;

    public TimeSpan RefreshInterval { get; init; } = TimeSpan.FromSeconds(BedrockDiscoveryConfig.DefaultRefreshInterval);

    public static DiscoverySettings From(BedrockDiscoveryConfig? config)
    {
        config ??= new BedrockDiscoveryConfig();
        var filter = config.ProviderFilter
            .Select(static entry => entry.Trim().ToLowerInvariant())
            .Where(static entry => entry.Length > 0)
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .ToArray();
        return new DiscoverySettings
        {
            ProviderFilter = filter,
            DefaultContextWindow = config.DefaultContextWindow > 0 ? config.DefaultContextWindow : BedrockDiscoveryConfig.DefaultContextWindowValue,
            DefaultMaxTokens = config.DefaultMaxTokens > 0 ? config.DefaultMaxTokens : BedrockDiscoveryConfig.DefaultMaxTokensValue,
            RefreshInterval = TimeSpan.FromSeconds(Math.Max(0, config.RefreshInterval)),
        };
    }

    /// <summary>The part of the settings that changes what discovery returns: the cache key, with region, endpoint and identity.</summary>
    public string CacheKey(string region, Uri endpoint, string? credentialIdentity)
        => string.Join('\u001f', region, endpoint.AbsoluteUri, string.Join(',', ProviderFilter), DefaultContextWindow, DefaultMaxTokens, credentialIdentity ?? "");

    /// <summary>
    /// Whether a model of <paramref name="providerName"/> with <paramref name="foundationModelId"/> passes the filter:
    /// a filter entry matches the provider name case-insensitively (whole, or its first word: "mistral" finds
    /// "Mistral AI"), or a prefix of the id ("meta" finds "meta.llama3-…").
    /// </summary>
    public bool Admits(string? providerName, string foundationModelId)
    {
        if (ProviderFilter.Count == 0)
        {
            return true;
        }

        var name = providerName?.Trim() ?? "";
        foreach (var entry in ProviderFilter)
        {
            if (name.Equals(entry, StringComparison.OrdinalIgnoreCase)
                || (name.StartsWith(entry, StringComparison.OrdinalIgnoreCase) && name.Length > entry.Length && name[entry.Length] == ' ')
                || foundationModelId.StartsWith(entry, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }
}
