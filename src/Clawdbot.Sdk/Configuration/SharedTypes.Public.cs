using System.ComponentModel;

// The JSON5 parser and the config model are written once, in generators/Clawdbot.Sdk.Generators/Json5 and Config, and
// compiled into both the generator and this assembly. There they declare no accessibility, so they are internal to the
// generator; these declarations make the contracts public here, and only here, so each public type is defined in one
// assembly. The enums, which cannot be partial, are public where CLAWDBOT_SDK_RUNTIME is defined (this project).
// Everything else in those folders (the reader, the rules, placeholders, C# names) stays internal in both.

namespace Clawdbot.Sdk
{
    public static partial class Json5;

    public sealed partial class Json5Exception;

    public abstract partial class Json5Value;

    public sealed partial class Json5Object;

    public sealed partial class Json5Property;

    public sealed partial class Json5Array;

    public sealed partial class Json5String;

    public sealed partial class Json5Number;

    public sealed partial class Json5Boolean;

    public sealed partial class Json5Null;

    public readonly partial record struct SourceSpan;

    public sealed partial record ClawdbotConfig;

    public sealed partial record ModelsConfig;

    public sealed partial record ModelProviderConfig;

    public sealed partial record ModelDefinition;

    public sealed partial record ModelCost;

    public sealed partial record BedrockDiscoveryConfig;

    public sealed partial record BedrockGuardrailConfig;

    public sealed partial record AgentDefaultsConfig;

    public sealed partial record AgentModelEntry;

    public sealed partial record AgentModelParams;

    public sealed partial class ConfigDiagnostic;
}

namespace Clawdbot.Sdk.Generated
{
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static partial class ConfigEnumValues;
}
