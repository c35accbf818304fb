
using System.Collections;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;
using TrackingNames = Clawdbot.Sdk.Generators.TrackingNames;

namespace Clawdbot.Sdk.Generators.Tests;

/// <summary>The pipeline caches: unrelated edits re-run nothing, a comment edit stops at the spec, a model edit re-emits.</summary>
public sealed class IncrementalTests
{
    private static readonly string[] s_trackedSteps = typeof(TrackingNames)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(f => (string)f.GetRawConstantValue()!)
        .ToArray();

    [Fact]
    public void EditingAnUnrelatedSourceFileReusesEveryStep()
    {
        var (driver, compilation, _) = FirstRun(RepositoryFiles.SeedConfig);
        var edited = compilation.ReplaceSyntaxTree(
            compilation.SyntaxTrees.First(),
            CSharpSyntaxTree.ParseText("namespace Consumer { internal static class Program { static int X = 1; } }", new CSharpParseOptions(LanguageVersion.Latest)));
        var run = driver.RunGenerators(edited).GetRunResult().Results.Single();

        foreach (var step in s_trackedSteps)
        {
            Assert.All(run.TrackedSteps[step].SelectMany(s => s.Outputs), o => Assert.Equal(IncrementalStepRunReason.Cached, o.Reason));
        }

        Assert.All(run.TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(s => s.Outputs), o => Assert.Equal(IncrementalStepRunReason.Cached, o.Reason));
    }

    [Fact]
    public void EditingACommentMovesTheDiagnosticsButLeavesTheSpecAndTheEmitAlone()
    {
        // A warning makes positions part of the parse output: the comment shifts it one line down.
        var warned = RepositoryFiles.SeedConfig.Replace("maxTokens: 8192", "maxTokens: 300000");
        var (driver, compilation, original) = FirstRun(warned);
        driver = driver.ReplaceAdditionalText(original,
            new InMemoryAdditionalText(GeneratorHarness.ConfigPath, "// a new comment line shifts every position\n" + warned));
        var result = driver.RunGenerators(compilation).GetRunResult();
        var run = result.Results.Single();

        Assert.Equal(IncrementalStepRunReason.Modified, Reason(run, TrackingNames.Parse));
        Assert.Equal(IncrementalStepRunReason.Unchanged, Reason(run, TrackingNames.Spec));
        Assert.Equal(IncrementalStepRunReason.Cached, Reason(run, TrackingNames.EmitInput));
        var line = Assert.Single(result.Diagnostics).Location.GetLineSpan().StartLinePosition.Line;
        Assert.Equal(warned.Split('\n').TakeWhile(l => !l.Contains("maxTokens: 300000")).Count() + 1, line);
    }

    [Fact]
    public void EditingACommentOfAFileWithoutDiagnosticsChangesNoStepOutput()
    {
        var (driver, compilation, original) = FirstRun(RepositoryFiles.SeedConfig);
        driver = driver.ReplaceAdditionalText(original,
            new InMemoryAdditionalText(GeneratorHarness.ConfigPath, "// a new comment\n" + RepositoryFiles.SeedConfig));
        var run = driver.RunGenerators(compilation).GetRunResult().Results.Single();

        Assert.Equal(IncrementalStepRunReason.Unchanged, Reason(run, TrackingNames.Parse));
        Assert.Equal(IncrementalStepRunReason.Cached, Reason(run, TrackingNames.Spec));
        Assert.Equal(IncrementalStepRunReason.Cached, Reason(run, TrackingNames.EmitInput));
    }

    [Fact]
    public void EditingAModelReRunsTheSpecAndTheEmit()
    {
        var (driver, compilation, original) = FirstRun(RepositoryFiles.SeedConfig);
        driver = driver.ReplaceAdditionalText(original,
            new InMemoryAdditionalText(GeneratorHarness.ConfigPath, RepositoryFiles.SeedConfig.Replace("maxTokens: 8192", "maxTokens: 4096")));
        var run = driver.RunGenerators(compilation).GetRunResult().Results.Single();

        Assert.Equal(IncrementalStepRunReason.Modified, Reason(run, TrackingNames.Spec));
        Assert.Equal(IncrementalStepRunReason.Modified, Reason(run, TrackingNames.EmitInput));
        Assert.Contains("MaxTokens = 4096", run.GeneratedSources.Single().SourceText.ToString());
    }

    [Fact]
    public void PipelineOutputsHoldNoCompilerObjects()
    {
        var (driver, _, _) = FirstRun(RepositoryFiles.SeedConfig);
        var run = driver.GetRunResult().Results.Single();
        foreach (var step in s_trackedSteps)
        {
            foreach (var output in run.TrackedSteps[step].SelectMany(s => s.Outputs))
            {
                AssertPlainValue(output.Value, step, new HashSet<object>(ReferenceEqualityComparer.Instance));
            }
        }
    }

    private static (GeneratorDriver Driver, Compilation Compilation, AdditionalText File) FirstRun(string config)
    {
        var compilation = GeneratorHarness.CreateCompilation("namespace Consumer { internal static class Program { } }");
        var file = new InMemoryAdditionalText(GeneratorHarness.ConfigPath, config);
        var driver = GeneratorHarness.CreateDriver(files: file);
        return (driver.RunGenerators(compilation), compilation, file);
    }

    private static IncrementalStepRunReason Reason(GeneratorRunResult run, string step)
        => run.TrackedSteps[step].SelectMany(s => s.Outputs).Select(o => o.Reason).Single();

    private static void AssertPlainValue(object? value, string step, HashSet<object> seen)
    {
        if (value is null || value is string || value.GetType().IsPrimitive || value is decimal || value.GetType().IsEnum || !seen.Add(value))
        {
            return;
        }

        Assert.False(
            value is Compilation or ISymbol or SyntaxNode or SyntaxTree or SourceText or Location or AdditionalText,
            $"Step {step} outputs a {value.GetType().Name}, which roots compiler state and defeats caching.");
        if (value is IEnumerable items)
        {
            foreach (var item in items)
            {
                AssertPlainValue(item, step, seen);
            }
        }

        foreach (var property in value.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.GetIndexParameters().Length == 0))
        {
            if (property.PropertyType.Namespace?.StartsWith("Microsoft.CodeAnalysis", StringComparison.Ordinal) == true
                && property.PropertyType.IsValueType)
            {
                continue; // TextSpan / LinePositionSpan: plain values
            }

            AssertPlainValue(property.GetValue(value), step, seen);
        }
    }
}
