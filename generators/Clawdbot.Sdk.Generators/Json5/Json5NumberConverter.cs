using System;
using System.Globalization;

namespace Clawdbot.Sdk;

/// <summary>
/// Turns already-validated numeric literals into doubles, rounding as JavaScript's <c>Number()</c> does
/// (to nearest, ties to even) without allocating for the common short literals.
/// </summary>
internal static class Json5NumberConverter
{
    // 10^0..10^22 are exactly representable, which makes the fast path below correctly rounded.
    private static readonly double[] s_exactPowersOfTen =
    {
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
        1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
    };

    private const ulong MaxExactInteger = 1UL << 53;

    /// <summary>
    /// Converts an unsigned decimal literal (<c>12</c>, <c>1.5e3</c>, <c>.5</c>, <c>5.</c>) spanning
    /// <paramref name="start"/>..<paramref name="end"/> of <paramref name="text"/>.
    /// </summary>
    public static double ParseDecimal(string text, int start, int end)
    {
        ulong mantissa = 0;
        var significantDigits = 0;
        var exponent = 0;
        var exact = true;
        var i = start;

        for (; i < end && Json5CharClass.IsDigit(text[i]); i++)
        {
            AddDigit(text[i], isFraction: false);
        }

        if (i < end && text[i] == '.')
        {
            for (i++; i < end && Json5CharClass.IsDigit(text[i]); i++)
            {
                AddDigit(text[i], isFraction: true);
            }
        }

        if (i < end)
        {
            // e or E, an optional sign, then at least one digit (the parser checked the shape).
            i++;
            var negativeExponent = false;
            if (text[i] == '+' || text[i] == '-')
            {
                negativeExponent = text[i] == '-';
                i++;
            }

            var written = 0;
            for (; i < end; i++)
            {
                // Saturate: anything past a few hundred is already zero or infinity.
                if (written < 100_000)
                {
                    written = (written * 10) + (text[i] - '0');
                }
            }

            exponent += negativeExponent ? -written : written;
        }

        if (mantissa == 0)
        {
            return 0;
        }

        if (exact && mantissa <= MaxExactInteger && exponent >= -22 && exponent <= 22)
        {
            return exponent < 0 ? mantissa / s_exactPowersOfTen[-exponent] : mantissa * s_exactPowersOfTen[exponent];
        }

        return ParseWithRuntime(text.Substring(start, end - start));

        void AddDigit(char c, bool isFraction)
        {
            var digit = (uint)(c - '0');
            if (mantissa == 0 && digit == 0)
            {
                if (isFraction)
                {
                    exponent--;
                }

                return;
            }

            if (significantDigits < 19)
            {
                mantissa = (mantissa * 10) + digit;
                significantDigits++;
                if (isFraction)
                {
                    exponent--;
                }
            }
            else
            {
                exact = false;
                if (!isFraction)
                {
                    exponent++;
                }
            }
        }
    }

    private static double ParseWithRuntime(string literal)
    {
        try
        {
            return double.Parse(literal, NumberStyles.Float, CultureInfo.InvariantCulture);
        }
        catch (OverflowException)
        {
            // .NET Framework (where the generator may run) throws instead of returning infinity.
            return double.PositiveInfinity;
        }
    }

    /// <summary>Converts the hex digits <paramref name="start"/>..<paramref name="end"/> (no <c>0x</c>), rounding past 2^53.</summary>
    public static double ParseHex(string text, int start, int end)
    {
        var i = start;
        while (i < end && text[i] == '0')
        {
            i++;
        }

        ulong bits = 0;
        var taken = 0;
        var droppedBits = 0;
        var sticky = false;
        for (; i < end; i++)
        {
            var digit = (ulong)Json5CharClass.HexValue(text[i]);
            if (taken < 16)
            {
                bits = (bits << 4) | digit;
                taken++;
            }
            else
            {
                droppedBits += 4;
                sticky |= digit != 0;
            }
        }

        if (bits == 0)
        {
            return 0;
        }

        var bitLength = 64;
        while ((bits & (1UL << 63)) == 0)
        {
            bits <<= 1;
            bitLength--;
        }

        bits >>= 64 - bitLength;
        if (bitLength <= 53)
        {
            return bits;
        }

        var shift = bitLength - 53;
        var kept = bits >> shift;
        var remainder = bits & ((1UL << shift) - 1);
        var half = 1UL << (shift - 1);
        if (remainder > half || (remainder == half && (sticky || (kept & 1) == 1)))
        {
            kept++;
        }

        return ScaleByPowerOfTwo(kept, shift + droppedBits);
    }

    private static double ScaleByPowerOfTwo(double value, int exponent)
    {
        while (exponent > 1000)
        {
            value *= PowerOfTwo(1000);
            exponent -= 1000;
        }

        return value * PowerOfTwo(exponent);
    }

    private static double PowerOfTwo(int exponent) => BitConverter.Int64BitsToDouble((long)(exponent + 1023) << 52);
}
