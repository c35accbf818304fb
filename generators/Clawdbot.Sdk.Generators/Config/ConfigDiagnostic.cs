using System.Globalization;

namespace Clawdbot.Sdk;

/// <summary>A problem found in a Clawdbot config file, at the span it concerns.</summary>
sealed partial class ConfigDiagnostic
{
    internal ConfigDiagnostic(ConfigRule rule, SourceSpan span, params object[] messageArgs)
    {
        Rule = rule;
        Span = span;
        Message = string.Format(CultureInfo.InvariantCulture, rule.MessageFormat, messageArgs);
        MessageArgs = messageArgs;
    }

    internal ConfigRule Rule { get; }

    public string Id => Rule.Id;

    public ConfigSeverity Severity => Rule.Severity;

    public SourceSpan Span { get; }

    public string Message { get; }

    /// <summary>The values the message was formatted from, for tools that build their own message (the generator).</summary>
    internal object[] MessageArgs { get; }

    /// <summary>The form every tool prints: <c>file(line,col): CLAWnnnn: message</c>.</summary>
    public string Format(string path)
        => string.Format(CultureInfo.InvariantCulture, "{0}({1},{2}): {3}: {4}", path, Span.Line, Span.Column, Id, Message);

    public override string ToString() => Format("models.json5");
}
