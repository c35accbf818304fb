namespace Clawdbot.Sdk;

/// <summary>The kind of a JSON5 value.</summary>
public enum Json5Kind
{
    Object,
    Array,
    String,
    Number,
    Boolean,
    Null,
}
