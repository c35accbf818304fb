using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace Clawdbot.Sdk.Generators.Diagnostics;

/// <summary>
/// The compiler's view of <see cref="ConfigRules"/>: one descriptor per rule, built from the rule's constants so the
/// release-tracking analyzer checks them against AnalyzerReleases.*.md.
/// </summary>
internal static class DiagnosticDescriptors
{
    /// <summary>The README, whose Diagnostics table gives each id a row with an anchor of its own (<c>#claw2001</c>).</summary>
    internal const string HelpLinkBase = "https://github.com/clawdbot/Clawdbot.Sdk/blob/main/README.md";

    public static readonly DiagnosticDescriptor SyntaxError = new(ConfigRules.SyntaxErrorId, ConfigRules.SyntaxErrorTitle, ConfigRules.SyntaxErrorMessage, ConfigRules.SyntaxCategory, (DiagnosticSeverity)ConfigRules.SyntaxErrorSeverity, true, helpLinkUri: HelpLink(ConfigRules.SyntaxErrorId));
    public static readonly DiagnosticDescriptor DuplicateKey = new(ConfigRules.DuplicateKeyId, ConfigRules.DuplicateKeyTitle, ConfigRules.DuplicateKeyMessage, ConfigRules.SyntaxCategory, (DiagnosticSeverity)ConfigRules.DuplicateKeySeverity, true, helpLinkUri: HelpLink(ConfigRules.DuplicateKeyId));
    public static readonly DiagnosticDescriptor UnknownKey = new(ConfigRules.UnknownKeyId, ConfigRules.UnknownKeyTitle, ConfigRules.UnknownKeyMessage, ConfigRules.SyntaxCategory, (DiagnosticSeverity)ConfigRules.UnknownKeySeverity, true, helpLinkUri: HelpLink(ConfigRules.UnknownKeyId));
    public static readonly DiagnosticDescriptor WrongType = new(ConfigRules.WrongTypeId, ConfigRules.WrongTypeTitle, ConfigRules.WrongTypeMessage, ConfigRules.SyntaxCategory, (DiagnosticSeverity)ConfigRules.WrongTypeSeverity, true, helpLinkUri: HelpLink(ConfigRules.WrongTypeId));
    public static readonly DiagnosticDescriptor MissingKey = new(ConfigRules.MissingKeyId, ConfigRules.MissingKeyTitle, ConfigRules.MissingKeyMessage, ConfigRules.SyntaxCategory, (DiagnosticSeverity)ConfigRules.MissingKeySeverity, true, helpLinkUri: HelpLink(ConfigRules.MissingKeyId));
    public static readonly DiagnosticDescriptor InvalidValue = new(ConfigRules.InvalidValueId, ConfigRules.InvalidValueTitle, ConfigRules.InvalidValueMessage, ConfigRules.SyntaxCategory, (DiagnosticSeverity)ConfigRules.InvalidValueSeverity, true, helpLinkUri: HelpLink(ConfigRules.InvalidValueId));
    public static readonly DiagnosticDescriptor OutOfRange = new(ConfigRules.OutOfRangeId, ConfigRules.OutOfRangeTitle, ConfigRules.OutOfRangeMessage, ConfigRules.SyntaxCategory, (DiagnosticSeverity)ConfigRules.OutOfRangeSeverity, true, helpLinkUri: HelpLink(ConfigRules.OutOfRangeId));
    public static readonly DiagnosticDescriptor EmptyString = new(ConfigRules.EmptyStringId, ConfigRules.EmptyStringTitle, ConfigRules.EmptyStringMessage, ConfigRules.SyntaxCategory, (DiagnosticSeverity)ConfigRules.EmptyStringSeverity, true, helpLinkUri: HelpLink(ConfigRules.EmptyStringId));
    public static readonly DiagnosticDescriptor IgnoredKey = new(ConfigRules.IgnoredKeyId, ConfigRules.IgnoredKeyTitle, ConfigRules.IgnoredKeyMessage, ConfigRules.SyntaxCategory, (DiagnosticSeverity)ConfigRules.IgnoredKeySeverity, true, helpLinkUri: HelpLink(ConfigRules.IgnoredKeyId));
    public static readonly DiagnosticDescriptor IgnoredParam = new(ConfigRules.IgnoredParamId, ConfigRules.IgnoredParamTitle, ConfigRules.IgnoredParamMessage, ConfigRules.SyntaxCategory, (DiagnosticSeverity)ConfigRules.IgnoredParamSeverity, true, helpLinkUri: HelpLink(ConfigRules.IgnoredParamId));
    public static readonly DiagnosticDescriptor DuplicateModel = new(ConfigRules.DuplicateModelId, ConfigRules.DuplicateModelTitle, ConfigRules.DuplicateModelMessage, ConfigRules.SyntaxCategory, (DiagnosticSeverity)ConfigRules.DuplicateModelSeverity, true, helpLinkUri: HelpLink(ConfigRules.DuplicateModelId));
    public static readonly DiagnosticDescriptor MaxTokensOverContext = new(ConfigRules.MaxTokensOverContextId, ConfigRules.MaxTokensOverContextTitle, ConfigRules.MaxTokensOverContextMessage, ConfigRules.SyntaxCategory, (DiagnosticSeverity)ConfigRules.MaxTokensOverContextSeverity, true, helpLinkUri: HelpLink(ConfigRules.MaxTokensOverContextId));
    public static readonly DiagnosticDescriptor MalformedModelRef = new(ConfigRules.MalformedModelRefId, ConfigRules.MalformedModelRefTitle, ConfigRules.MalformedModelRefMessage, ConfigRules.SyntaxCategory, (DiagnosticSeverity)ConfigRules.MalformedModelRefSeverity, true, helpLinkUri: HelpLink(ConfigRules.MalformedModelRefId));
    public static readonly DiagnosticDescriptor UnknownProvider = new(ConfigRules.UnknownProviderId, ConfigRules.UnknownProviderTitle, ConfigRules.UnknownProviderMessage, ConfigRules.SyntaxCategory, (DiagnosticSeverity)ConfigRules.UnknownProviderSeverity, true, helpLinkUri: HelpLink(ConfigRules.UnknownProviderId));
    public static readonly DiagnosticDescriptor NonBedrockApi = new(ConfigRules.NonBedrockApiId, ConfigRules.NonBedrockApiTitle, ConfigRules.NonBedrockApiMessage, ConfigRules.SyntaxCategory, (DiagnosticSeverity)ConfigRules.NonBedrockApiSeverity, true, helpLinkUri: HelpLink(ConfigRules.NonBedrockApiId));
    public static readonly DiagnosticDescriptor NameCollision = new(ConfigRules.NameCollisionId, ConfigRules.NameCollisionTitle, ConfigRules.NameCollisionMessage, ConfigRules.GeneratorCategory, (DiagnosticSeverity)ConfigRules.NameCollisionSeverity, true, helpLinkUri: HelpLink(ConfigRules.NameCollisionId));
    public static readonly DiagnosticDescriptor DuplicateAlias = new(ConfigRules.DuplicateAliasId, ConfigRules.DuplicateAliasTitle, ConfigRules.DuplicateAliasMessage, ConfigRules.SyntaxCategory, (DiagnosticSeverity)ConfigRules.DuplicateAliasSeverity, true, helpLinkUri: HelpLink(ConfigRules.DuplicateAliasId));
    public static readonly DiagnosticDescriptor ExtraConfigFile = new(ConfigRules.ExtraConfigFileId, ConfigRules.ExtraConfigFileTitle, ConfigRules.ExtraConfigFileMessage, ConfigRules.GeneratorCategory, (DiagnosticSeverity)ConfigRules.ExtraConfigFileSeverity, true, helpLinkUri: HelpLink(ConfigRules.ExtraConfigFileId));
    public static readonly DiagnosticDescriptor InvalidNamespace = new(ConfigRules.InvalidNamespaceId, ConfigRules.InvalidNamespaceTitle, ConfigRules.InvalidNamespaceMessage, ConfigRules.GeneratorCategory, (DiagnosticSeverity)ConfigRules.InvalidNamespaceSeverity, true, helpLinkUri: HelpLink(ConfigRules.InvalidNamespaceId));
    public static readonly DiagnosticDescriptor LiteralSecret = new(ConfigRules.LiteralSecretId, ConfigRules.LiteralSecretTitle, ConfigRules.LiteralSecretMessage, ConfigRules.GeneratorCategory, (DiagnosticSeverity)ConfigRules.LiteralSecretSeverity, true, helpLinkUri: HelpLink(ConfigRules.LiteralSecretId));
    public static readonly DiagnosticDescriptor InvalidAccessibility = new(ConfigRules.InvalidAccessibilityId, ConfigRules.InvalidAccessibilityTitle, ConfigRules.InvalidAccessibilityMessage, ConfigRules.GeneratorCategory, (DiagnosticSeverity)ConfigRules.InvalidAccessibilitySeverity, true, helpLinkUri: HelpLink(ConfigRules.InvalidAccessibilityId));
    public static readonly DiagnosticDescriptor InternalError = new(ConfigRules.InternalErrorId, ConfigRules.InternalErrorTitle, ConfigRules.InternalErrorMessage, ConfigRules.GeneratorCategory, (DiagnosticSeverity)ConfigRules.InternalErrorSeverity, true, helpLinkUri: HelpLink(ConfigRules.InternalErrorId));

    private static readonly Dictionary<string, DiagnosticDescriptor> s_byId = new[]
    {
        SyntaxError, DuplicateKey, UnknownKey, WrongType, MissingKey, InvalidValue, OutOfRange, EmptyString, IgnoredKey, IgnoredParam,
        DuplicateModel, MaxTokensOverContext, MalformedModelRef, UnknownProvider, NonBedrockApi, NameCollision, DuplicateAlias,
        ExtraConfigFile, InvalidNamespace, LiteralSecret, InvalidAccessibility, InternalError,
    }.ToDictionary(d => d.Id, StringComparer.Ordinal);

    /// <summary>The help link of <paramref name="id"/>: its row of the README's Diagnostics table.</summary>
    internal static string HelpLink(string id) => HelpLinkBase + "#" + id.ToLowerInvariant();

    public static IEnumerable<DiagnosticDescriptor> All => s_byId.Values;

    public static DiagnosticDescriptor ForId(string id) => s_byId.TryGetValue(id, out var descriptor) ? descriptor : InternalError;
}
