using Xunit;

namespace Clawdbot.Sdk.Tests.Runtime;

public sealed class CostTests
{
    [Fact]
    public void EachTokenKindIsPricedSeparatelyPerMillion()
    {
        var cost = new ModelCost(Input: 15m, Output: 75m, CacheRead: 1.5m, CacheWrite: 18.75m);
        Assert.Equal(((1_234m * 15m) + (567m * 75m) + (8_000m * 1.5m) + (300m * 18.75m)) / 1_000_000m,
            TokenUsage.ComputeCost(cost, 1_234, 567, 8_000, 300));
        Assert.Equal(0.0000015m, TokenUsage.ComputeCost(new ModelCost(1.5m, 0m, 0m, 0m), 1, 0, 0, 0));
        Assert.Equal(0m, TokenUsage.ComputeCost(ModelCost.Zero, 1_000_000, 1_000_000, 5, 5));
    }

    [Fact]
    public void UsageWithoutModelHasNoCost()
    {
        Assert.Null(TokenUsage.Create(null, 1, 2, 3, 4, 10).CostUsd);
        var model = new ModelDefinition { Id = "m", Name = "m", Cost = new ModelCost(2m, 4m, 0.5m, 1m) };
        Assert.Equal((1 * 2m + 2 * 4m + 3 * 0.5m + 4 * 1m) / 1_000_000m, TokenUsage.Create(model, 1, 2, 3, 4, 10).CostUsd);
    }

    [Fact]
    public void BuilderFoldsAnyUpdateSequence()
    {
        using var builder = new ConverseResultBuilder("m");
        builder.Add(new MessageStart(ConversationRole.Assistant) { RequestId = "r1" });
        builder.Add(new TextDelta(1, "b"));
        builder.Add(new TextDelta(0, "a"));
        builder.Add(new MessageStop(StopReason.MaxTokens));
        var result = builder.Build();
        Assert.Equal("ab", result.Text);
        Assert.Equal("r1", result.RequestId);
        Assert.Equal(StopReason.MaxTokens, result.StopReason);
        Assert.False(result.IsComplete);
    }
}
