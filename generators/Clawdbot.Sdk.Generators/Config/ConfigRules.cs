namespace Clawdbot.Sdk;

/// <summary>How serious a configuration problem is.</summary>
/// <remarks>
/// The values are those of Roslyn's <c>DiagnosticSeverity</c>, so the generator's descriptors take a rule's severity
/// by a constant cast and each severity is written once, here.
/// </remarks>
#if CLAWDBOT_SDK_RUNTIME
public
#endif
enum ConfigSeverity
{
    /// <summary>Reported; the file still loads.</summary>
    Warning = 2,
    /// <summary>The file does not load: <see cref="ClawdbotConfig.Load"/> throws and the build fails.</summary>
    Error = 3,
}

/// <summary>One rule of the Clawdbot config file: a stable id, a title and a message format.</summary>
internal sealed class ConfigRule
{
    internal ConfigRule(string id, string title, string messageFormat, ConfigSeverity severity, string category)
    {
        Id = id;
        Title = title;
        MessageFormat = messageFormat;
        Severity = severity;
        Category = category;
    }

    public string Id { get; }

    public string Title { get; }

    public string MessageFormat { get; }

    public ConfigSeverity Severity { get; }

    public string Category { get; }

    public override string ToString() => Id;
}

/// <summary>
/// The catalogue of every rule a Clawdbot config file is checked against, shared by the source generator (as compiler
/// diagnostics) and the runtime (as <see cref="ClawdbotConfigException"/>). Ids are stable: CLAW1xxx JSON5 syntax,
/// CLAW2xxx schema, CLAW3xxx semantics, CLAW9999 internal error. The constants exist so that the generator's
/// descriptors, and the analyzer release tracking that checks them, see literal values.
/// </summary>
internal static class ConfigRules
{
    public const string SyntaxCategory = "Clawdbot.Config";
    public const string GeneratorCategory = "Clawdbot.Generator";

    public const string SyntaxErrorId = "CLAW1001";
    public const string SyntaxErrorTitle = "Invalid JSON5";
    public const string SyntaxErrorMessage = "{0}";
    public const ConfigSeverity SyntaxErrorSeverity = ConfigSeverity.Error;

    public const string DuplicateKeyId = "CLAW1002";
    public const string DuplicateKeyTitle = "Duplicate key";
    public const string DuplicateKeyMessage = "Duplicate key '{0}': the last value wins";
    public const ConfigSeverity DuplicateKeySeverity = ConfigSeverity.Warning;

    public const string UnknownKeyId = "CLAW2001";
    public const string UnknownKeyTitle = "Unknown key";
    public const string UnknownKeyMessage = "Unknown key '{0}' in {1}{2}";
    public const ConfigSeverity UnknownKeySeverity = ConfigSeverity.Error;

    public const string WrongTypeId = "CLAW2002";
    public const string WrongTypeTitle = "Wrong value type";
    public const string WrongTypeMessage = "'{0}' must be {1}, not {2}";
    public const ConfigSeverity WrongTypeSeverity = ConfigSeverity.Error;

    public const string MissingKeyId = "CLAW2003";
    public const string MissingKeyTitle = "Missing required key";
    public const string MissingKeyMessage = "{0} is missing the required key '{1}'";
    public const ConfigSeverity MissingKeySeverity = ConfigSeverity.Error;

    public const string InvalidValueId = "CLAW2004";
    public const string InvalidValueTitle = "Value not allowed";
    public const string InvalidValueMessage = "'{0}' must be one of {1}, not '{2}'{3}";
    public const ConfigSeverity InvalidValueSeverity = ConfigSeverity.Error;

    public const string OutOfRangeId = "CLAW2005";
    public const string OutOfRangeTitle = "Number out of range";
    public const string OutOfRangeMessage = "'{0}' must be {1}, not {2}";
    public const ConfigSeverity OutOfRangeSeverity = ConfigSeverity.Error;

    public const string EmptyStringId = "CLAW2006";
    public const string EmptyStringTitle = "Empty string";
    public const string EmptyStringMessage = "'{0}' must not be empty";
    public const ConfigSeverity EmptyStringSeverity = ConfigSeverity.Error;

    // Retired: unknown keys under `models` were a warning, but Clawdbot refuses them, so they are CLAW2001 errors now.
    // The rule stays in the catalogue (and the README) so that the id keeps its meaning and is never reused; nothing reports it.
    public const string IgnoredKeyId = "CLAW2007";
    public const string IgnoredKeyTitle = "Unknown key ignored";
    public const string IgnoredKeyMessage = "Unknown key '{0}' in {1} is ignored{2}";
    public const ConfigSeverity IgnoredKeySeverity = ConfigSeverity.Warning;

    // Clawdbot ignores a params value of the wrong type or outside its set (it passes params through to the provider),
    // so the file still loads; the value is not applied, and this says so where it is written.
    public const string IgnoredParamId = "CLAW2008";
    public const string IgnoredParamTitle = "Model param ignored";
    public const string IgnoredParamMessage = "'{0}' must be {1}, not {2}; Clawdbot ignores it, and so does this SDK";
    public const ConfigSeverity IgnoredParamSeverity = ConfigSeverity.Warning;

    public const string DuplicateModelId = "CLAW3001";
    public const string DuplicateModelTitle = "Duplicate model id";
    public const string DuplicateModelMessage = "Model id '{0}' is declared more than once in provider '{1}' (first at line {2})";
    public const ConfigSeverity DuplicateModelSeverity = ConfigSeverity.Error;

    public const string MaxTokensOverContextId = "CLAW3002";
    public const string MaxTokensOverContextTitle = "maxTokens exceeds contextWindow";
    public const string MaxTokensOverContextMessage = "Model '{0}' has maxTokens {1}, more than its contextWindow {2}";
    public const ConfigSeverity MaxTokensOverContextSeverity = ConfigSeverity.Warning;

    public const string MalformedModelRefId = "CLAW3003";
    public const string MalformedModelRefTitle = "Malformed model reference";
    public const string MalformedModelRefMessage = "'{0}' is not a model reference: write 'provider/model-id' or an alias";
    public const ConfigSeverity MalformedModelRefSeverity = ConfigSeverity.Error;

    public const string UnknownProviderId = "CLAW3004";
    public const string UnknownProviderTitle = "Possibly misspelled provider";
    public const string UnknownProviderMessage = "Model reference '{0}' names provider '{1}', which is not declared; did you mean '{2}'?";
    public const ConfigSeverity UnknownProviderSeverity = ConfigSeverity.Warning;

    public const string NonBedrockApiId = "CLAW3005";
    public const string NonBedrockApiTitle = "Provider API not spoken by this SDK";
    public const string NonBedrockApiMessage = "'{0}' uses api '{1}'; this SDK speaks only 'bedrock-converse-stream' to Amazon Bedrock";
    public const ConfigSeverity NonBedrockApiSeverity = ConfigSeverity.Warning;

    public const string NameCollisionId = "CLAW3006";
    public const string NameCollisionTitle = "Model name unusable in C#";
    public const string NameCollisionMessage = "Model '{0}' would become the C# name '{1}', which {2}; give it a distinct 'name' (for example '{3}')";
    public const ConfigSeverity NameCollisionSeverity = ConfigSeverity.Error;

    public const string DuplicateAliasId = "CLAW3007";
    public const string DuplicateAliasTitle = "Duplicate model alias";
    public const string DuplicateAliasMessage = "Alias '{0}' is used by both '{1}' and '{2}'; the first one wins";
    public const ConfigSeverity DuplicateAliasSeverity = ConfigSeverity.Warning;

    public const string ExtraConfigFileId = "CLAW3008";
    public const string ExtraConfigFileTitle = "More than one Clawdbot config file";
    public const string ExtraConfigFileMessage = "Only one Clawdbot config file per project is read; '{0}' is ignored because '{1}' is used";
    public const ConfigSeverity ExtraConfigFileSeverity = ConfigSeverity.Warning;

    public const string InvalidNamespaceId = "CLAW3009";
    public const string InvalidNamespaceTitle = "Invalid namespace for the generated code";
    public const string InvalidNamespaceMessage = "'{0}' (from ClawdbotSdkNamespace or RootNamespace) is not a C# namespace; set ClawdbotSdkNamespace to a dotted name such as 'MyApp.Models'";
    public const ConfigSeverity InvalidNamespaceSeverity = ConfigSeverity.Error;

    public const string LiteralSecretId = "CLAW3010";
    public const string LiteralSecretTitle = "Literal secret not compiled in";
    public const string LiteralSecretMessage = "A literal {0} is not compiled into the assembly; write \"${{VAR}}\" to read it from the environment at run time ({1})";
    public const ConfigSeverity LiteralSecretSeverity = ConfigSeverity.Warning;

    public const string InvalidAccessibilityId = "CLAW3011";
    public const string InvalidAccessibilityTitle = "Invalid accessibility for the generated code";
    public const string InvalidAccessibilityMessage = "'{0}' (from ClawdbotSdkGeneratedAccessibility) is not an accessibility of the generated Bedrock class; use 'public' (the default) or 'internal'";
    public const ConfigSeverity InvalidAccessibilitySeverity = ConfigSeverity.Error;

    public const string InternalErrorId = "CLAW9999";
    public const string InternalErrorTitle = "Internal error";
    public const string InternalErrorMessage = "Clawdbot.Sdk could not process this file: {0}";
    public const ConfigSeverity InternalErrorSeverity = ConfigSeverity.Error;

    public static ConfigRule SyntaxError { get; } = new(SyntaxErrorId, SyntaxErrorTitle, SyntaxErrorMessage, SyntaxErrorSeverity, SyntaxCategory);
    public static ConfigRule DuplicateKey { get; } = new(DuplicateKeyId, DuplicateKeyTitle, DuplicateKeyMessage, DuplicateKeySeverity, SyntaxCategory);
    public static ConfigRule UnknownKey { get; } = new(UnknownKeyId, UnknownKeyTitle, UnknownKeyMessage, UnknownKeySeverity, SyntaxCategory);
    public static ConfigRule WrongType { get; } = new(WrongTypeId, WrongTypeTitle, WrongTypeMessage, WrongTypeSeverity, SyntaxCategory);
    public static ConfigRule MissingKey { get; } = new(MissingKeyId, MissingKeyTitle, MissingKeyMessage, MissingKeySeverity, SyntaxCategory);
    public static ConfigRule InvalidValue { get; } = new(InvalidValueId, InvalidValueTitle, InvalidValueMessage, InvalidValueSeverity, SyntaxCategory);
    public static ConfigRule OutOfRange { get; } = new(OutOfRangeId, OutOfRangeTitle, OutOfRangeMessage, OutOfRangeSeverity, SyntaxCategory);
    public static ConfigRule EmptyString { get; } = new(EmptyStringId, EmptyStringTitle, EmptyStringMessage, EmptyStringSeverity, SyntaxCategory);
    public static ConfigRule IgnoredKey { get; } = new(IgnoredKeyId, IgnoredKeyTitle, IgnoredKeyMessage, IgnoredKeySeverity, SyntaxCategory);
    public static ConfigRule IgnoredParam { get; } = new(IgnoredParamId, IgnoredParamTitle, IgnoredParamMessage, IgnoredParamSeverity, SyntaxCategory);
    public static ConfigRule DuplicateModel { get; } = new(DuplicateModelId, DuplicateModelTitle, DuplicateModelMessage, DuplicateModelSeverity, SyntaxCategory);
    public static ConfigRule MaxTokensOverContext { get; } = new(MaxTokensOverContextId, MaxTokensOverContextTitle, MaxTokensOverContextMessage, MaxTokensOverContextSeverity, SyntaxCategory);
    public static ConfigRule MalformedModelRef { get; } = new(MalformedModelRefId, MalformedModelRefTitle, MalformedModelRefMessage, MalformedModelRefSeverity, SyntaxCategory);
    public static ConfigRule UnknownProvider { get; } = new(UnknownProviderId, UnknownProviderTitle, UnknownProviderMessage, UnknownProviderSeverity, SyntaxCategory);
    public static ConfigRule NonBedrockApi { get; } = new(NonBedrockApiId, NonBedrockApiTitle, NonBedrockApiMessage, NonBedrockApiSeverity, SyntaxCategory);
    public static ConfigRule NameCollision { get; } = new(NameCollisionId, NameCollisionTitle, NameCollisionMessage, NameCollisionSeverity, GeneratorCategory);
    public static ConfigRule DuplicateAlias { get; } = new(DuplicateAliasId, DuplicateAliasTitle, DuplicateAliasMessage, DuplicateAliasSeverity, SyntaxCategory);
    public static ConfigRule ExtraConfigFile { get; } = new(ExtraConfigFileId, ExtraConfigFileTitle, ExtraConfigFileMessage, ExtraConfigFileSeverity, GeneratorCategory);
    public static ConfigRule InvalidNamespace { get; } = new(InvalidNamespaceId, InvalidNamespaceTitle, InvalidNamespaceMessage, InvalidNamespaceSeverity, GeneratorCategory);
    public static ConfigRule LiteralSecret { get; } = new(LiteralSecretId, LiteralSecretTitle, LiteralSecretMessage, LiteralSecretSeverity, GeneratorCategory);
    public static ConfigRule InvalidAccessibility { get; } = new(InvalidAccessibilityId, InvalidAccessibilityTitle, InvalidAccessibilityMessage, InvalidAccessibilitySeverity, GeneratorCategory);
    public static ConfigRule InternalError { get; } = new(InternalErrorId, InternalErrorTitle, InternalErrorMessage, InternalErrorSeverity, GeneratorCategory);

    /// <summary>The ids of rules that are no longer reported (kept documented so that an id is never reused).</summary>
    public static string[] RetiredIds { get; } = [IgnoredKeyId];

    /// <summary>Every rule, in id order.</summary>
    public static ConfigRule[] All { get; } =
    [
        SyntaxError, DuplicateKey,
        UnknownKey, WrongType, MissingKey, InvalidValue, OutOfRange, EmptyString, IgnoredKey, IgnoredParam,
        DuplicateModel, MaxTokensOverContext, MalformedModelRef, UnknownProvider, NonBedrockApi, NameCollision, DuplicateAlias, ExtraConfigFile,
        InvalidNamespace, LiteralSecret, InvalidAccessibility, InternalError,
    ];
}
