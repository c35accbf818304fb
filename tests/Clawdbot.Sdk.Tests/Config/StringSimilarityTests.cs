namespace Clawdbot.Sdk.Tests.Config;

/// <summary>"Did you mean" on names from the user's file: right answers, and no quadratic table for huge names.</summary>
public sealed class StringSimilarityTests
{
    [Theory]
    [InlineData("contextWindw", "contextWindow")]
    [InlineData("modle", "model")]
    [InlineData("CONTEXTWINDOW", "contextWindow")]
    [InlineData("cost", "cost")]
    [InlineData("zzzzzzzz", null)]
    public void TheClosestNearMissIsSuggested(string value, string? expected)
        => Assert.Equal(expected, StringSimilarity.Closest(value, ["contextWindow", "model", "cost", "maxTokens"]));

    [Theory]
    [InlineData("abc", "abc", 0)]
    [InlineData("abc", "acb", 1)]
    [InlineData("kitten", "sitting", 3)]
    [InlineData("abcdef", "azcdez", 2)]
    [InlineData("a", "abcdefgh", 4)]
    public void DistanceIsExactUpToTheLimitAndCappedAbove(string a, string b, int expected)
    {
        Assert.Equal(expected, StringSimilarity.Distance(a, b, 3) is var d && d > 3 ? 4 : d);
        Assert.Equal(StringSimilarity.Distance(a, b, 3), StringSimilarity.Distance(b, a, 3));
    }

    [Fact]
    public void TwoHugeNamesAreComparedWithoutATable()
    {
        // 50,000² cells would be 10 GB of ints; the band and the rows keep it to a few arrays of the shorter length.
        var a = new string('x', 50_000) + "a";
        var b = new string('x', 50_000) + "b";
        Assert.Equal(1, StringSimilarity.Distance(a, b, 3));
        Assert.Equal(b, StringSimilarity.Closest(a, [b, "contextWindow"]));
    }
}
