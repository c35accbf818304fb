using System;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using Clawdbot.Sdk.Generators.Diagnostics;
using Clawdbot.Sdk.Generators.Emit;
using Clawdbot.Sdk.Generators.Model;
using Clawdbot.Sdk.Generators.Parsing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Clawdbot.Sdk.Generators;

/// <summary>
/// Reads the project's Clawdbot config (<c>models.json5</c>, <c>*.clawdbot.json5</c> or <c>clawdbot.json</c> as an
/// AdditionalFiles item) and emits typed model descriptors. Every problem in the file is a diagnostic at its span.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class ModelsGenerator : IIncrementalGenerator
{
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var parsed = context.AdditionalTextsProvider
            .Where(static file => IsConfigFile(file.Path))
            .Select(static (file, cancellationToken) => ModelsFileParser.Parse(file, cancellationToken))
            .WithTrackingName(TrackingNames.Parse);

        var diagnostics = parsed
            .Select(static (file, _) => file.Diagnostics)
            .WithTrackingName(TrackingNames.Diagnostics);
        context.RegisterSourceOutput(diagnostics, static (output, infos) =>
        {
            foreach (var info in infos)
            {
                output.ReportDiagnostic(info.ToDiagnostic());
            }
        });

        var specs = parsed
            .Select(static (file, _) => file.Spec)
            .WithTrackingName(TrackingNames.Spec);

        var options = context.AnalyzerConfigOptionsProvider
            .Select(static (provider, _) => ReadOptions(provider.GlobalOptions))
            .WithTrackingName(TrackingNames.Options);

        var emitInput = specs.Collect()
            .Combine(options)
            .WithTrackingName(TrackingNames.EmitInput);
        context.RegisterSourceOutput(emitInput, static (output, input) => Emit(output, input.Left, input.Right));
    }

    internal static bool IsConfigFile(string path)
    {
        var name = Path.GetFileName(path);
        return string.Equals(name, "models.json5", StringComparison.OrdinalIgnoreCase)
            || string.Equals(name, "clawdbot.json", StringComparison.OrdinalIgnoreCase)
            || name.EndsWith(".clawdbot.json5", StringComparison.OrdinalIgnoreCase);
    }

    private static bool IsNamespace(string name)
        => name.Split('.').All(part => SyntaxFacts.IsValidIdentifier(part) && SyntaxFacts.GetKeywordKind(part) == SyntaxKind.None);

    private static GeneratorOptions ReadOptions(AnalyzerConfigOptions options)
    {
        var ns = options.TryGetValue("build_property.ClawdbotSdkNamespace", out var custom) && !string.IsNullOrWhiteSpace(custom)
            ? custom
            : options.TryGetValue("build_property.RootNamespace", out var root) ? root : null;
        options.TryGetValue("build_property.ClawdbotSdkGeneratedAccessibility", out var accessibility);
        return new GeneratorOptions(ns?.Trim(), accessibility);
    }

    private static void Emit(SourceProductionContext output, ImmutableArray<ModelsFileSpec?> specs, GeneratorOptions options)
    {
        try
        {
            // Files with errors have no spec; their diagnostics are already reported and nothing is emitted for them.
            var usable = specs.Where(s => s is not null).Select(s => s!).OrderBy(s => s.FilePath, StringComparer.Ordinal).ToList();
            if (usable.Count == 0)
            {
                return;
            }

            foreach (var extra in usable.Skip(1))
            {
                output.ReportDiagnostic(Diagnostic.Create(
                    DiagnosticDescriptors.ExtraConfigFile,
                    Location.Create(extra.FilePath, default, default),
                    extra.FilePath,
                    usable[0].FilePath));
            }

            if (options.Namespace is { Length: > 0 } ns && !IsNamespace(ns))
            {
                output.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.InvalidNamespace, Location.Create(usable[0].FilePath, default, default), ns));
                return;
            }

            if (options.AccessibilityKeyword is null)
            {
                output.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.InvalidAccessibility, Location.Create(usable[0].FilePath, default, default), options.Accessibility));
                return;
            }

            output.AddSource(ModelsEmitter.HintName, ModelsEmitter.Emit(usable[0], options));
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            output.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.InternalError, Location.None, exception.GetType().Name + ": " + exception.Message));
        }
    }
}
