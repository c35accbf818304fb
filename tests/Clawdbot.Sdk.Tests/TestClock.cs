using Clawdbot.Sdk.Testing;
using Microsoft.Extensions.Time.Testing;

namespace Clawdbot.Sdk.Tests;

/// <summary>
/// One fake clock for LocalBedrock's scripted delays and the client's timeouts: a test waits for what it expects,
/// then advances time, so nothing depends on how fast the machine is.
/// </summary>
internal static class TestClock
{
    /// <summary>
    /// A fake clock standing at the real time: AWSSDK signs with the real clock and the emulator checks the skew
    /// (5 minutes) on this one, so a test advances it by seconds, not hours.
    /// </summary>
    public static FakeTimeProvider Create() => new(DateTimeOffset.UtcNow);

    /// <summary>An emulator whose scripted delays run on <paramref name="time"/>.</summary>
    public static Task<LocalBedrock> StartBedrockAsync(FakeTimeProvider time)
        => LocalBedrock.StartAsync(new LocalBedrockOptions { TimeProvider = time });
}
