using System;
using System.Collections.Generic;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;

namespace Clawdbot.Sdk;

/// <summary>
/// Writes a value as compact standard JSON, character for character what JavaScript's
/// <c>JSON.stringify</c> writes for the object JSON5 would have built: integer-like keys first in
/// ascending order, then the others in first-occurrence order, each key once with its last value.
/// </summary>
internal static class Json5JsonWriter
{
    public static string Write(Json5Value value)
    {
        if (value is null)
        {
            throw new ArgumentNullException(nameof(value));
        }

        var builder = new StringBuilder();
        WriteValue(builder, value);
        return builder.ToString();
    }

    private static void WriteValue(StringBuilder builder, Json5Value value)
    {
        switch (value)
        {
            case Json5Object obj:
                WriteObject(builder, obj);
                break;
            case Json5Array array:
                WriteArray(builder, array);
                break;
            case Json5String str:
                WriteString(builder, str.Value);
                break;
            case Json5Number number:
                WriteNumber(builder, number.Value);
                break;
            case Json5Boolean boolean:
                builder.Append(boolean.Value ? "true" : "false");
                break;
            default:
                builder.Append("null");
                break;
        }
    }

    private static void WriteArray(StringBuilder builder, Json5Array array)
    {
        // Trees built by hand can be deeper than the parser allows.
        RuntimeHelpers.EnsureSufficientExecutionStack();
        builder.Append('[');
        var items = array.Items;
        for (var i = 0; i < items.Count; i++)
        {
            if (i > 0)
            {
                builder.Append(',');
            }

            WriteValue(builder, items[i]);
        }

        builder.Append(']');
    }

    private static void WriteObject(StringBuilder builder, Json5Object obj)
    {
        RuntimeHelpers.EnsureSufficientExecutionStack();
        builder.Append('{');
        var first = true;
        foreach (var name in OrderedKeys(obj))
        {
            if (!first)
            {
                builder.Append(',');
            }

            first = false;
            WriteString(builder, name);
            builder.Append(':');
            WriteValue(builder, obj[name]!);
        }

        builder.Append('}');
    }

    /// <summary>The distinct keys in JavaScript's own-property order.</summary>
    private static IEnumerable<string> OrderedKeys(Json5Object obj)
    {
        var properties = obj.Properties;
        List<(uint Index, string Name)>? indexKeys = null;
        var otherKeys = new List<string>(properties.Count);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var property in properties)
        {
            if (!seen.Add(property.Name))
            {
                continue;
            }

            if (TryGetArrayIndex(property.Name, out var index))
            {
                (indexKeys ??= new List<(uint, string)>()).Add((index, property.Name));
            }
            else
            {
                otherKeys.Add(property.Name);
            }
        }

        if (indexKeys is null)
        {
            return otherKeys;
        }

        indexKeys.Sort((a, b) => a.Index.CompareTo(b.Index));
        var ordered = new List<string>(indexKeys.Count + otherKeys.Count);
        foreach (var key in indexKeys)
        {
            ordered.Add(key.Name);
        }

        ordered.AddRange(otherKeys);
        return ordered;
    }

    /// <summary>Whether <paramref name="name"/> is a canonical array index (0..2^32-2), which JavaScript lists first.</summary>
    private static bool TryGetArrayIndex(string name, out uint index)
    {
        index = 0;
        if (name.Length == 0 || name.Length > 10 || (name.Length > 1 && name[0] == '0'))
        {
            return false;
        }

        ulong value = 0;
        foreach (var c in name)
        {
            if (c < '0' || c > '9')
            {
                return false;
            }

            value = (value * 10) + (ulong)(c - '0');
        }

        if (value >= uint.MaxValue)
        {
            return false;
        }

        index = (uint)value;
        return true;
    }

    private static void WriteString(StringBuilder builder, string value)
    {
        builder.Append('"');
        var runStart = 0;
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            string? escape = null;
            if (c < 0x20 || c == '"' || c == '\\')
            {
                escape = c switch
                {
                    '"' => "\\\"",
                    '\\' => "\\\\",
                    '\b' => "\\b",
                    '\f' => "\\f",
                    '\n' => "\\n",
                    '\r' => "\\r",
                    '\t' => "\\t",
                    _ => null,
                };
            }
            else if (char.IsSurrogate(c))
            {
                if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
                {
                    i++;
                    continue;
                }
            }
            else
            {
                continue;
            }

            builder.Append(value, runStart, i - runStart);
            if (escape is null)
            {
                builder.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
            }
            else
            {
                builder.Append(escape);
            }

            runStart = i + 1;
        }

        builder.Append(value, runStart, value.Length - runStart);
        builder.Append('"');
    }

    private static void WriteNumber(StringBuilder builder, double value)
    {
        if (double.IsNaN(value) || double.IsInfinity(value))
        {
            builder.Append("null");
            return;
        }

        Json5NumberFormatter.AppendJavaScript(builder, value);
    }
}
