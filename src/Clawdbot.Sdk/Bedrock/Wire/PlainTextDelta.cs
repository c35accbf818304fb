using System.Buffers;
using System.Text;
using System.Text.Unicode;

namespace Clawdbot.Sdk.Wire;

/// <summary>
/// The fast path of <see cref="ConverseStreamDecoder"/> for the event that makes up almost all of a stream: a
/// <c>contentBlockDelta</c> of plain text, <c>{"contentBlockIndex":N,"delta":{"text":"…"},"p":"…"}</c> (members in
/// any order, <c>p</c> optional). It accepts only the compact form with no escapes and valid UTF-8, for which it
/// yields exactly what the general <see cref="System.Text.Json.Utf8JsonReader"/> path yields; anything else
/// (whitespace, escapes, other members, malformed JSON) is left to that path.
/// </summary>
internal static class PlainTextDelta
{
    // Bytes that end a string value the fast path can take as is: the quote, the escape and control characters.
    private static readonly SearchValues<byte> StringStops = SearchValues.Create(
        [(byte)'"', (byte)'\\', 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31]);

    // Printable ASCII less the quote and the escape: a string made only of these needs no UTF-8 check and widens to
    // UTF-16 byte for byte, so most deltas and all padding are scanned once.
    private static readonly SearchValues<byte> PlainAscii = SearchValues.Create(
        " !#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[]^_`abcdefghijklmnopqrstuvwxyz{|}~"u8);

    private const int MaxIndexDigits = 9;

    public static bool TryDecode(ReadOnlySpan<byte> payload, out int index, out string? text)
    {
        index = 0;
        text = null;
        if (payload.Length < 2 || payload[0] != (byte)'{' || payload[^1] != (byte)'}')
        {
            return false;
        }

        var rest = payload[1..^1];
        var utf8 = payload[..0];
        bool sawIndex = false, sawText = false, sawPadding = false, ascii = false;
        while (true)
        {
            if (!sawIndex && rest.StartsWith("\"contentBlockIndex\":"u8))
            {
                rest = rest["\"contentBlockIndex\":"u8.Length..];
                if (!TryReadIndex(ref rest, out index))
                {
                    return false;
                }

                sawIndex = true;
            }
            else if (!sawText && rest.StartsWith("\"delta\":{\"text\":\""u8))
            {
                rest = rest["\"delta\":{\"text\":\""u8.Length..];
                var length = PlainStringLength(rest, out ascii);
                if (length < 0 || length + 1 >= rest.Length || rest[length + 1] != (byte)'}')
                {
                    return false;
                }

                utf8 = rest[..length];
                rest = rest[(length + 2)..];
                sawText = true;
            }
            else if (!sawPadding && rest.StartsWith("\"p\":\""u8))
            {
                rest = rest["\"p\":\""u8.Length..];
                var length = PlainStringLength(rest, out var asciiPadding);
                if (length < 0 || !asciiPadding)
                {
                    return false;
                }

                rest = rest[(length + 1)..];
                sawPadding = true;
            }
            else
            {
                return false;
            }

            if (rest.IsEmpty)
            {
                break;
            }

            if (rest[0] != (byte)',')
            {
                return false;
            }

            rest = rest[1..];
        }

        if (!sawText)
        {
            return false;
        }

        if (ascii)
        {
            // Known to be ASCII: widening each byte is the whole of the UTF-8 decoding.
            text = Encoding.Latin1.GetString(utf8);
            return true;
        }

        if (!Utf8.IsValid(utf8))
        {
            return false;
        }

        text = Encoding.UTF8.GetString(utf8);
        return true;
    }

    // A JSON number that is a non-negative int without sign, fraction or exponent.
    private static bool TryReadIndex(ref ReadOnlySpan<byte> rest, out int index)
    {
        index = 0;
        var digits = 0;
        while (digits < rest.Length && digits <= MaxIndexDigits && char.IsAsciiDigit((char)rest[digits]))
        {
            index = (index * 10) + (rest[digits] - '0');
            digits++;
        }

        if (digits == 0 || digits > MaxIndexDigits || (digits > 1 && rest[0] == (byte)'0'))
        {
            return false;
        }

        rest = rest[digits..];
        return true;
    }

    // The length of a string value up to its closing quote, or -1 when it has an escape or control character;
    // ascii tells whether every byte before the quote is printable ASCII.
    private static int PlainStringLength(ReadOnlySpan<byte> rest, out bool ascii)
    {
        var end = rest.IndexOfAnyExcept(PlainAscii);
        ascii = end >= 0 && rest[end] == (byte)'"';
        if (ascii || end < 0 || rest[end] < 0x80)
        {
            return ascii ? end : -1;
        }

        // Past the first non-ASCII byte only the quote, the escape and control characters end the plain form.
        var stop = rest[end..].IndexOfAny(StringStops);
        return stop >= 0 && rest[end + stop] == (byte)'"' ? end + stop : -1;
    }
}
