namespace Clawdbot.Sdk;

/// <summary>How long Bedrock keeps what a prompt cache point caches (<c>cachePoint.ttl</c>).</summary>
public enum CacheTtl
{
    /// <summary>Five minutes (<c>5m</c>), the default when a cache point names no TTL.</summary>
    FiveMinutes,
    /// <summary>
    /// One hour (<c>1h</c>), on the models that offer it (Claude Sonnet 4.5, Haiku 4.5, Opus 4.5 and later); its cache
    /// writes cost twice the input price instead of the 5-minute write price.
    /// </summary>
    OneHour,
}
