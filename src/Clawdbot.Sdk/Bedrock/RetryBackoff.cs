namespace Clawdbot.Sdk;

/// <summary>Exponential backoff with full jitter (AWS standard retry mode): uniform in [0, min(cap, base·2^(n-1))].</summary>
internal static class RetryBackoff
{
    public static TimeSpan Delay(int failedAttempts, TimeSpan baseDelay, TimeSpan maxDelay, Func<double>? random = null)
    {
        var exponent = Math.Min(failedAttempts - 1, 30);
        var ceiling = Math.Min(maxDelay.TotalMilliseconds, baseDelay.TotalMilliseconds * Math.Pow(2, exponent));
        return TimeSpan.FromMilliseconds(ceiling * (random ?? Random.Shared.NextDouble)());
    }
}
