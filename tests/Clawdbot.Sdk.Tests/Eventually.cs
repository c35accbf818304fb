namespace Clawdbot.Sdk.Tests;

/// <summary>
/// Waits for something a test expects to happen. The bound only keeps a broken test from hanging the run: it is far
/// longer than any machine needs, so no outcome depends on how fast the machine is.
/// </summary>
internal static class Eventually
{
    public static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    /// <summary>Polls <paramref name="condition"/> until it holds; fails the test naming <paramref name="what"/> after <see cref="Bound"/>.</summary>
    public static async Task UntilAsync(Func<bool> condition, string what)
    {
        var giveUp = TimeProvider.System.GetTimestamp();
        while (!condition())
        {
            Assert.True(TimeProvider.System.GetElapsedTime(giveUp) < Bound, $"Still waiting after {Bound.TotalSeconds} s for {what}.");
            await Task.Delay(5);
        }
    }

    /// <summary>The task's outcome; fails the test naming <paramref name="what"/> when it has none after <see cref="Bound"/>.</summary>
    public static async Task<T> Within<T>(Task<T> task, string what)
    {
        await Within((Task)task, what);
        return await task;
    }

    /// <inheritdoc cref="Within{T}(Task{T}, string)"/>
    public static async Task Within(Task task, string what)
    {
        if (await Task.WhenAny(task, Task.Delay(Bound)) != task)
        {
            Assert.Fail($"Still waiting after {Bound.TotalSeconds} s for {what}.");
        }

        await task;
    }
}
