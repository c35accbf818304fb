using System.Collections.Generic;

namespace Clawdbot.Sdk;

/// <summary>
/// A value of a parsed JSON5 document. Every value, and every object key, keeps the span it was read from,
/// so that configuration errors can point at the exact place in the file.
/// </summary>
abstract partial class Json5Value
{
    private protected Json5Value(SourceSpan span) => Span = span;

    /// <summary>
    /// Which kind of value this is; each kind is one subclass (<see cref="Json5Object"/>, <see cref="Json5Array"/>, …).
    /// </summary>
    public abstract Json5Kind Kind { get; }

    /// <summary>The span of the value's text, from its first character to its last.</summary>
    public SourceSpan Span { get; }

    /// <summary>Writes the value as standard JSON, as <c>JSON.stringify</c> does (non-finite numbers as <c>null</c>).</summary>
    public string ToJsonString() => Json5JsonWriter.Write(this);

    /// <summary>The value as standard JSON; the same as <see cref="ToJsonString"/>.</summary>
    public override string ToString() => ToJsonString();
}

/// <summary>A JSON5 object. Keys keep their source order; when a key repeats, the last value wins.</summary>
sealed partial class Json5Object : Json5Value
{
    // Small objects (the common case) are searched linearly; larger ones get an index on first lookup.
    private const int LinearSearchLimit = 8;

    private Dictionary<string, Json5Property>? _byName;
    private int _distinctCount = -1;

    /// <summary>
    /// Creates an object of <paramref name="properties"/> (in source order, duplicates allowed) read from <paramref
    /// name="span"/>.
    /// </summary>
    public Json5Object(IReadOnlyList<Json5Property> properties, SourceSpan span) : base(span)
    {
        Properties = properties ?? throw new System.ArgumentNullException(nameof(properties));
    }

    /// <inheritdoc/>
    public override Json5Kind Kind => Json5Kind.Object;

    /// <summary>Every property as written, duplicates included, in source order.</summary>
    public IReadOnlyList<Json5Property> Properties { get; }

    /// <summary>The number of distinct keys.</summary>
    public int Count
    {
        get
        {
            if (_distinctCount < 0)
            {
                _distinctCount = Properties.Count <= LinearSearchLimit ? CountDistinctLinearly() : Index().Count;
            }

            return _distinctCount;
        }
    }

    /// <summary>
    /// Finds the property named <paramref name="name"/> (ordinal comparison); when the key repeats, the last one
    /// written. Returns false when there is none.
    /// </summary>
    public bool TryGetProperty(string name, out Json5Property property)
    {
        if (Properties.Count <= LinearSearchLimit)
        {
            for (var i = Properties.Count - 1; i >= 0; i--)
            {
                if (string.Equals(Properties[i].Name, name, System.StringComparison.Ordinal))
                {
                    property = Properties[i];
                    return true;
                }
            }

            property = null!;
            return false;
        }

        return Index().TryGetValue(name, out property!);
    }

    /// <summary>
    /// Finds the value of <paramref name="name"/> (ordinal comparison); when the key repeats, the last one written.
    /// Returns false when there is none.
    /// </summary>
    public bool TryGetValue(string name, out Json5Value value)
    {
        if (TryGetProperty(name, out var property))
        {
            value = property.Value;
            return true;
        }

        value = null!;
        return false;
    }

    /// <summary>The value of <paramref name="name"/> (the last one written), or <c>null</c>.</summary>
    public Json5Value? this[string name] => TryGetProperty(name, out var property) ? property.Value : null;

    private Dictionary<string, Json5Property> Index()
    {
        var index = _byName;
        if (index is null)
        {
            index = new Dictionary<string, Json5Property>(Properties.Count, System.StringComparer.Ordinal);
            foreach (var property in Properties)
            {
                index[property.Name] = property;
            }

            // Racing readers may each build one; any of them is complete and equal.
            index = System.Threading.Interlocked.CompareExchange(ref _byName, index, null) ?? index;
        }

        return index;
    }

    private int CountDistinctLinearly()
    {
        var distinct = 0;
        for (var i = 0; i < Properties.Count; i++)
        {
            var seenBefore = false;
            for (var j = 0; j < i && !seenBefore; j++)
            {
                seenBefore = string.Equals(Properties[i].Name, Properties[j].Name, System.StringComparison.Ordinal);
            }

            if (!seenBefore)
            {
                distinct++;
            }
        }

        return distinct;
    }
}

/// <summary>One <c>key: value</c> pair of an object, with the span of the key as written (quotes included).</summary>
sealed partial class Json5Property
{
    /// <summary>
    /// Creates the pair <paramref name="name"/>: <paramref name="value"/>, the key read from <paramref
    /// name="nameSpan"/>.
    /// </summary>
    public Json5Property(string name, SourceSpan nameSpan, Json5Value value)
    {
        Name = name;
        NameSpan = nameSpan;
        Value = value;
    }

    /// <summary>The key, unquoted and unescaped.</summary>
    public string Name { get; }

    /// <summary>The span of the key as written, quotes included.</summary>
    public SourceSpan NameSpan { get; }

    /// <summary>The value.</summary>
    public Json5Value Value { get; }
}

/// <summary>A JSON5 array.</summary>
sealed partial class Json5Array : Json5Value
{
    /// <summary>Creates an array of <paramref name="items"/> read from <paramref name="span"/>.</summary>
    public Json5Array(IReadOnlyList<Json5Value> items, SourceSpan span) : base(span) => Items = items;

    /// <inheritdoc/>
    public override Json5Kind Kind => Json5Kind.Array;

    /// <summary>The items, in source order.</summary>
    public IReadOnlyList<Json5Value> Items { get; }
}

/// <summary>A JSON5 string (single- or double-quoted).</summary>
sealed partial class Json5String : Json5Value
{
    /// <summary>Creates the string <paramref name="value"/> read from <paramref name="span"/>.</summary>
    public Json5String(string value, SourceSpan span) : base(span) => Value = value;

    /// <inheritdoc/>
    public override Json5Kind Kind => Json5Kind.String;

    /// <summary>The text, with its escapes and line continuations resolved.</summary>
    public string Value { get; }
}

/// <summary>A number. JSON5 numbers are IEEE doubles, as in JavaScript; hex literals included.</summary>
sealed partial class Json5Number : Json5Value
{
    /// <summary>Creates the number <paramref name="value"/> read from <paramref name="span"/>.</summary>
    public Json5Number(double value, SourceSpan span) : base(span) => Value = value;

    /// <inheritdoc/>
    public override Json5Kind Kind => Json5Kind.Number;

    /// <summary>The value; <c>Infinity</c> and <c>NaN</c> are allowed in JSON5.</summary>
    public double Value { get; }

    /// <summary>Whether the value is finite and has no fractional part.</summary>
    public bool IsInteger => !double.IsNaN(Value) && !double.IsInfinity(Value) && System.Math.Floor(Value) == Value;
}

/// <summary>A JSON5 <c>true</c> or <c>false</c>.</summary>
sealed partial class Json5Boolean : Json5Value
{
    /// <summary>Creates the boolean <paramref name="value"/> read from <paramref name="span"/>.</summary>
    public Json5Boolean(bool value, SourceSpan span) : base(span) => Value = value;

    /// <inheritdoc/>
    public override Json5Kind Kind => Json5Kind.Boolean;

    /// <summary>The value.</summary>
    public bool Value { get; }
}

/// <summary>A JSON5 <c>null</c>.</summary>
sealed partial class Json5Null : Json5Value
{
    /// <summary>Creates a <c>null</c> read from <paramref name="span"/>.</summary>
    public Json5Null(SourceSpan span) : base(span)
    {
    }

    /// <inheritdoc/>
    public override Json5Kind Kind => Json5Kind.Null;
}
