namespace Clawdbot.Sdk.Wire;

/// <summary>
/// Automatic prompt caching (<see cref="ConverseRequest.CacheRetention"/>), as pi-ai, Clawdbot's engine, places it on
/// Bedrock: a cache point after the system prompt and one after the last turn when that is the user's.
/// <list type="bullet">
/// <item>Claude 3.5 Haiku, 3.7 Sonnet, 4 and later cache; unset retention means short for a declared model, as
/// Clawdbot leaves it to pi-ai, whose default is short.</item>
/// <item>Amazon Nova caches only when retention is set (Clawdbot's rule), and only for five minutes.</item>
/// <item>The 1-hour TTL exists on Claude 4.5 and later; elsewhere <c>long</c> falls back to five minutes rather than
/// have Bedrock refuse the call.</item>
/// </list>
/// </summary>
internal static class PromptCachePlan
{
    public const string FiveMinutes = "5m";
    public const string OneHour = "1h";

    public static string WireTtl(CacheTtl ttl) => ttl == CacheTtl.OneHour ? OneHour : FiveMinutes;

    /// <summary>The TTL of the automatic cache points of <paramref name="request"/>, or null when it gets none.</summary>
    public static string? AutomaticTtl(ConverseRequest request, string familyModelId)
    {
        var family = FamilyOf(familyModelId);
        var explicitRetention = request.CacheRetention ?? request.Params?.CacheRetention;
        var retention = explicitRetention
            ?? (request.Model is not null && family is Family.Claude or Family.ClaudeLongTtl ? CacheRetention.Short : CacheRetention.None);
        if (retention == CacheRetention.None || family == Family.None)
        {
            return null;
        }

        return retention == CacheRetention.Long && family == Family.ClaudeLongTtl ? OneHour : FiveMinutes;
    }

    /// <summary>Adds the automatic cache points to the wire lists, where they do not already end with one.</summary>
    public static void Place(ConverseRequest request, string familyModelId, List<MessageWire> messages, ref List<SystemBlockWire>? system)
    {
        if (AutomaticTtl(request, familyModelId) is not { } ttl)
        {
            return;
        }

        if (system is { Count: > 0 } && system[^1].CachePoint is null)
        {
            system.Add(new SystemBlockWire { CachePoint = new CachePointWire { Ttl = ttl } });
        }

        if (messages.Count > 0 && messages[^1] is { Role: "user" } last && last.Content is { Count: > 0 } content && content[^1].CachePoint is null)
        {
            content.Add(new ContentBlockWire { CachePoint = new CachePointWire { Ttl = ttl } });
        }
    }

    private enum Family
    {
        None,
        Nova,
        Claude,
        ClaudeLongTtl,
    }

    private static Family FamilyOf(string modelId)
    {
        if (ModelFamily.NovaGeneration(modelId) is not null)
        {
            return Family.Nova;
        }

        return ModelFamily.ClaudeVersion(modelId) switch
        {
            null => Family.None,
            var (major, minor) when major > 4 || (major == 4 && minor >= 5) => Family.ClaudeLongTtl,
            (4, _) or (3, 7) => Family.Claude,
            (3, 5) when ModelFamily.IsClaudeHaiku(modelId) => Family.Claude,
            _ => Family.None,
        };
    }
}
