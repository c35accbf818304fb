namespace Clawdbot.Sdk;

/// <summary>How serious a configuration problem is.</summary>
public enum ConfigSeverity
{
    Warning,
    Error,
}

/// <summary>One rule of the Clawdbot config file: a stable id, a title and a message format.</summary>
public sealed class ConfigRule
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
public static class ConfigRules
{
    public const string SyntaxCategory = "Clawdbot.Config";
    public const string GeneratorCategory = "Clawdbot.Generator";

    public const string SyntaxErrorId = "CLAW1001";
    public const string SyntaxErrorTitle = "Invalid JSON5";
    public const string SyntaxErrorMessage = "{0}";

    public const string DuplicateKeyId = "CLAW1002";
    public const string DuplicateKeyTitle = "Duplicate key";
    public const string DuplicateKeyMessage = "Duplicate key '{0}': the last value wins";

    public const string UnknownKeyId = "CLAW2001";
    public const string UnknownKeyTitle = "Unknown key";
    public const string UnknownKeyMessage = "Unknown key '{0}' in {1}{2}";

    public const string WrongTypeId = "CLAW2002";
    public const string WrongTypeTitle = "Wrong value type";
    public const string WrongTypeMessage = "'{0}' must be {1}, not {2}";

    public const string MissingKeyId = "CLAW2003";
    public const string MissingKeyTitle = "Missing required key";
    public const string MissingKeyMessage = "{0} is missing the required key '{1}'";

    public const string InvalidValueId = "CLAW2004";
    public const string InvalidValueTitle = "Value not allowed";
    public const string InvalidValueMessage = "'{0}' must be one of {1}, not '{2}'{3}";

    public const string OutOfRangeId = "CLAW2005";
    public const string OutOfRangeTitle = "Number out of range";
    public const string OutOfRangeMessage = "'{0}' must be {1}, not {2}";

    public const string EmptyStringId = "CLAW2006";
    public const string EmptyStringTitle = "Empty string";
    public const string EmptyStringMessage = "'{0}' must not be empty";

    public const string IgnoredKeyId = "CLAW2007";
    public const string IgnoredKeyTitle = "Unknown key ignored";
    public const string IgnoredKeyMessage = "Unknown key '{0}' in {1} is ignored{2}";

    public const string DuplicateModelId = "CLAW3001";
    public const string DuplicateModelTitle = "Duplicate model id";
    public const string DuplicateModelMessage = "Model id '{0}' is declared more than once in provider '{1}' (first at line {2})";

    public const string MaxTokensOverContextId = "CLAW3002";
    public const string MaxTokensOverContextTitle = "maxTokens exceeds contextWindow";
    public const string MaxTokensOverContextMessage = "Model '{0}' has maxTokens {1}, more than its contextWindow {2}";

    public const string MalformedModelRefId = "CLAW3003";
    public const string MalformedModelRefTitle = "Malformed model reference";
    public const string MalformedModelRefMessage = "'{0}' is not a model reference: write 'provider/model-id' or an alias";

    public const string UnknownProviderId = "CLAW3004";
    public const string UnknownProviderTitle = "Possibly misspelled provider";
    public const string UnknownProviderMessage = "Model reference '{0}' names provider '{1}', which is not declared; did you mean '{2}'?";

    public const string NonBedrockApiId = "CLAW3005";
    public const string NonBedrockApiTitle = "Provider API not spoken by this SDK";
    public const string NonBedrockApiMessage = "'{0}' uses api '{1}'; this SDK speaks only 'bedrock-converse-stream' to Amazon Bedrock";

    public const string NameCollisionId = "CLAW3006";
    public const string NameCollisionTitle = "Model names collide in C#";
    public const string NameCollisionMessage = "Models '{0}' and '{1}' both become the C# name '{2}'; give one a distinct 'name' (for example '{3}')";

    public const string DuplicateAliasId = "CLAW3007";
    public const string DuplicateAliasTitle = "Duplicate model alias";
    public const string DuplicateAliasMessage = "Alias '{0}' is used by both '{1}' and '{2}'; the first one wins";

    public const string ExtraConfigFileId = "CLAW3008";
    public const string ExtraConfigFileTitle = "More than one Clawdbot config file";
    public const string ExtraConfigFileMessage = "Only one Clawdbot config file per project is read; '{0}' is ignored because '{1}' is used";

    public const string InvalidNamespaceId = "CLAW3009";
    public const string InvalidNamespaceTitle = "Invalid namespace for the generated code";
    public const string InvalidNamespaceMessage = "'{0}' (from ClawdbotSdkNamespace or RootNamespace) is not a C# namespace; set ClawdbotSdkNamespace to a dotted name such as 'MyApp.Models'";

    public const string InternalErrorId = "CLAW9999";
    public const string InternalErrorTitle = "Internal error";
    public const string InternalErrorMessage = "Clawdbot.Sdk could not process this file: {0}";

    public static ConfigRule SyntaxError { get; } = new(SyntaxErrorId, SyntaxErrorTitle, SyntaxErrorMessage, ConfigSeverity.Error, SyntaxCategory);
    public static ConfigRule DuplicateKey { get; } = new(DuplicateKeyId, DuplicateKeyTitle, DuplicateKeyMessage, ConfigSeverity.Warning, SyntaxCategory);
    public static ConfigRule UnknownKey { get; } = new(UnknownKeyId, UnknownKeyTitle, UnknownKeyMessage, ConfigSeverity.Error, SyntaxCategory);
    public static ConfigRule WrongType { get; } = new(WrongTypeId, WrongTypeTitle, WrongTypeMessage, ConfigSeverity.Error, SyntaxCategory);
    public static ConfigRule MissingKey { get; } = new(MissingKeyId, MissingKeyTitle, MissingKeyMessage, ConfigSeverity.Error, SyntaxCategory);
    public static ConfigRule InvalidValue { get; } = new(InvalidValueId, InvalidValueTitle, InvalidValueMessage, ConfigSeverity.Error, SyntaxCategory);
    public static ConfigRule OutOfRange { get; } = new(OutOfRangeId, OutOfRangeTitle, OutOfRangeMessage, ConfigSeverity.Error, SyntaxCategory);
    public static ConfigRule EmptyString { get; } = new(EmptyStringId, EmptyStringTitle, EmptyStringMessage, ConfigSeverity.Error, SyntaxCategory);
    public static ConfigRule IgnoredKey { get; } = new(IgnoredKeyId, IgnoredKeyTitle, IgnoredKeyMessage, ConfigSeverity.Warning, SyntaxCategory);
    public static ConfigRule DuplicateModel { get; } = new(DuplicateModelId, DuplicateModelTitle, DuplicateModelMessage, ConfigSeverity.Error, SyntaxCategory);
    public static ConfigRule MaxTokensOverContext { get; } = new(MaxTokensOverContextId, MaxTokensOverContextTitle, MaxTokensOverContextMessage, ConfigSeverity.Warning, SyntaxCategory);
    public static ConfigRule MalformedModelRef { get; } = new(MalformedModelRefId, MalformedModelRefTitle, MalformedModelRefMessage, ConfigSeverity.Error, SyntaxCategory);
    public static ConfigRule UnknownProvider { get; } = new(UnknownProviderId, UnknownProviderTitle, UnknownProviderMessage, ConfigSeverity.Warning, SyntaxCategory);
    public static ConfigRule NonBedrockApi { get; } = new(NonBedrockApiId, NonBedrockApiTitle, NonBedrockApiMessage, ConfigSeverity.Warning, SyntaxCategory);
    public static ConfigRule NameCollision { get; } = new(NameCollisionId, NameCollisionTitle, NameCollisionMessage, ConfigSeverity.Error, GeneratorCategory);
    public static ConfigRule DuplicateAlias { get; } = new(DuplicateAliasId, DuplicateAliasTitle, DuplicateAliasMessage, ConfigSeverity.Warning, SyntaxCategory);
    public static ConfigRule ExtraConfigFile { get; } = new(ExtraConfigFileId, ExtraConfigFileTitle, ExtraConfigFileMessage, ConfigSeverity.Warning, GeneratorCategory);
    public static ConfigRule InvalidNamespace { get; } = new(InvalidNamespaceId, InvalidNamespaceTitle, InvalidNamespaceMessage, ConfigSeverity.Error, GeneratorCategory);
    public static ConfigRule InternalError { get; } = new(InternalErrorId, InternalErrorTitle, InternalErrorMessage, ConfigSeverity.Error, GeneratorCategory);

    /// <summary>Every rule, in id order.</summary>
    public static ConfigRule[] All { get; } =
    [
        SyntaxError, DuplicateKey,
        UnknownKey, WrongType, MissingKey, InvalidValue, OutOfRange, EmptyString, IgnoredKey,
        DuplicateModel, MaxTokensOverContext, MalformedModelRef, UnknownProvider, NonBedrockApi, NameCollision, DuplicateAlias, ExtraConfigFile,
        InvalidNamespace, InternalError,
    ];
}
