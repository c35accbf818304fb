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

    /// <summary>The stable rule id, <c>CLAWnnnn</c> (listed in the README's diagnostics table).</summary>
    public string Id => Rule.Id;

    /// <summary>
    /// Whether the problem stops the file from loading (<see cref="ConfigSeverity.Error"/>) or is only reported.
    /// </summary>
    public ConfigSeverity Severity => Rule.Severity;

    /// <summary>
    /// Where in the file the problem is: the value for a bad value, the key for an unknown or duplicate key, the
    /// enclosing object for a missing one.
    /// </summary>
    public SourceSpan Span { get; }

    /// <summary>The message, without the position or id.</summary>
    public string Message { get; }

    /// <summary>The values the message was formatted from, for tools that build their own message (the generator).</summary>
    internal object[] MessageArgs { get; }

    /// <summary>The form every tool prints: <c>file(line,col): CLAWnnnn: message</c>.</summary>
    public string Format(string path)
        => string.Format(CultureInfo.InvariantCulture, "{0}({1},{2}): {3}: {4}", path, Span.Line, Span.Column, Id, Message);

    /// <summary>The diagnostic as <see cref="Format"/> prints it for a file named <c>models.json5</c>.</summary>
    public override string ToString() => Format("models.json5");
}
