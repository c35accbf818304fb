namespace Clawdbot.Sdk;

/// <summary>The kind of a JSON5 value.</summary>
#if CLAWDBOT_SDK_RUNTIME
public
#endif
enum Json5Kind
{
    /// <summary>An object, <c>{ … }</c>: <see cref="Json5Object"/>.</summary>
    Object,
    /// <summary>An array, <c>[ … ]</c>: <see cref="Json5Array"/>.</summary>
    Array,
    /// <summary>A string: <see cref="Json5String"/>.</summary>
    String,
    /// <summary>A number: <see cref="Json5Number"/>.</summary>
    Number,
    /// <summary><c>true</c> or <c>false</c>: <see cref="Json5Boolean"/>.</summary>
    Boolean,
    /// <summary><c>null</c>: <see cref="Json5Null"/>.</summary>
    Null,
}
