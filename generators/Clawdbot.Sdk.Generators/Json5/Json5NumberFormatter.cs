using System.Globalization;
using System.Text;

namespace Clawdbot.Sdk;

/// <summary>Formats finite doubles as JavaScript's <c>Number.prototype.toString()</c> does (ECMAScript Number::toString).</summary>
internal static class Json5NumberFormatter
{
    public static void AppendJavaScript(StringBuilder builder, double value)
    {
        if (value == 0)
        {
            // Negative zero too: JavaScript writes it as "0".
            builder.Append('0');
            return;
        }

        if (value < 0)
        {
            builder.Append('-');
            value = -value;
        }

        // "R" is the shortest round-tripping form on .NET Core 3.0+; it is split into digits and exponent
        // and laid out again by the ECMAScript rules.
        var roundTrip = value.ToString("R", CultureInfo.InvariantCulture);
        var digits = new StringBuilder(roundTrip.Length);
        var exponentMark = roundTrip.IndexOf('E');
        var mantissa = exponentMark < 0 ? roundTrip : roundTrip.Substring(0, exponentMark);
        var exponent = exponentMark < 0 ? 0 : int.Parse(roundTrip.Substring(exponentMark + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);

        var point = mantissa.IndexOf('.');
        var integerDigits = point < 0 ? mantissa.Length : point;
        foreach (var c in mantissa)
        {
            if (c != '.')
            {
                digits.Append(c);
            }
        }

        // n: the position of the decimal point relative to the digits, as in the specification.
        var n = integerDigits + exponent;
        var leadingZeros = 0;
        while (leadingZeros < digits.Length - 1 && digits[leadingZeros] == '0')
        {
            leadingZeros++;
        }

        digits.Remove(0, leadingZeros);
        n -= leadingZeros;
        var k = digits.Length;
        while (k > 1 && digits[k - 1] == '0')
        {
            k--;
        }

        digits.Length = k;

        if (k <= n && n <= 21)
        {
            builder.Append(digits).Append('0', n - k);
        }
        else if (0 < n && n <= 21)
        {
            builder.Append(digits.ToString(0, n)).Append('.').Append(digits.ToString(n, k - n));
        }
        else if (-6 < n && n <= 0)
        {
            builder.Append("0.").Append('0', -n).Append(digits);
        }
        else
        {
            builder.Append(digits[0]);
            if (k > 1)
            {
                builder.Append('.').Append(digits.ToString(1, k - 1));
            }

            var e = n - 1;
            builder.Append('e').Append(e < 0 ? '-' : '+').Append((e < 0 ? -e : e).ToString(CultureInfo.InvariantCulture));
        }
    }
}
