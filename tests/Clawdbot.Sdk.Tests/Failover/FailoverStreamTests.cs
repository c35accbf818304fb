using Clawdbot.Sdk.Testing;
using static Clawdbot.Sdk.Tests.Failover.FailoverFixture;

namespace Clawdbot.Sdk.Tests.Failover;

/// <summary>A chain's stream after its first update: the answering model's updates pass through, under both tokens.</summary>
public sealed class FailoverStreamTests
{
    public enum CancelledToken
    {
        GivenToStream,
        GivenToEnumerator,
        EnumeratorsOfTwo,
    }

    [Theory]
    [InlineData(CancelledToken.GivenToStream)]
    [InlineData(CancelledToken.GivenToEnumerator)]
    [InlineData(CancelledToken.EnumeratorsOfTwo)]
    public async Task Cancelling_either_token_stops_the_stream_and_calls_no_other_model(CancelledToken which)
    {
        await using var bedrock = await LocalBedrock.StartAsync();
        using var client = Client(bedrock);
        bedrock.Enqueue(Script.Stream().Text("one ", "two ", "three"), Primary);
        using var cancelled = new CancellationTokenSource();
        using var other = new CancellationTokenSource();
        var streamToken = which == CancelledToken.GivenToStream ? cancelled.Token : which == CancelledToken.EnumeratorsOfTwo ? other.Token : default;
        var enumeratorToken = which == CancelledToken.GivenToStream ? default : cancelled.Token;

        var updates = Chain(client).StreamAsync("Hi", streamToken).GetAsyncEnumerator(enumeratorToken);
        await using (updates)
        {
            Assert.True(await updates.MoveNextAsync());
            Assert.IsType<MessageStart>(updates.Current);
            Assert.True(await updates.MoveNextAsync());
            Assert.Equal("one ", Assert.IsType<TextDelta>(updates.Current).Text);
            cancelled.Cancel();

            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => updates.MoveNextAsync().AsTask());
            Assert.False(await updates.MoveNextAsync());
        }

        Assert.Equal(1, CallsTo(bedrock, Primary));
        Assert.Equal(0, CallsTo(bedrock, Second));
    }

    [Fact]
    public async Task A_fallbacks_updates_pass_through_to_the_end_and_the_enumerator_stays_ended()
    {
        await using var bedrock = await LocalBedrock.StartAsync();
        using var client = Client(bedrock);
        bedrock.SetStandingResponse(Primary, Script.HttpError(503, "ServiceUnavailableException", "Service unavailable"));
        bedrock.Enqueue(Script.Stream().Text("from ", "the ", "fallback"), Second);

        var updates = Chain(client).StreamAsync("Hi").GetAsyncEnumerator();
        var received = new List<StreamUpdate>();
        await using (updates)
        {
            while (await updates.MoveNextAsync())
            {
                received.Add(updates.Current);
            }

            Assert.False(await updates.MoveNextAsync());
        }

        var start = Assert.IsType<MessageStart>(received[0]);
        Assert.Equal("amazon-bedrock/" + Second, start.ModelRef);
        Assert.Equal("from the fallback", string.Concat(received.OfType<TextDelta>().Select(t => t.Text)));
        Assert.IsType<UsageUpdate>(received.Last(u => u is not MetricsUpdate));
    }
}
