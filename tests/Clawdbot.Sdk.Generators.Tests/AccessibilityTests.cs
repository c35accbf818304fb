using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Clawdbot.Sdk.Generators.Tests;

/// <summary>
/// <c>ClawdbotSdkGeneratedAccessibility</c>: the generated <c>Bedrock</c> class is public by default, internal on
/// request (a library's models stay out of its API), and anything else is CLAW3011.
/// </summary>
public sealed class AccessibilityTests
{
    [Theory]
    [InlineData(null, Accessibility.Public)]
    [InlineData("", Accessibility.Public)]
    [InlineData("public", Accessibility.Public)]
    [InlineData("internal", Accessibility.Internal)]
    [InlineData(" Internal ", Accessibility.Internal)]
    public void TheGeneratedClassHasTheRequestedAccessibilityAndCompilesCleanly(string? value, Accessibility expected)
    {
        var (run, output) = GeneratorHarness.Run(RepositoryFiles.SeedConfig, accessibility: value);

        Assert.Empty(run.Diagnostics);
        var problems = output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning).ToList();
        Assert.True(problems.Count == 0, string.Join("\n", problems));
        var bedrock = output.GetTypeByMetadataName("Consumer.Bedrock");
        Assert.NotNull(bedrock);
        Assert.Equal(expected, bedrock.DeclaredAccessibility);
        var model = output.GetTypeByMetadataName("Consumer.Bedrock+Models")!.GetMembers("ClaudeOpus45").Single();
        Assert.Equal(expected, EffectiveAccessibility(model));
    }

    [Theory]
    [InlineData("public", true)]
    [InlineData("internal", false)]
    public void AnotherAssemblySeesTheModelsOnlyWhenTheyArePublic(string value, bool visible)
    {
        var (_, library) = GeneratorHarness.Run(RepositoryFiles.SeedConfig, accessibility: value);
        using var image = new MemoryStream();
        var emitted = library.Emit(image);
        Assert.True(emitted.Success, string.Join("\n", emitted.Diagnostics));

        var consumer = CSharpCompilation.Create(
            "App",
            [CSharpSyntaxTree.ParseText("internal static class Use { public static object Model => Consumer.Bedrock.Models.ClaudeOpus45; }")],
            library.References.Append(MetadataReference.CreateFromImage(image.ToArray())),
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        var errors = consumer.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToImmutableArray();

        if (visible)
        {
            Assert.Empty(errors);
        }
        else
        {
            Assert.Equal("CS0122", Assert.Single(errors).Id); // 'Bedrock' is inaccessible due to its protection level
        }
    }

    [Theory]
    [InlineData("private")]
    [InlineData("protected")]
    [InlineData("file")]
    [InlineData("pub lic")]
    public void AnythingElseIsCLAW3011AndEmitsNothing(string value)
    {
        var (run, output) = GeneratorHarness.Run(RepositoryFiles.SeedConfig, accessibility: value);

        var diagnostic = Assert.Single(run.Diagnostics);
        Assert.Equal("CLAW3011", diagnostic.Id);
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        Assert.Contains("'" + value + "'", diagnostic.GetMessage(), StringComparison.Ordinal);
        Assert.Equal(GeneratorHarness.ConfigPath, diagnostic.Location.GetLineSpan().Path);
        Assert.Empty(run.GeneratedTrees);
        Assert.Empty(output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
    }

    private static Accessibility EffectiveAccessibility(ISymbol symbol)
    {
        var result = symbol.DeclaredAccessibility;
        for (var type = symbol.ContainingType; type is not null; type = type.ContainingType)
        {
            if (type.DeclaredAccessibility < result)
            {
                result = type.DeclaredAccessibility;
            }
        }

        return result;
    }
}
