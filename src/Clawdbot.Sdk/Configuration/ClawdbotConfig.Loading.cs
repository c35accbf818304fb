using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace Clawdbot.Sdk;

public sealed partial record ClawdbotConfig
{
    /// <summary>
    /// Reads a Clawdbot config file with the same rules the source generator applies at compile time; <c>${NAME}</c>
    /// in the enum-valued fields (<c>mode</c>, <c>auth</c>, <c>api</c>, <c>input</c>) is filled from the environment now.
    /// Throws <see cref="ClawdbotConfigException"/> listing every problem when any of them is an error.
    /// </summary>
    public static ClawdbotConfig Load(string path)
    {
        if (path is null)
        {
            throw new ArgumentNullException(nameof(path));
        }

        return Parse(File.ReadAllText(path), path);
    }

    /// <summary>Like <see cref="Load"/>, for text already in hand; <paramref name="path"/> only names it in messages.</summary>
    public static ClawdbotConfig Parse(string text, string path = "models.json5")
        => Parse(text, path, Environment.GetEnvironmentVariable);

    /// <summary>
    /// <see cref="Parse(string, string)"/> with <paramref name="environment"/> filling the placeholders of the
    /// enum-valued fields, which Clawdbot fills when it loads a file. The runtime never needs C# names, so the
    /// generator-only rules (CLAW3006, CLAW3010) are not applied.
    /// </summary>
    internal static ClawdbotConfig Parse(string text, string path, Func<string, string?> environment)
    {
        var result = ClawdbotConfigReader.Read(text, new ClawdbotConfigReadOptions { Environment = environment });
        if (result.HasErrors || result.Config is null)
        {
            throw new ClawdbotConfigException(path, result.Diagnostics);
        }

        return result.Config;
    }

    /// <summary>The declared provider <paramref name="providerId"/>, or null.</summary>
    public ModelProviderConfig? FindProvider(string providerId)
        => Models.Providers.FirstOrDefault(p => string.Equals(p.Id, providerId, StringComparison.Ordinal));
}

/// <summary>A config file has errors; <see cref="Exception.Message"/> lists each as <c>file(line,col): CLAWnnnn: message</c>.</summary>
public sealed class ClawdbotConfigException : Exception
{
    /// <summary>
    /// Creates the error for the file <paramref name="path"/> with its <paramref name="diagnostics"/>; the message
    /// lists each one.
    /// </summary>
    public ClawdbotConfigException(string path, IReadOnlyList<ConfigDiagnostic> diagnostics)
        : base(FormatMessage(path, diagnostics))
    {
        Path = path;
        Diagnostics = diagnostics;
    }

    /// <summary>
    /// The file the problems are in, as given to <see cref="ClawdbotConfig.Load"/> or <see
    /// cref="ClawdbotConfig.Parse(string, string)"/>.
    /// </summary>
    public string Path { get; }

    /// <summary>Every problem found, warnings included, in file order.</summary>
    public IReadOnlyList<ConfigDiagnostic> Diagnostics { get; }

    private static string FormatMessage(string path, IReadOnlyList<ConfigDiagnostic> diagnostics)
    {
        var errors = diagnostics.Count(d => d.Severity == ConfigSeverity.Error);
        var lines = diagnostics.OrderBy(d => d.Span.Start).Select(d => d.Format(path));
        return "The config file has " + errors + (errors == 1 ? " error" : " errors") + ":" + Environment.NewLine
            + string.Join(Environment.NewLine, lines);
    }
}
