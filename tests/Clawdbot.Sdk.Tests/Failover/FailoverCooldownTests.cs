using Clawdbot.Sdk.Testing;
using Microsoft.Extensions.Time.Testing;
using static Clawdbot.Sdk.Tests.Failover.FailoverFixture;

namespace Clawdbot.Sdk.Tests.Failover;

/// <summary>A model that failed over is passed over for a while (1, 5, 25, 60 minutes), on the client's clock.</summary>
public sealed class FailoverCooldownTests
{
    private static readonly HttpErrorScript s_throttled = Script.HttpError(429, "ThrottlingException", "Rate exceeded");

    [Fact]
    public async Task A_failed_primary_is_passed_over_during_its_cool_down_then_readmitted()
    {
        await using var bedrock = await LocalBedrock.StartAsync();
        var time = new FakeTimeProvider(DateTimeOffset.Parse("2026-01-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        // One attempt per model: retry backoff would wait on the fake clock.
        using var client = Client(bedrock, time, maxAttempts: 1);
        var chain = Chain(client);
        bedrock.SetStandingResponse(Primary, s_throttled);

        var first = await chain.CompleteAsync("one");
        bedrock.SetStandingResponse(Primary, null);
        var during = await chain.CompleteAsync("two");

        Assert.Equal("amazon-bedrock/" + Second, first.ModelRef);
        Assert.Equal("amazon-bedrock/" + Second, during.ModelRef);
        var passed = Assert.Single(during.FailoverAttempts);
        Assert.True(passed.Skipped);
        Assert.Contains("cooling down until 2026-01-01 00:01:00Z", passed.Message);
        Assert.Equal(1, CallsTo(bedrock, Primary));

        time.Advance(TimeSpan.FromMinutes(1));
        var after = await chain.CompleteAsync("three");

        Assert.Equal("amazon-bedrock/" + Primary, after.ModelRef);
        Assert.Empty(after.FailoverAttempts);
        Assert.Equal(2, CallsTo(bedrock, Primary));
    }

    [Fact]
    public async Task Failures_in_a_row_lengthen_the_cool_down_and_an_answer_clears_it()
    {
        await using var bedrock = await LocalBedrock.StartAsync();
        var time = new FakeTimeProvider();
        using var client = Client(bedrock, time, maxAttempts: 1);
        var chain = Chain(client);
        bedrock.SetStandingResponse(Primary, s_throttled);

        await chain.CompleteAsync("1");                 // cools 1 minute
        time.Advance(TimeSpan.FromMinutes(1));
        await chain.CompleteAsync("2");                 // fails again: cools 5 minutes
        time.Advance(TimeSpan.FromMinutes(4));
        await chain.CompleteAsync("3");                 // still cooling
        Assert.Equal(2, CallsTo(bedrock, Primary));

        time.Advance(TimeSpan.FromMinutes(1));
        bedrock.SetStandingResponse(Primary, null);
        Assert.Equal("amazon-bedrock/" + Primary, (await chain.CompleteAsync("4")).ModelRef);

        // The answer forgot the failures: the next one cools for 1 minute again.
        bedrock.SetStandingResponse(Primary, s_throttled);
        await chain.CompleteAsync("5");
        time.Advance(TimeSpan.FromMinutes(1));
        await chain.CompleteAsync("6");
        Assert.Equal(5, CallsTo(bedrock, Primary));
    }

    [Fact]
    public async Task When_every_model_is_cooling_down_the_one_that_recovers_first_is_tried()
    {
        await using var bedrock = await LocalBedrock.StartAsync();
        var time = new FakeTimeProvider();
        using var client = Client(bedrock, time, maxAttempts: 1);
        var chain = Chain(client);
        bedrock.SetStandingResponse(Primary, s_throttled);
        bedrock.SetStandingResponse(Second, s_throttled);
        bedrock.SetStandingResponse(Third, s_throttled);

        await Assert.ThrowsAsync<BedrockException>(() => chain.CompleteAsync("all fail"));   // all cool 1 minute
        time.Advance(TimeSpan.FromMinutes(1));
        bedrock.SetStandingResponse(Third, null);
        await chain.CompleteAsync("third answers");                                          // primary and second: 5 minutes
        bedrock.SetStandingResponse(Third, s_throttled);
        await Assert.ThrowsAsync<BedrockException>(() => chain.CompleteAsync("third fails")); // third: 1 minute
        bedrock.SetStandingResponse(Primary, null);
        bedrock.SetStandingResponse(Second, null);
        bedrock.SetStandingResponse(Third, null);
        var primaryCalls = CallsTo(bedrock, Primary);

        var result = await chain.CompleteAsync("all cooling");

        // Every model is cooling; the third's cool-down ends first, so it alone is tried.
        Assert.Equal("amazon-bedrock/" + Third, result.ModelRef);
        Assert.Equal(["amazon-bedrock/" + Primary, "amazon-bedrock/" + Second], result.FailoverAttempts.Select(a => a.ModelRef));
        Assert.All(result.FailoverAttempts, a => Assert.True(a.Skipped));
        Assert.Equal(primaryCalls, CallsTo(bedrock, Primary));
    }

    [Fact]
    public async Task Cool_downs_belong_to_a_client_so_another_client_still_calls_the_model()
    {
        await using var bedrock = await LocalBedrock.StartAsync();
        var time = new FakeTimeProvider();
        using var hostA = Client(bedrock, time, maxAttempts: 1);
        using var hostB = Client(bedrock, time, maxAttempts: 1);
        bedrock.SetStandingResponse(Primary, s_throttled);
        await Chain(hostA).CompleteAsync("a");
        bedrock.SetStandingResponse(Primary, null);

        var other = await Chain(hostB).CompleteAsync("b");

        Assert.Equal("amazon-bedrock/" + Primary, other.ModelRef);
    }
}
