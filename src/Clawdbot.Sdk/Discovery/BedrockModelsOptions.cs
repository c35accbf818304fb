namespace Clawdbot.Sdk;

/// <summary>How <see cref="BedrockModels"/> runs discovery.</summary>
public sealed class BedrockModelsOptions
{
    /// <summary>
    /// Where results are kept between calls. When null: the client's cache (listing through a client), else nowhere
    /// (there is no process-wide cache).
    /// </summary>
    public BedrockDiscoveryCache? Cache { get; set; }

    /// <summary>Ignore a cached result and ask Bedrock again (a call already in flight is still shared).</summary>
    public bool Refresh { get; set; }

    /// <summary>How long the upstream listing may take, all pages together.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Told about a discovery failure once: the first time it happens for a region/filter/identity, and again only
    /// after a success. The listing itself carries the error on every call.
    /// </summary>
    public Action<Exception>? OnDiscoveryError { get; set; }

    /// <summary>A copy using <paramref name="cache"/>; the caller's options are never changed.</summary>
    internal BedrockModelsOptions WithCache(BedrockDiscoveryCache cache) => new()
    {
        Cache = cache,
        Refresh = Refresh,
        Timeout = Timeout,
        OnDiscoveryError = OnDiscoveryError,
    };
}
