using System;
using System.Collections.Generic;
using System.Text;

namespace Clawdbot.Sdk;

/// <summary>
/// A recursive-descent JSON5 1.0 parser that accepts and rejects exactly what the reference parser
/// (npm json5 2.x) does, reporting the same first error. It reads tokens straight from the string,
/// tracks <see cref="SourceSpan"/> lines as it goes, and allocates only the nodes and their strings.
/// </summary>
internal sealed class Json5Parser
{
    private readonly string _text;
    private int _pos;

    // SourceSpan line bookkeeping: every JSON5 line terminator (CRLF counted once) starts a line.
    private int _line = 1;
    private int _lineStart;

    private int _depth;

    // Children of the containers being read, innermost last; each container takes its slice when it closes.
    private readonly List<Json5Value> _pendingItems = new List<Json5Value>();
    private readonly List<Json5Property> _pendingProperties = new List<Json5Property>();
    private StringBuilder? _builder;

    // Configuration documents repeat the same few keys many times; each is allocated once.
    private Json5KeyCache _keys;

    private Json5Parser(string text) => _text = text;

    /// <exception cref="ArgumentNullException"><paramref name="text"/> is null (the only non-<see cref="Json5Exception"/>).</exception>
    public static Json5Value Parse(string text)
    {
        if (text is null)
        {
            throw new ArgumentNullException(nameof(text));
        }

        var parser = new Json5Parser(text);
        parser.SkipTrivia();
        var value = parser.ParseValue();
        parser.SkipTrivia();
        if (parser._pos < text.Length)
        {
            throw Json5Errors.InvalidCharacter(text, parser._pos);
        }

        return value;
    }

    /// <summary>Reads the value at the current position; trivia before it has been skipped.</summary>
    private Json5Value ParseValue()
    {
        if (_pos >= _text.Length)
        {
            throw Json5Errors.EndOfInput(_text);
        }

        switch (_text[_pos])
        {
            case '{':
                return ParseObject();
            case '[':
                return ParseArray();
            case '"':
            case '\'':
            {
                var start = _pos;
                var line = _line;
                var column = ColumnAt(start);
                var value = ReadString();
                return new Json5String(value, SpanFrom(start, line, column));
            }

            case 'n':
            {
                var start = _pos;
                ExpectWord("null");
                return new Json5Null(SameLineSpan(start));
            }

            case 't':
            {
                var start = _pos;
                ExpectWord("true");
                return new Json5Boolean(true, SameLineSpan(start));
            }

            case 'f':
            {
                var start = _pos;
                ExpectWord("false");
                return new Json5Boolean(false, SameLineSpan(start));
            }

            case '-':
            case '+':
            case '.':
            case '0':
            case '1':
            case '2':
            case '3':
            case '4':
            case '5':
            case '6':
            case '7':
            case '8':
            case '9':
            case 'I':
            case 'N':
            {
                var start = _pos;
                var value = ReadNumber();
                return new Json5Number(value, SameLineSpan(start));
            }

            default:
                throw Json5Errors.InvalidCharacter(_text, _pos);
        }
    }

    private Json5Array ParseArray()
    {
        var start = _pos;
        var line = _line;
        var column = ColumnAt(start);
        Enter(start);
        _pos++;
        var firstPending = _pendingItems.Count;

        SkipTrivia();
        RequireMore();
        if (_text[_pos] != ']')
        {
            do
            {
                _pendingItems.Add(ParseValue());
            }
            while (!EndsAfterMember(']'));
        }

        _pos++;
        _depth--;
        return new Json5Array(TakePending(_pendingItems, firstPending), SpanFrom(start, line, column));
    }

    private Json5Object ParseObject()
    {
        var start = _pos;
        var line = _line;
        var column = ColumnAt(start);
        Enter(start);
        _pos++;
        var firstPending = _pendingProperties.Count;

        SkipTrivia();
        RequireMore();
        if (_text[_pos] != '}')
        {
            while (true)
            {
                var nameStart = _pos;
                var nameLine = _line;
                var nameColumn = ColumnAt(nameStart);
                var c = _text[_pos];
                string name;
                if (c == '"' || c == '\'')
                {
                    name = ReadString(isKey: true);
                }
                else if (c == '\\' || Json5CharClass.IsIdStart(_text, _pos))
                {
                    name = ReadIdentifier();
                }
                else
                {
                    throw Json5Errors.InvalidCharacter(_text, _pos);
                }

                var nameSpan = SpanFrom(nameStart, nameLine, nameColumn);
                SkipTrivia();
                RequireMore();
                if (_text[_pos] != ':')
                {
                    throw Json5Errors.InvalidCharacter(_text, _pos);
                }

                _pos++;
                SkipTrivia();
                var value = ParseValue();
                _pendingProperties.Add(new Json5Property(name, nameSpan, value));
                if (EndsAfterMember('}'))
                {
                    break;
                }
            }
        }

        _pos++;
        _depth--;
        return new Json5Object(TakePending(_pendingProperties, firstPending), SpanFrom(start, line, column));
    }

    /// <summary>
    /// Reads what follows a member: true at <paramref name="close"/> (after an optional trailing comma), false when a
    /// comma leads to another member.
    /// </summary>
    private bool EndsAfterMember(char close)
    {
        SkipTrivia();
        RequireMore();
        var c = _text[_pos];
        if (c == close)
        {
            return true;
        }

        if (c != ',')
        {
            throw Json5Errors.InvalidCharacter(_text, _pos);
        }

        _pos++;
        SkipTrivia();
        RequireMore();
        return _text[_pos] == close;
    }

    private void Enter(int offset)
    {
        if (++_depth > Json5.MaxDepth)
        {
            throw Json5Errors.NestingTooDeep(_text, offset);
        }
    }

    private static T[] TakePending<T>(List<T> pending, int first)
    {
        var count = pending.Count - first;
        if (count == 0)
        {
            return Array.Empty<T>();
        }

        var taken = new T[count];
        pending.CopyTo(first, taken, 0, count);
        pending.RemoveRange(first, count);
        return taken;
    }

    /// <summary>Skips white space, line terminators and comments.</summary>
    private void SkipTrivia()
    {
        var text = _text;
        var pos = _pos;
        while (pos < text.Length)
        {
            var c = text[pos];
            if (c > ' ' && c < 0x80 && c != '/')
            {
                // The usual case: a token starts here.
                break;
            }

            switch (c)
            {
                case ' ':
                case '\t':
                case '\v':
                case '\f':
                case '\u00A0':
                case '\uFEFF':
                    pos++;
                    continue;
                case '\n':
                case '\r':
                case '\u2028':
                case '\u2029':
                    LineTerminatorAt(pos);
                    pos++;
                    continue;
                case '/':
                    _pos = pos;
                    SkipComment();
                    pos = _pos;
                    continue;
            }

            if (Json5CharClass.IsSpaceSeparator(c))
            {
                pos++;
                continue;
            }

            break;
        }

        _pos = pos;
    }

    private void SkipComment()
    {
        var text = _text;
        var next = _pos + 1;
        if (next >= text.Length)
        {
            throw Json5Errors.EndOfInput(text);
        }

        if (text[next] == '/')
        {
            // The terminator itself is left for SkipTrivia.
            var i = next + 1;
            while (i < text.Length)
            {
                var c = text[i];
                if (c == '\n' || c == '\r' || c == '\u2028' || c == '\u2029')
                {
                    break;
                }

                i++;
            }

            _pos = i;
            return;
        }

        if (text[next] != '*')
        {
            throw Json5Errors.InvalidCharacter(text, next);
        }

        for (var i = next + 1; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '*')
            {
                if (i + 1 < text.Length && text[i + 1] == '/')
                {
                    _pos = i + 2;
                    return;
                }
            }
            else if (c == '\n' || c == '\r' || c == '\u2028' || c == '\u2029')
            {
                LineTerminatorAt(i);
            }
        }

        throw Json5Errors.EndOfInput(text);
    }

    /// <summary>Counts the terminator at <paramref name="offset"/>; the CR of a CRLF is left to its LF.</summary>
    private void LineTerminatorAt(int offset)
    {
        if (_text[offset] == '\r' && offset + 1 < _text.Length && _text[offset + 1] == '\n')
        {
            return;
        }

        _line++;
        _lineStart = offset + 1;
    }

    private void RequireMore()
    {
        if (_pos >= _text.Length)
        {
            throw Json5Errors.EndOfInput(_text);
        }
    }

    private int ColumnAt(int offset) => offset - _lineStart + 1;

    /// <summary>The span from a recorded start to the current position.</summary>
    private SourceSpan SpanFrom(int start, int line, int column) =>
        new SourceSpan(start, _pos - start, line, column, _line, ColumnAt(_pos));

    /// <summary>The span of a token that cannot contain a line terminator, ending at the current position.</summary>
    private SourceSpan SameLineSpan(int start) => SpanFrom(start, _line, ColumnAt(start));

    private void ExpectWord(string word)
    {
        for (var i = 0; i < word.Length; i++)
        {
            if (_pos >= _text.Length || _text[_pos] != word[i])
            {
                throw Json5Errors.InvalidCharacter(_text, _pos);
            }

            _pos++;
        }
    }

    private double ReadNumber()
    {
        var text = _text;
        var negative = false;
        var c = text[_pos];
        if (c == '+' || c == '-')
        {
            negative = c == '-';
            _pos++;
            RequireMore();
            c = text[_pos];
            if (c != '.' && c != 'I' && c != 'N' && !Json5CharClass.IsDigit(c))
            {
                throw Json5Errors.InvalidCharacter(text, _pos);
            }
        }

        double magnitude;
        if (c == 'I')
        {
            ExpectWord("Infinity");
            magnitude = double.PositiveInfinity;
        }
        else if (c == 'N')
        {
            ExpectWord("NaN");
            return double.NaN;
        }
        else if (c == '0' && _pos + 1 < text.Length && (text[_pos + 1] == 'x' || text[_pos + 1] == 'X'))
        {
            _pos += 2;
            var digitsStart = _pos;
            RequireHexDigit();
            while (_pos < text.Length && Json5CharClass.IsHexDigit(text[_pos]))
            {
                _pos++;
            }

            magnitude = Json5NumberConverter.ParseHex(text, digitsStart, _pos);
        }
        else
        {
            var literalStart = _pos;
            if (c == '.')
            {
                _pos++;
                RequireDigit();
                SkipDigits();
            }
            else
            {
                // A leading 0 stands alone: "01" reads 0 and then trips over the 1, as the reference does.
                _pos++;
                if (c != '0')
                {
                    SkipDigits();
                }

                if (_pos < text.Length && text[_pos] == '.')
                {
                    _pos++;
                    SkipDigits();
                }
            }

            if (_pos < text.Length && (text[_pos] == 'e' || text[_pos] == 'E'))
            {
                _pos++;
                RequireMore();
                if (text[_pos] == '+' || text[_pos] == '-')
                {
                    _pos++;
                }

                RequireDigit();
                SkipDigits();
            }

            magnitude = Json5NumberConverter.ParseDecimal(text, literalStart, _pos);
        }

        return negative ? -magnitude : magnitude;
    }

    private void SkipDigits()
    {
        while (_pos < _text.Length && Json5CharClass.IsDigit(_text[_pos]))
        {
            _pos++;
        }
    }

    private void RequireDigit()
    {
        RequireMore();
        if (!Json5CharClass.IsDigit(_text[_pos]))
        {
            throw Json5Errors.InvalidCharacter(_text, _pos);
        }
    }

    private void RequireHexDigit()
    {
        RequireMore();
        if (!Json5CharClass.IsHexDigit(_text[_pos]))
        {
            throw Json5Errors.InvalidCharacter(_text, _pos);
        }
    }

    /// <summary>Reads a quoted string at the current position and returns its value; unescaped runs are copied whole.</summary>
    private string ReadString(bool isKey = false)
    {
        var text = _text;
        var quote = text[_pos];
        var pos = _pos + 1;
        var runStart = pos;
        StringBuilder? builder = null;
        while (true)
        {
            if (pos >= text.Length)
            {
                _pos = pos;
                throw Json5Errors.EndOfInput(text);
            }

            var c = text[pos];
            if (c < 0x80 ? !Json5CharClass.MayEndStringRun(c) : c != '\u2028' && c != '\u2029')
            {
                pos++;
                continue;
            }

            if (c == quote)
            {
                break;
            }

            switch (c)
            {
                case '\\':
                    builder ??= RentBuilder();
                    builder.Append(text, runStart, pos - runStart);
                    _pos = pos + 1;
                    ReadEscape(builder);
                    pos = runStart = _pos;
                    continue;
                case '\n':
                case '\r':
                    throw Json5Errors.InvalidCharacter(text, pos);
                case '\u2028':
                case '\u2029':
                    LineTerminatorAt(pos);
                    break;
            }

            pos++;
        }

        string value;
        if (builder is not null)
        {
            value = builder.Append(text, runStart, pos - runStart).ToString();
        }
        else if (isKey)
        {
            value = _keys.Get(text, runStart, pos - runStart);
        }
        else
        {
            value = text.Substring(runStart, pos - runStart);
        }

        _pos = pos + 1;
        return value;
    }

    private StringBuilder RentBuilder()
    {
        var builder = _builder ??= new StringBuilder();
        builder.Clear();
        return builder;
    }

    /// <summary>Reads the escape after a backslash inside a string.</summary>
    private void ReadEscape(StringBuilder builder)
    {
        RequireMore();
        var text = _text;
        var c = text[_pos];
        switch (c)
        {
            case 'b':
                builder.Append('\b');
                break;
            case 'f':
                builder.Append('\f');
                break;
            case 'n':
                builder.Append('\n');
                break;
            case 'r':
                builder.Append('\r');
                break;
            case 't':
                builder.Append('\t');
                break;
            case 'v':
                builder.Append('\v');
                break;
            case '0':
                if (_pos + 1 < text.Length && Json5CharClass.IsDigit(text[_pos + 1]))
                {
                    throw Json5Errors.InvalidCharacter(text, _pos + 1);
                }

                builder.Append('\0');
                break;
            case 'x':
                _pos++;
                builder.Append((char)ReadHexDigits(2));
                return;
            case 'u':
                _pos++;
                builder.Append((char)ReadHexDigits(4));
                return;
            case '\n':
            case '\r':
            case '\u2028':
            case '\u2029':
                // A line continuation: the terminator (CRLF as a whole) stands for nothing.
                LineTerminatorAt(_pos);
                if (c == '\r' && _pos + 1 < text.Length && text[_pos + 1] == '\n')
                {
                    _pos++;
                    LineTerminatorAt(_pos);
                }

                break;
            case '1':
            case '2':
            case '3':
            case '4':
            case '5':
            case '6':
            case '7':
            case '8':
            case '9':
                throw Json5Errors.InvalidCharacter(text, _pos);
            default:
                builder.Append(c);
                break;
        }

        _pos++;
    }

    /// <summary>Reads exactly <paramref name="count"/> hex digits and returns their value.</summary>
    private int ReadHexDigits(int count)
    {
        var value = 0;
        for (var i = 0; i < count; i++)
        {
            RequireHexDigit();
            value = (value << 4) | Json5CharClass.HexValue(_text[_pos]);
            _pos++;
        }

        return value;
    }

    /// <summary>Reads an unquoted key (an ECMAScript 5.1 IdentifierName, <c>\uXXXX</c> escapes included).</summary>
    private string ReadIdentifier()
    {
        var text = _text;
        var start = _pos;
        var runStart = _pos;
        StringBuilder? builder = null;

        if (text[_pos] == '\\')
        {
            builder = RentBuilder();
            var escaped = ReadIdentifierEscape();
            if (escaped != '$' && escaped != '_' && !Json5CharClass.IsIdStart(escaped))
            {
                throw Json5Errors.InvalidIdentifier(text, start);
            }

            builder.Append(escaped);
            runStart = _pos;
        }
        else
        {
            _pos += Json5CharClass.CodePointLength(text, _pos);
        }

        while (_pos < text.Length)
        {
            var c = text[_pos];
            if (c == '\\')
            {
                builder ??= RentBuilder();
                builder.Append(text, runStart, _pos - runStart);
                var backslash = _pos;
                var escaped = ReadIdentifierEscape();
                if (!Json5CharClass.IsIdContinue(escaped))
                {
                    throw Json5Errors.InvalidIdentifier(text, backslash);
                }

                builder.Append(escaped);
                runStart = _pos;
            }
            else if (c < 0x80 ? Json5CharClass.IsAsciiIdContinue(c) : Json5CharClass.IsIdContinue(text, _pos))
            {
                _pos += c < 0x80 ? 1 : Json5CharClass.CodePointLength(text, _pos);
            }
            else
            {
                break;
            }
        }

        return builder is null
            ? _keys.Get(text, runStart, _pos - runStart)
            : builder.Append(text, runStart, _pos - runStart).ToString();
    }

    /// <summary>Reads <c>\uXXXX</c> at the current position (the backslash) and returns the character.</summary>
    private char ReadIdentifierEscape()
    {
        _pos++;
        RequireMore();
        if (_text[_pos] != 'u')
        {
            throw Json5Errors.InvalidCharacter(_text, _pos);
        }

        _pos++;
        return (char)ReadHexDigits(4);
    }
}
