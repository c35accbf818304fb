
using System.Collections.Immutable;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using ModelsGenerator = Clawdbot.Sdk.Generators.ModelsGenerator;

namespace Clawdbot.Sdk.Generators.Tests;

/// <summary>Drives the generator in memory, as the compiler does, with step tracking on.</summary>
internal static class GeneratorHarness
{
    public const string ConfigPath = "/project/models.json5";

    private static readonly ImmutableArray<MetadataReference> s_references = LoadReferences();

    public static CSharpCompilation CreateCompilation(params string[] sources)
        => CSharpCompilation.Create(
            "Consumer",
            sources.Select(s => CSharpSyntaxTree.ParseText(s, new CSharpParseOptions(LanguageVersion.Latest), path: "/project/Program.cs")),
            s_references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));

    public static GeneratorDriver CreateDriver(string? rootNamespace = "Consumer", string? sdkNamespace = null, params AdditionalText[] files)
        => CreateDriver(rootNamespace, sdkNamespace, accessibility: null, files);

    public static GeneratorDriver CreateDriver(string? rootNamespace, string? sdkNamespace, string? accessibility, params AdditionalText[] files)
    {
        var options = new Dictionary<string, string>();
        if (rootNamespace is not null)
        {
            options["build_property.RootNamespace"] = rootNamespace;
        }

        if (sdkNamespace is not null)
        {
            options["build_property.ClawdbotSdkNamespace"] = sdkNamespace;
        }

        if (accessibility is not null)
        {
            options["build_property.ClawdbotSdkGeneratedAccessibility"] = accessibility;
        }

        return CSharpGeneratorDriver.Create(
            [new ModelsGenerator().AsSourceGenerator()],
            additionalTexts: files,
            parseOptions: new CSharpParseOptions(LanguageVersion.Latest),
            optionsProvider: new TestOptionsProvider(options),
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));
    }

    /// <summary>Runs the generator over one config file and returns the run, plus the compilation with its output.</summary>
    public static (GeneratorDriverRunResult Run, Compilation Output) Run(string configText, string path = ConfigPath, string? rootNamespace = "Consumer", string? sdkNamespace = null, string? accessibility = null)
    {
        var driver = CreateDriver(rootNamespace, sdkNamespace, accessibility, new InMemoryAdditionalText(path, configText));
        driver = driver.RunGeneratorsAndUpdateCompilation(CreateCompilation("namespace Consumer { internal static class Program { } }"), out var output, out _);
        return (driver.GetRunResult(), output);
    }

    private static ImmutableArray<MetadataReference> LoadReferences()
    {
        var trusted = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator);
        var references = trusted
            .Where(p => Path.GetFileName(p) is var name && (name.StartsWith("System.", StringComparison.Ordinal) || name is "netstandard.dll" or "mscorlib.dll"))
            .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p))
            .ToList();
        references.Add(MetadataReference.CreateFromFile(typeof(BedrockModel).Assembly.Location));
        return [.. references];
    }
}

internal sealed class InMemoryAdditionalText(string path, string text) : AdditionalText
{
    private readonly SourceText _text = SourceText.From(text);

    public override string Path { get; } = path;

    public override SourceText GetText(CancellationToken cancellationToken = default) => _text;
}

internal sealed class TestOptionsProvider(Dictionary<string, string> global) : AnalyzerConfigOptionsProvider
{
    public override AnalyzerConfigOptions GlobalOptions { get; } = new TestOptions(global);

    public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => TestOptions.Empty;

    public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => TestOptions.Empty;

    private sealed class TestOptions(Dictionary<string, string> values) : AnalyzerConfigOptions
    {
        public static TestOptions Empty { get; } = new([]);

        public override bool TryGetValue(string key, out string value) => values.TryGetValue(key, out value!);
    }
}

internal static class RepositoryFiles
{
    public static string Root { get; } = Path.GetFullPath(typeof(RepositoryFiles).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "RepositoryRoot").Value!);

    public static string SeedConfig => File.ReadAllText(Path.Combine(Root, "models.json5"));
}
