using Xunit;

namespace Clawdbot.Sdk.Tests.Json5;

public sealed class Json5ParserTests
{
    private static Json5Value Parse(string text) => Clawdbot.Sdk.Json5.Parse(text);

    [Fact]
    public void SpansOfValuesAndKeysAcrossLfCrlfCrAndU2028()
    {
        const string text = "{\r\n  a: 1,\n  'b': [true, \"x\"],\r  c\\u0064: null\u2028}";
        var root = Assert.IsType<Json5Object>(Parse(text));
        Assert.Equal(new SourceSpan(0, text.Length, 1, 1, 5, 2), root.Span);

        var a = root.Properties[0];
        Assert.Equal(new SourceSpan(5, 1, 2, 3, 2, 4), a.NameSpan);
        Assert.Equal(new SourceSpan(8, 1, 2, 6, 2, 7), a.Value.Span);

        var b = root.Properties[1];
        Assert.Equal(new SourceSpan(13, 3, 3, 3, 3, 6), b.NameSpan);
        var array = Assert.IsType<Json5Array>(b.Value);
        Assert.Equal(new SourceSpan(18, 11, 3, 8, 3, 19), array.Span);
        Assert.Equal(new SourceSpan(19, 4, 3, 9, 3, 13), array.Items[0].Span);
        Assert.Equal(new SourceSpan(25, 3, 3, 15, 3, 18), array.Items[1].Span);

        var cd = root.Properties[2];
        Assert.Equal("cd", cd.Name);
        Assert.Equal(new SourceSpan(33, 7, 4, 3, 4, 10), cd.NameSpan);
        Assert.Equal(new SourceSpan(42, 4, 4, 12, 4, 16), cd.Value.Span);
    }

    [Fact]
    public void AStringWithLineContinuationsEndsOnALaterLine()
    {
        const string text = "[\n 'ab\\\r\ncd\\\ref\\\u2029g', 1]";
        var array = Assert.IsType<Json5Array>(Parse(text));
        var str = Assert.IsType<Json5String>(array.Items[0]);
        Assert.Equal("abcdefg", str.Value);
        Assert.Equal(new SourceSpan(3, 16, 2, 2, 5, 3), str.Span);
        Assert.Equal(new SourceSpan(21, 1, 5, 5, 5, 6), array.Items[1].Span);
        Assert.Equal((1, 1, 5, 7), (array.Span.Line, array.Span.Column, array.Span.EndLine, array.Span.EndColumn));
    }

    [Fact]
    public void CommentsAndEveryKindOfWhiteSpaceAreSkipped()
    {
        var text = "\uFEFF/* a\n * b */ // c\r\n\t\v\f \u00A0\u1680\u2000\u200A\u202F\u205F\u3000\u2028\u2029[1/**/,//x\n2]// end";
        var array = Assert.IsType<Json5Array>(Parse(text));
        Assert.Equal("[1,2]", array.ToJsonString());
        Assert.Equal(5, array.Span.Line);
    }

    [Theory]
    [InlineData(@"'\b'", "\b")]
    [InlineData(@"'\f'", "\f")]
    [InlineData(@"'\n'", "\n")]
    [InlineData(@"'\r'", "\r")]
    [InlineData(@"'\t'", "\t")]
    [InlineData(@"'\v'", "\v")]
    [InlineData(@"'\''", "'")]
    [InlineData(@"'\""'", "\"")]
    [InlineData(@"""\'""", "'")]
    [InlineData(@"'\\'", "\\")]
    [InlineData(@"'\/'", "/")]
    [InlineData(@"'\a\c\ \%'", "ac %")]
    [InlineData(@"'\0'", "\0")]
    [InlineData(@"'\0a'", "\0a")]
    [InlineData(@"'\x41\x7e\xFF'", "A~\u00FF")]
    [InlineData(@"'\u00e9\u2028\uFFFF'", "\u00E9\u2028\uFFFF")]
    [InlineData(@"'\uD83D\uDE00'", "\U0001F600")]
    [InlineData("'a\\\nb'", "ab")]
    [InlineData("'a\\\r\nb'", "ab")]
    [InlineData("'a\\\rb'", "ab")]
    [InlineData("'a\\\u2028b\\\u2029c'", "abc")]
    [InlineData("'raw \u2028 and \u2029'", "raw \u2028 and \u2029")]
    [InlineData("\"it's\"", "it's")]
    [InlineData("'say \"hi\"'", "say \"hi\"")]
    [InlineData("'\\\U0001F600'", "\U0001F600")]
    public void Escapes(string text, string expected) =>
        Assert.Equal(expected, Assert.IsType<Json5String>(Parse(text)).Value);

    [Fact]
    public void AnEscapedLoneSurrogateIsKept()
    {
        // Not an InlineData case: xunit cannot carry a lone surrogate through its test-case serialization.
        var value = Assert.IsType<Json5String>(Parse("'a\\uD83Db'")).Value;
        Assert.Equal(new[] { 'a', (char)0xD83D, 'b' }, value.ToCharArray());
        Assert.Equal("\"a\\ud83db\"", Parse("'a\\uD83Db'").ToJsonString());
    }

    [Theory]
    [InlineData("{sig\\u03A3ma: 1}", "sig\u03A3ma")]
    [InlineData("{\u00FCml\u00E5\u00FBt: 1}", "\u00FCml\u00E5\u00FBt")]
    [InlineData("{$: 1}", "$")]
    [InlineData("{_a$1: 1}", "_a$1")]
    [InlineData("{\\u0061b: 1}", "ab")]
    [InlineData("{\\u0024\\u005F: 1}", "$_")]
    [InlineData("{a\\u200C\\u200D: 1}", "a\u200C\u200D")]
    [InlineData("{a\u200C\u200D: 1}", "a\u200C\u200D")]
    [InlineData("{a\u0301\u0903\u0660\u203F: 1}", "a\u0301\u0903\u0660\u203F")]
    [InlineData("{\u01C5\u02B0\u05D0\u2160: 1}", "\u01C5\u02B0\u05D0\u2160")]
    [InlineData("{\U0001D465\U0001D7CE: 1}", "\U0001D465\U0001D7CE")]
    [InlineData("{null: 1}", "null")]
    [InlineData("{if: 1}", "if")]
    [InlineData("{Infinity: 1}", "Infinity")]
    public void UnquotedKeys(string text, string expectedName)
    {
        var obj = Assert.IsType<Json5Object>(Parse(text));
        Assert.Equal(expectedName, Assert.Single(obj.Properties).Name);
        Assert.NotNull(obj[expectedName]);
    }

    [Theory]
    [InlineData("1", 1.0)]
    [InlineData("-1.5", -1.5)]
    [InlineData("+1", 1.0)]
    [InlineData(".5", 0.5)]
    [InlineData("5.", 5.0)]
    [InlineData("5.e1", 50.0)]
    [InlineData("-.5e-1", -0.05)]
    [InlineData("0x1F", 31.0)]
    [InlineData("-0XaB", -171.0)]
    [InlineData("+0x10", 16.0)]
    [InlineData("0x20000000000001", 9007199254740992.0)]
    [InlineData("0x20000000000003", 9007199254740996.0)]
    [InlineData("0xFFFFFFFFFFFFFFFFFFFF", 1.2089258196146292e24)]
    [InlineData("1e400", double.PositiveInfinity)]
    [InlineData("-1e400", double.NegativeInfinity)]
    [InlineData("1e-400", 0.0)]
    [InlineData("Infinity", double.PositiveInfinity)]
    [InlineData("-Infinity", double.NegativeInfinity)]
    [InlineData("+Infinity", double.PositiveInfinity)]
    [InlineData("0.1", 0.1)]
    [InlineData("9007199254740993", 9007199254740992.0)]
    [InlineData("123456789012345678901234567890", 1.2345678901234568e29)]
    [InlineData("2.2250738585072014e-308", 2.2250738585072014e-308)]
    public void Numbers(string text, double expected) =>
        Assert.Equal(expected, Assert.IsType<Json5Number>(Parse(text)).Value);

    [Theory]
    [InlineData("NaN")]
    [InlineData("-NaN")]
    [InlineData("+NaN")]
    public void NotANumber(string text) => Assert.True(double.IsNaN(Assert.IsType<Json5Number>(Parse(text)).Value));

    [Theory]
    [InlineData("-0")]
    [InlineData("-0.0")]
    [InlineData("-.0e5")]
    [InlineData("-0x0")]
    public void NegativeZeroStaysNegative(string text)
    {
        var value = Assert.IsType<Json5Number>(Parse(text)).Value;
        Assert.Equal(0.0, value);
        Assert.True(double.IsNegative(value));
    }

    [Theory]
    [InlineData("[1e21]", "[1e+21]")]
    [InlineData("[1e-7]", "[1e-7]")]
    [InlineData("[0.000001]", "[0.000001]")]
    [InlineData("[0.1]", "[0.1]")]
    [InlineData("[-0]", "[0]")]
    [InlineData("[123456789012345680000]", "[123456789012345680000]")]
    [InlineData("[5e-324]", "[5e-324]")]
    [InlineData("[1.7976931348623157e308]", "[1.7976931348623157e+308]")]
    [InlineData("[123e-20]", "[1.23e-18]")]
    [InlineData("[100, 1e20, 123456.789, -1.5, 2.5e-5]", "[100,100000000000000000000,123456.789,-1.5,0.000025]")]
    [InlineData("[NaN, Infinity, -Infinity]", "[null,null,null]")]
    [InlineData("[0x1F, .5, 5.]", "[31,0.5,5]")]
    public void NumbersAreWrittenAsJavaScriptWritesThem(string text, string expected) =>
        Assert.Equal(expected, Parse(text).ToJsonString());

    [Fact]
    public void StringsAreEscapedAsJsonStringifyEscapesThem()
    {
        var text = "'\\\" \\\\ \\b\\f\\n\\r\\t \\v\\0\\x1f\\x7f / \u2028 \u00E9 \\uD800 \\uDFFF \U0001F600'";
        Assert.Equal("\"\\\" \\\\ \\b\\f\\n\\r\\t \\u000b\\u0000\\u001f\u007f / \u2028 \u00E9 \\ud800 \\udfff \U0001F600\"", Parse(text).ToJsonString());
    }

    [Fact]
    public void DuplicateKeysAreKeptButTheLastWinsAndJsonKeepsTheFirstPosition()
    {
        var obj = Assert.IsType<Json5Object>(Parse("{b: 1, a: 2, b: 3, 'x': {}, a: 4}"));
        Assert.Equal(5, obj.Properties.Count);
        Assert.Equal(3, obj.Count);
        Assert.Equal(3.0, Assert.IsType<Json5Number>(obj["b"]).Value);
        Assert.Equal("{\"b\":3,\"a\":4,\"x\":{}}", obj.ToJsonString());
    }

    [Fact]
    public void LargeObjectsAreLookedUpByIndexWithTheLastDuplicateWinning()
    {
        var members = Enumerable.Range(0, 40).Select(i => $"k{i % 25}: {i}");
        var obj = Assert.IsType<Json5Object>(Parse("{" + string.Join(",", members) + "}"));
        Assert.Equal(40, obj.Properties.Count);
        Assert.Equal(25, obj.Count);
        Assert.Equal(30.0, Assert.IsType<Json5Number>(obj["k5"]).Value);
        Assert.Equal(24.0, Assert.IsType<Json5Number>(obj["k24"]).Value);
        Assert.True(obj.TryGetProperty("k0", out var k0));
        Assert.Equal(25.0, Assert.IsType<Json5Number>(k0.Value).Value);
        Assert.Null(obj["k25"]);
        Assert.False(obj.TryGetValue("missing", out _));
    }

    [Fact]
    public void RepeatedKeysShareOneStringInstance()
    {
        var array = Assert.IsType<Json5Array>(Parse("[{'name': 1}, {name: 2}, {\"name\": 3}]"));
        var names = array.Items.Cast<Json5Object>().Select(o => o.Properties[0].Name).ToList();
        Assert.All(names, name => Assert.Same(names[0], name));
    }

    [Fact]
    public void IntegerLikeKeysAreWrittenFirstInAscendingOrderAsJavaScriptDoes() =>
        Assert.Equal(
            "{\"0\":3,\"1\":1,\"4294967294\":7,\"b\":5,\"a\":4,\"4294967295\":6,\"01\":8,\"-1\":9}",
            Parse("{'1':1,b:2,'0':3,a:4,b:5,'4294967295':6,'4294967294':7,'01':8,'-1':9}").ToJsonString());

    [Theory]
    [InlineData("{a:1,\n  b 2}", "invalid character '2' at 2:5", 2, 5, 10)]
    [InlineData("[1,\r\n2,\n]x", "invalid character 'x' at 3:2", 3, 2, 9)]
    [InlineData("\"abc\ndef\"", "invalid character '\\n' at 2:0", 2, 0, 4)]
    [InlineData("{\\u0031:1}", "invalid identifier character at 1:2", 1, 2, 1)]
    [InlineData("{a\\u002d:1}", "invalid identifier character at 1:3", 1, 3, 2)]
    [InlineData("[\"\\x4g\"]", "invalid character 'g' at 1:6", 1, 6, 5)]
    [InlineData("\"\\01\"", "invalid character '1' at 1:4", 1, 4, 3)]
    [InlineData("{ \"a\": tru }", "invalid character ' ' at 1:11", 1, 11, 10)]
    [InlineData("/* open", "invalid end of input at 1:8", 1, 8, 7)]
    [InlineData("{\n  a: 1,", "invalid end of input at 2:8", 2, 8, 9)]
    [InlineData("// only a comment", "invalid end of input at 1:18", 1, 18, 17)]
    [InlineData("", "invalid end of input at 1:1", 1, 1, 0)]
    [InlineData("[0x]", "invalid character ']' at 1:4", 1, 4, 3)]
    [InlineData("[01]", "invalid character '1' at 1:3", 1, 3, 2)]
    [InlineData("{a:1}\0", "invalid character '\\0' at 1:6", 1, 6, 5)]
    [InlineData("\n\n   \t}", "invalid character '}' at 3:5", 3, 5, 6)]
    [InlineData("\u0001", "invalid character '\\x01' at 1:1", 1, 1, 0)]
    [InlineData("'\\1'", "invalid character '1' at 1:3", 1, 3, 2)]
    [InlineData("\U0001F600", "invalid character '\U0001F600' at 1:2", 1, 2, 0)]
    [InlineData("{a:1 b:2}", "invalid character 'b' at 1:6", 1, 6, 5)]
    [InlineData("[1,,]", "invalid character ',' at 1:4", 1, 4, 3)]
    [InlineData("010", "invalid character '1' at 1:2", 1, 2, 1)]
    public void ErrorsAreWordedAndPlacedAsTheReferenceParserDoes(string text, string message, int line, int column, int offset)
    {
        var error = Assert.Throws<Json5Exception>(() => Parse(text));
        Assert.Equal(message, error.Message);
        Assert.Equal((line, column, offset), (error.Line, error.Column, error.Offset));
    }

    [Fact]
    public void NestingUpToMaxDepthIsFine()
    {
        var depth = Clawdbot.Sdk.Json5.MaxDepth;
        var text = new string('[', depth) + new string(']', depth);
        Assert.Equal(text, Parse(text).ToJsonString());
    }

    [Theory]
    [InlineData('[', 513)]
    [InlineData('[', 100_000)]
    [InlineData('{', 100_000)]
    public void DeepNestingIsASyntaxErrorNotACrash(char opener, int count)
    {
        var text = opener == '['
            ? new string('[', count)
            : string.Concat(Enumerable.Repeat("{a:", count));
        var error = Assert.Throws<Json5Exception>(() => Parse(text));
        Assert.StartsWith("nesting too deep", error.Message);
        // The first opener past the limit is the one reported.
        Assert.Equal(opener == '[' ? 512 : 512 * 3, error.Offset);
    }

    [Fact]
    public void NullTextIsAnArgumentError() => Assert.Throws<ArgumentNullException>(() => Parse(null!));

    [Fact]
    public void RandomMutationsOfValidDocumentsOnlyEverThrowJson5Exception()
    {
        string[] seeds =
        [
            "{a:1,'b':\"x\\ny\",c:[1,2,3,],d:{e:null,f:true,g:false},h:-Infinity,i:NaN,j:0x1F,k:.5,l:5.,m:+1e3,}",
            "// c\n/* block */ [1, 'two', \"three\", {four: 4}, 0xFFFFFFFFFFFFFFFFFFFF, 1e400, -0, 0.1e-7]",
            "{\n  sig\\u03A3ma: 1,\n  \u00FCml\u00E5\u00FBt: 2, $_: 3, a\\u0062: 4, \"x\\u00e9\\x41\\0\": '\\\n', \U0001D465: 6,}",
            "'\\b\\f\\n\\r\\t\\v\\'\\\"\\\\\\a\\ \u2028\u2029'",
        ];
        char[] alphabet =
        [
            '{', '}', '[', ']', ':', ',', '"', '\'', '\\', '/', '*', '\n', '\r', '\u2028', ' ', '0', '1', '.', 'e',
            '+', '-', 'x', 'u', 'I', 'N', 'n', '$', '\u00A0', '\uFEFF', '\u3000', '\uD800', '\uDC00', '\u200C', '\0',
        ];
        var random = new Random(20240607);
        var parsed = 0;
        for (var round = 0; round < 5000; round++)
        {
            var text = seeds[random.Next(seeds.Length)];
            for (var edits = random.Next(1, 4); edits > 0; edits--)
            {
                var at = random.Next(text.Length + 1);
                var c = alphabet[random.Next(alphabet.Length)].ToString();
                text = random.Next(3) switch
                {
                    0 when at < text.Length => text.Remove(at, 1),
                    1 when at < text.Length => text.Remove(at, 1).Insert(at, c),
                    _ => text.Insert(at, c),
                };
            }

            if (random.Next(5) == 0)
            {
                text = text.Substring(0, random.Next(text.Length + 1));
            }

            try
            {
                Parse(text).ToJsonString();
                parsed++;
            }
            catch (Json5Exception error)
            {
                Assert.InRange(error.Offset, 0, text.Length);
            }
        }

        // The mutations must exercise both outcomes to mean anything.
        Assert.InRange(parsed, 100, 4900);
    }
}
