namespace Clawdbot.Sdk;

/// <summary>The kind of a JSON5 value.</summary>
#if CLAWDBOT_SDK_RUNTIME
public
#endif
enum Json5Kind
{
    Object,
    Array,
    String,
    Number,
    Boolean,
    Null,
}
