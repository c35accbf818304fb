using System.Text;
using Xunit;

namespace Clawdbot.Sdk.Tests.Runtime;

/// <summary>The pooled buffer that keeps a stream's answer text for its result and its partial result.</summary>
public sealed class PooledTextTests
{
    [Fact]
    public void KeepsEveryPieceInOrderAcrossGrowth()
    {
        using var text = new PooledText();
        var expected = new StringBuilder();
        for (var i = 0; i < 5_000; i++)
        {
            var piece = i % 7 == 0 ? new string('x', 300) : $"{i} ";
            text.Append(piece);
            expected.Append(piece);
        }

        // One piece larger than a chunk spans several.
        var large = new string('y', 150_000);
        text.Append(large);
        expected.Append(large);
        text.Append("end");
        expected.Append("end");

        text.Append(null);
        text.Append(string.Empty);
        Assert.Equal(expected.Length, text.Length);
        Assert.Equal(expected.ToString(), text.ToString());
    }

    [Fact]
    public void IsEmptyAndUsableAfterDispose()
    {
        var text = new PooledText();
        text.Append("before");
        var built = text.ToString();
        text.Dispose();

        Assert.Equal("before", built);
        Assert.Equal(0, text.Length);
        Assert.Equal(string.Empty, text.ToString());
        text.Append("after");
        Assert.Equal("after", text.ToString());
        text.Dispose();
        text.Dispose();
    }
}

/// <summary>
/// Whoever folds a stream gives the pooled text back: counted across the process, so this runs alone, with the load
/// tests.
/// </summary>
[Collection(ConcurrentStreams.Name)]
public sealed class PooledTextReturnTests
{
    [Fact]
    public async Task ToResultAsync_gives_back_the_chunks_its_answer_text_rented()
    {
        var rentedBefore = PooledText.RentedBuffers;

        var result = await Updates(2_000).ToResultAsync();

        Assert.Equal(string.Concat(Enumerable.Repeat("token ", 2_000)), result.Text);
        Assert.Equal(rentedBefore, PooledText.RentedBuffers);
    }

    private static async IAsyncEnumerable<StreamUpdate> Updates(int deltas)
    {
        yield return new MessageStart(ConversationRole.Assistant);
        for (var i = 0; i < deltas; i++)
        {
            yield return new TextDelta(0, "token ");
        }

        await Task.CompletedTask;
        yield return new MessageStop(StopReason.EndTurn);
    }
}
