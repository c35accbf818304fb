using System.Text;
using Clawdbot.Sdk.Wire;
using Xunit;

namespace Clawdbot.Sdk.Tests.Runtime;

/// <summary>The text-delta fast path takes only what the general JSON path would decode the same way.</summary>
public sealed class PlainTextDeltaTests
{
    [Theory]
    [InlineData("""{"contentBlockIndex":0,"delta":{"text":"token "},"p":"abcXYZ019"}""", 0, "token ")]
    [InlineData("""{"delta":{"text":"Hé ✓ 😀"},"contentBlockIndex":12}""", 12, "Hé ✓ 😀")]
    [InlineData("""{"p":"x","delta":{"text":""},"contentBlockIndex":3}""", 3, "")]
    [InlineData("""{"delta":{"text":"no index"}}""", 0, "no index")]
    public void TakesCompactPlainTextDeltas(string json, int index, string text)
    {
        Assert.True(PlainTextDelta.TryDecode(Encoding.UTF8.GetBytes(json), out var decodedIndex, out var decodedText));
        Assert.Equal(index, decodedIndex);
        Assert.Equal(text, decodedText);
        Assert.Equal((index, text), ReadWithDom(json));
    }

    [Theory]
    [InlineData("""{"contentBlockIndex":0,"delta":{"text":"line\nbreak"}}""")]
    [InlineData("""{"contentBlockIndex":0,"delta":{"text":"\u00e9"}}""")]
    [InlineData("""{"contentBlockIndex":0, "delta":{"text":"spaced"}}""")]
    [InlineData("""{"contentBlockIndex":0,"delta":{"text":"a","extra":1}}""")]
    [InlineData("""{"contentBlockIndex":0,"delta":{"text":"a"},"other":"b"}""")]
    [InlineData("""{"contentBlockIndex":0,"contentBlockIndex":1,"delta":{"text":"dup"}}""")]
    [InlineData("""{"contentBlockIndex":1.0,"delta":{"text":"fraction"}}""")]
    [InlineData("""{"contentBlockIndex":01,"delta":{"text":"leading zero"}}""")]
    [InlineData("""{"contentBlockIndex":-1,"delta":{"text":"negative"}}""")]
    [InlineData("""{"contentBlockIndex":0,"delta":{"toolUse":{"input":"{}"}}}""")]
    [InlineData("""{"contentBlockIndex":0,"delta":{"text":"a"},"p":"é"}""")]
    [InlineData("""{"contentBlockIndex":0,"delta":{"text":"unterminated}}""")]
    [InlineData("""{"contentBlockIndex":0,"delta":{"text":"a"}""")]
    [InlineData("""{"contentBlockIndex":0,"delta":{"text":"a"}},""")]
    [InlineData("""{"contentBlockIndex":0}""")]
    public void LeavesEverythingElseToTheGeneralPath(string json)
    {
        Assert.False(PlainTextDelta.TryDecode(Encoding.UTF8.GetBytes(json), out _, out _));
    }

    [Fact]
    public void InvalidUtf8IsLeftToTheGeneralPathWhichRejectsIt()
    {
        byte[] json = [.. """{"contentBlockIndex":0,"delta":{"text":"""u8, (byte)'"', 0xC3, 0x28, (byte)'"', (byte)'}', (byte)'}'];

        Assert.False(PlainTextDelta.TryDecode(json, out _, out _));
        Assert.ThrowsAny<InvalidOperationException>(() => new ConverseStreamDecoder(null).Decode("contentBlockDelta", json, []));
    }

    [Fact]
    public void TakesEveryPrintableAsciiCharacterButTheQuoteAndTheEscape()
    {
        var printable = new string(Enumerable.Range(0x20, 0x7F - 0x20).Select(c => (char)c).Where(c => c is not '"' and not '\\').ToArray());
        var json = $$"""{"contentBlockIndex":0,"delta":{"text":"{{printable}}"},"p":"{{printable}}"}""";

        Assert.True(PlainTextDelta.TryDecode(Encoding.UTF8.GetBytes(json), out _, out var text));
        Assert.Equal(printable, text);
        Assert.Equal((0, printable), ReadWithDom(json));
    }

    [Theory]
    [InlineData("a\u007F")] // DEL: valid JSON as is, but not in the ASCII fast set
    [InlineData("é then\u0001")] // a control character after non-ASCII text
    [InlineData("é then \u005C")] // an escape after non-ASCII text
    public void RawBytesOutsideThePlainFormAreLeftToTheGeneralPath(string raw)
    {
        // The characters go into the payload unescaped, as raw bytes.
        var json = Encoding.UTF8.GetBytes("""{"contentBlockIndex":0,"delta":{"text":""" + "\"" + raw + "\"}}");

        Assert.False(PlainTextDelta.TryDecode(json, out _, out _));
    }

    [Theory]
    [InlineData("""{"contentBlockIndex":0, "delta":{"text":"line\nbreak \"q\""}}""", 0, "line\nbreak \"q\"")]
    [InlineData("""{"contentBlockIndex":2,"delta":{"text":"\u00e9"},"p":"x"}""", 2, "é")]
    public void DecoderStillReadsWhatTheFastPathLeaves(string json, int index, string text)
        => Assert.Equal(new TextDelta(index, text), Assert.Single(GeneralPath(json)));

    [Fact]
    public void A_plain_text_delta_comes_back_without_the_list_and_anything_else_goes_into_it()
    {
        var decoder = new ConverseStreamDecoder(null);
        var updates = new List<StreamUpdate>();

        Assert.True(decoder.Decode("contentBlockDelta", """{"contentBlockIndex":1,"delta":{"text":"plain"},"p":"ab"}"""u8, updates, out var plain));
        Assert.Equal(new TextDelta(1, "plain"), plain);
        Assert.Empty(updates);

        Assert.True(decoder.Decode("contentBlockDelta", """{"contentBlockIndex":1,"delta":{"text":"line\nbreak"}}"""u8, updates, out plain));
        Assert.Null(plain);
        Assert.Equal(new TextDelta(1, "line\nbreak"), Assert.Single(updates));

        updates.Clear();
        Assert.True(decoder.Decode("contentBlockStop", """{"contentBlockIndex":1}"""u8, updates, out plain));
        Assert.Null(plain);
        Assert.Equal(new ContentBlockStop(1), Assert.Single(updates));

        Assert.False(decoder.Decode("somethingNew", "{}"u8, updates, out plain));
        Assert.Null(plain);
    }

    // An independent reading of the same payload.
    private static (int Index, string Text) ReadWithDom(string json)
    {
        using var document = System.Text.Json.JsonDocument.Parse(json);
        var root = document.RootElement;
        var index = root.TryGetProperty("contentBlockIndex", out var value) ? value.GetInt32() : 0;
        return (index, root.GetProperty("delta").GetProperty("text").GetString()!);
    }

    private static List<StreamUpdate> GeneralPath(string json)
    {
        var updates = new List<StreamUpdate>();
        Assert.True(new ConverseStreamDecoder(null).Decode("contentBlockDelta", Encoding.UTF8.GetBytes(json), updates));
        return updates;
    }
}
