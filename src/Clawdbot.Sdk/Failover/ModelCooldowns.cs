using System.Collections.Concurrent;

namespace Clawdbot.Sdk;

/// <summary>
/// Which models of a <see cref="BedrockClient"/> failed over recently, so that a <see cref="BedrockFallbackChain"/>
/// passes them over for a while instead of sending a burst to a model that just refused. One per client (a host's
/// clients have their own), timed by the client's <see cref="BedrockClientOptions.TimeProvider"/>.
/// </summary>
/// <remarks>
/// Clawdbot's schedule: 1 minute after the first failure, then 5, 25, and at most 60 minutes while failures follow one
/// another; an answer from the model clears it, and a model quiet for 24 hours starts again from 1 minute.
/// </remarks>
internal sealed class ModelCooldowns(TimeProvider time)
{
    private static readonly TimeSpan s_first = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan s_longest = TimeSpan.FromHours(1);
    private static readonly TimeSpan s_failureWindow = TimeSpan.FromHours(24);
    private const int Factor = 5;

    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    public TimeProvider Time => time;

    /// <summary>When <paramref name="modelId"/>'s cool-down ends, or null when it may be called now.</summary>
    public DateTimeOffset? CoolingUntil(string modelId)
        => _entries.TryGetValue(modelId, out var entry) && entry.Until > time.GetUtcNow() ? entry.Until : null;

    /// <summary>Starts (or lengthens) <paramref name="modelId"/>'s cool-down; returns when it ends.</summary>
    public DateTimeOffset RecordFailure(string modelId)
    {
        var now = time.GetUtcNow();
        var entry = _entries.AddOrUpdate(
            modelId,
            _ => new Entry(1, now, now + s_first),
            (_, previous) =>
            {
                var failures = now - previous.LastFailure > s_failureWindow ? 1 : previous.Failures + 1;
                return new Entry(failures, now, now + Duration(failures));
            });
        return entry.Until;
    }

    /// <summary>The model answered: its failures are forgotten.</summary>
    public void RecordSuccess(string modelId) => _entries.TryRemove(modelId, out _);

    private static TimeSpan Duration(int failures)
    {
        var duration = s_first;
        for (var i = 1; i < failures && duration < s_longest; i++)
        {
            duration *= Factor;
        }

        return duration < s_longest ? duration : s_longest;
    }

    private sealed record Entry(int Failures, DateTimeOffset LastFailure, DateTimeOffset Until);
}
