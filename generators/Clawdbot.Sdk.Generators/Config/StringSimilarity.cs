using System;
using System.Collections.Generic;

namespace Clawdbot.Sdk;

/// <summary>Finds the near-miss a user probably meant ("did you mean …").</summary>
internal static class StringSimilarity
{
    /// <summary>The closest candidate within a small edit distance (case-insensitive), or null.</summary>
    public static string? Closest(string value, IEnumerable<string> candidates)
    {
        string? best = null;
        var bestDistance = int.MaxValue;
        var limit = Math.Max(1, Math.Min(3, value.Length / 3));
        var lowered = value.ToLowerInvariant();
        foreach (var candidate in candidates)
        {
            var distance = Distance(lowered, candidate.ToLowerInvariant(), limit);
            if (distance <= limit && distance < bestDistance)
            {
                best = candidate;
                bestDistance = distance;
            }
        }

        return best;
    }

    /// <summary>
    /// The optimal-string-alignment distance (Levenshtein plus adjacent transpositions), or <paramref name="limit"/> + 1
    /// when it is larger than <paramref name="limit"/>.
    /// </summary>
    /// <remarks>
    /// The names come from the user's file, so the cost must not grow with the product of their lengths: a length
    /// difference over the limit answers at once, only the diagonal band of width <paramref name="limit"/> is computed,
    /// and three rows of the shorter string's length are kept (the transposition looks two rows back).
    /// </remarks>
    public static int Distance(string a, string b, int limit)
    {
        var over = limit + 1;
        if (Math.Abs(a.Length - b.Length) > limit)
        {
            return over;
        }

        if (a.Length < b.Length)
        {
            (a, b) = (b, a);
        }

        var beforePrevious = new int[b.Length + 1];
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = Math.Min(j, over);
        }

        for (var i = 1; i <= a.Length; i++)
        {
            var from = Math.Max(1, i - limit);
            var to = Math.Min(b.Length, i + limit);
            current[from - 1] = from == 1 ? Math.Min(i, over) : over;
            var rowMinimum = current[from - 1];
            for (var j = from; j <= to; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                var value = Math.Min(Math.Min(previous[j] + 1, current[j - 1] + 1), previous[j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    value = Math.Min(value, beforePrevious[j - 2] + 1);
                }

                current[j] = Math.Min(value, over);
                rowMinimum = Math.Min(rowMinimum, current[j]);
            }

            // The cell after the band is read by the next row as "above": it lies outside every alignment within the limit.
            if (to < b.Length)
            {
                current[to + 1] = over;
            }

            if (rowMinimum >= over)
            {
                return over;
            }

            (beforePrevious, previous, current) = (previous, current, beforePrevious);
        }

        return previous[b.Length];
    }
}
