
using Microsoft.CodeAnalysis;
using DiagnosticDescriptors = Clawdbot.Sdk.Generators.Diagnostics.DiagnosticDescriptors;

namespace Clawdbot.Sdk.Generators.Tests;

/// <summary>Every diagnostic id, from a bad file, at its exact line and column in models.json5.</summary>
public sealed class DiagnosticTests
{
    private const string Provider = """
        {
          models: {
            providers: {
              "amazon-bedrock": {
                baseUrl: "https://bedrock-runtime.us-east-1.amazonaws.com",
                models: [
                  MODEL
                ],
              },
            },
          },
        }
        """;

    // Each case marks with ⟨ the exact place the diagnostic must point at; the marker is removed before parsing.
    public static TheoryData<string, string, string> Cases => new()
    {
        { "CLAW1001", "{ models: { mode: 'merge' ⟨", "invalid end of input at 1:27" },
        { "CLAW1001", "{\n  models: {\n    mode: ⟨merge,\n  },\n}", "invalid character 'm' at 3:11" },
        { "CLAW1002", "{\n  models: { mode: 'merge', ⟨mode: 'replace' },\n}", "Duplicate key 'mode': the last value wins" },
        { "CLAW2001", Model("{ id: 'a', name: 'A', ⟨contextWindw: 1000 }"), "Unknown key 'contextWindw' in models.providers.amazon-bedrock.models[0]. Did you mean 'contextWindow'?" },
        { "CLAW2001", "{ models: { bedrockDiscovery: { ⟨enable: true } } }", "Unknown key 'enable' in models.bedrockDiscovery. Did you mean 'enabled'?" },
        { "CLAW2002", Model("{ id: 'a', name: 'A', reasoning: ⟨'yes' }"), "'models.providers.amazon-bedrock.models[0].reasoning' must be a boolean, not a string" },
        { "CLAW2003", Model("⟨{ id: 'a' }"), "'models.providers.amazon-bedrock.models[0]' is missing the required key 'name'" },
        { "CLAW2003", "{\n  models: { providers: { x: ⟨{ models: [] } } },\n}", "Provider 'x' is missing the required key 'baseUrl'" },
        { "CLAW2004", Model("{ id: 'a', name: 'A', input: ['text', ⟨'imag'] }"), "'models.providers.amazon-bedrock.models[0].input[1]' must be one of 'text', 'image', not 'imag'. Did you mean 'image'?" },
        { "CLAW2004", "{ models: { mode: ⟨'merged' } }", "'models.mode' must be one of 'merge', 'replace', not 'merged'. Did you mean 'merge'?" },
        { "CLAW2005", Model("{ id: 'a', name: 'A', cost: { input: ⟨-1 } }"), "'models.providers.amazon-bedrock.models[0].cost.input' must be a non-negative price in USD per million tokens, not -1" },
        { "CLAW2005", Model("{ id: 'a', name: 'A', contextWindow: ⟨0 }"), "'models.providers.amazon-bedrock.models[0].contextWindow' must be a whole number ≥ 1, not 0" },
        { "CLAW2005", "{ models: { bedrockDiscovery: { refreshInterval: ⟨1.5 } } }", "'models.bedrockDiscovery.refreshInterval' must be a whole number ≥ 0, not 1.5" },
        { "CLAW2006", Model("{ id: ⟨'', name: 'A' }"), "'models.providers.amazon-bedrock.models[0].id' must not be empty" },
        { "CLAW2001", "{ models: { ⟨provders: {} } }", "Unknown key 'provders' in models. Did you mean 'providers'?" },
        { "CLAW2008", "{ agents: { defaults: { models: { 'amazon-bedrock/a': { params: { cacheRetention: ⟨'forever' } } } } } }", "'agents.defaults.models.amazon-bedrock/a.params.cacheRetention' must be one of 'none', 'short', 'long', not 'forever'; Clawdbot ignores it, and so does this SDK" },
        { "CLAW2008", "{ agents: { defaults: { models: { 'amazon-bedrock/a': { params: { temperature: ⟨'hot' } } } } } }", "'agents.defaults.models.amazon-bedrock/a.params.temperature' must be a number ≥ 0, not 'hot'; Clawdbot ignores it, and so does this SDK" },
        { "CLAW2008", "{ agents: { defaults: { models: { 'amazon-bedrock/a': { params: { maxTokens: ⟨1.5 } } } } } }", "'agents.defaults.models.amazon-bedrock/a.params.maxTokens' must be a whole number ≥ 1, not 1.5; Clawdbot ignores it, and so does this SDK" },
        { "CLAW2008", "{ agents: { defaults: { models: { 'amazon-bedrock/a': { params: { thinking: ⟨true } } } } } }", "'agents.defaults.models.amazon-bedrock/a.params.thinking' must be one of 'off', 'on', 'minimal', 'low', 'medium', 'high', 'xhigh', 'adaptive', 'max', not true; Clawdbot ignores it, and so does this SDK" },
        { "CLAW2001", "{ agents: { defaults: { model: { primary: 'anthropic/a', ⟨fallback: ['anthropic/b'] } } } }", "Unknown key 'fallback' in agents.defaults.model. Did you mean 'fallbacks'?" },
        { "CLAW2001", "{ agents: { defaults: { models: { 'anthropic/a': { ⟨alais: 'a' } } } } }", "Unknown key 'alais' in agents.defaults.models.anthropic/a. Did you mean 'alias'?" },
        { "CLAW2001", Model("{ id: 'a', name: 'A', compat: { ⟨supportsTool: true } }"), "Unknown key 'supportsTool' in models.providers.amazon-bedrock.models[0].compat. Did you mean 'supportsTools'?" },
        { "CLAW3001", Model("{ id: 'a', name: 'A' },\n { id: ⟨'a', name: 'B' }"), "Model id 'a' is declared more than once in provider 'amazon-bedrock' (first at line 7)" },
        { "CLAW3002", Model("{ id: 'a', name: 'A', contextWindow: 1000, maxTokens: ⟨2000 }"), "Model 'a' has maxTokens 2000, more than its contextWindow 1000" },
        { "CLAW3003", "{ agents: { defaults: { model: { primary: ⟨'amazon-bedrock/' } } } }", "'amazon-bedrock/' is not a model reference: write 'provider/model-id' or an alias" },
        { "CLAW3004", "{\n  models: { providers: { 'amazon-bedrock': { baseUrl: 'u', models: [] } } },\n  agents: { defaults: { model: { primary: ⟨'amazon-bedrok/x' } } },\n}", "Model reference 'amazon-bedrok/x' names provider 'amazon-bedrok', which is not declared; did you mean 'amazon-bedrock'?" },
        { "CLAW3005", "{ models: { providers: { 'amazon-bedrock': { baseUrl: 'u', api: ⟨'openai-responses', models: [] } } } }", "'models.providers.amazon-bedrock' uses api 'openai-responses'; this SDK speaks only 'bedrock-converse-stream' to Amazon Bedrock" },
        { "CLAW3006", Model("{ id: 'a', name: 'Nova Pro' }, { id: 'b', name: ⟨'Nova-Pro (EU)' }"), "Model 'Nova-Pro (EU)' would become the C# name 'NovaPro', which model 'Nova Pro' already has; give it a distinct 'name' (for example 'Nova-Pro Alt')" },
        { "CLAW3006", Model("{ id: 'a', name: ⟨'All' }"), "Model 'All' would become the C# name 'All', which the generated Bedrock.Models class already uses; give it a distinct 'name' (for example 'All Alt')" },
        { "CLAW3006", Model("{ id: 'a', name: ⟨'Default' }"), "Model 'Default' would become the C# name 'Default', which the generated Bedrock.Models class already uses; give it a distinct 'name' (for example 'Default Alt')" },
        { "CLAW3006", Model("{ id: 'a', name: ⟨'Models' }"), "Model 'Models' would become the C# name 'Models', which the generated Bedrock.Models class already uses; give it a distinct 'name' (for example 'Models Alt')" },
        { "CLAW3006", Model("{ id: 'a', name: ⟨'equals' }"), "Model 'equals' would become the C# name 'Equals', which the generated Bedrock.Models class already uses; give it a distinct 'name' (for example 'equals Alt')" },
        { "CLAW3006", Model("{ id: 'a', name: 'A' }, { id: '-:-', name: ⟨'(Bedrock)' }"), "Model '(Bedrock)' would become the C# name '', which is no identifier: neither its name nor its id has a letter or digit; give it a distinct 'name' (for example 'Model 2')" },
        { "CLAW3010", "{ models: { providers: { openai: { baseUrl: 'u', apiKey: ⟨'sk-canary-secret', models: [] } } } }", "A literal apiKey is not compiled into the assembly; write \"${VAR}\" to read it from the environment at run time (models.providers.openai.apiKey)" },
        { "CLAW3010", Model("{ id: 'a', name: 'A', headers: { 'x-team': 'ml', Authorization: ⟨'Bearer canary' } }"), "A literal value of header 'Authorization' is not compiled into the assembly; write \"${VAR}\" to read it from the environment at run time (models.providers.amazon-bedrock.models[0].headers.Authorization)" },
        { "CLAW3007", "{ agents: { defaults: { models: { 'anthropic/a': { alias: 'x' }, 'anthropic/b': { alias: ⟨'X' } } } } }", "Alias 'X' is used by both 'anthropic/a' and 'anthropic/b'; the first one wins" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void EachRuleIsReportedAtItsSpan(string id, string markedConfig, string message)
    {
        var marker = markedConfig.IndexOf('⟨');
        var config = markedConfig.Remove(marker, 1);
        var before = config[..marker].Split('\n');
        var (line, column) = (before.Length, before[^1].Length + 1);

        var (run, _) = GeneratorHarness.Run(config);
        var diagnostic = Assert.Single(run.Diagnostics, d => d.Id == id);
        var position = diagnostic.Location.GetLineSpan();
        Assert.Equal(GeneratorHarness.ConfigPath, position.Path);
        Assert.Equal((line, column), (position.StartLinePosition.Line + 1, position.StartLinePosition.Character + 1));
        Assert.Equal(marker, diagnostic.Location.SourceSpan.Start);
        Assert.Equal(message, diagnostic.GetMessage());
        Assert.Equal(DiagnosticDescriptors.ForId(id).DefaultSeverity, diagnostic.Severity);
        Assert.DoesNotContain("canary", diagnostic.GetMessage());
    }

    /// <summary>The diagnostics about the project rather than a place in the file: each reported at a file's (1,1), or nowhere.</summary>
    private static readonly Dictionary<string, ProjectCase> s_projectCases = new()
    {
        ["two config files"] = new(
            "CLAW3008",
            () => RunFiles(new InMemoryAdditionalText("/p/b/models.json5", Model("{ id: 'a', name: 'A' }")), new InMemoryAdditionalText("/p/a/models.json5", RepositoryFiles.SeedConfig)),
            "/p/b/models.json5",
            "Only one Clawdbot config file per project is read; '/p/b/models.json5' is ignored because '/p/a/models.json5' is used"),
        ["invalid namespace"] = new(
            "CLAW3009",
            () => GeneratorHarness.Run(RepositoryFiles.SeedConfig, sdkNamespace: "My-App").Run,
            GeneratorHarness.ConfigPath,
            "'My-App' (from ClawdbotSdkNamespace or RootNamespace) is not a C# namespace; set ClawdbotSdkNamespace to a dotted name such as 'MyApp.Models'"),
        ["invalid accessibility"] = new(
            "CLAW3011",
            () => GeneratorHarness.Run(RepositoryFiles.SeedConfig, accessibility: "private").Run,
            GeneratorHarness.ConfigPath,
            "'private' (from ClawdbotSdkGeneratedAccessibility) is not an accessibility of the generated Bedrock class; use 'public' (the default) or 'internal'"),
        ["unreadable file"] = new(
            "CLAW9999",
            () => RunFiles(new UnreadableText(GeneratorHarness.ConfigPath)),
            GeneratorHarness.ConfigPath,
            "Clawdbot.Sdk could not process this file: the file could not be read"),
        ["exception while reading"] = new(
            "CLAW9999",
            () => RunFiles(new ThrowingText(GeneratorHarness.ConfigPath)),
            GeneratorHarness.ConfigPath,
            "Clawdbot.Sdk could not process this file: InvalidOperationException: disk on fire"),
    };

    public static TheoryData<string> ProjectCases => [.. s_projectCases.Keys];

    [Theory]
    [MemberData(nameof(ProjectCases))]
    public void EachProjectRuleIsReportedAtTheFileStart(string name)
    {
        var expected = s_projectCases[name];
        var run = expected.Run();
        var diagnostic = Assert.Single(run.Diagnostics);
        Assert.Equal(expected.Id, diagnostic.Id);
        var position = diagnostic.Location.GetLineSpan();
        Assert.Equal(expected.Path, position.Path);
        Assert.Equal((1, 1), (position.StartLinePosition.Line + 1, position.StartLinePosition.Character + 1));
        Assert.Equal(expected.Message, diagnostic.GetMessage());
        Assert.Equal(DiagnosticDescriptors.ForId(expected.Id).DefaultSeverity, diagnostic.Severity);
        Assert.Null(Assert.Single(run.Results).Exception);
    }

    private static GeneratorDriverRunResult RunFiles(params AdditionalText[] files)
        => GeneratorHarness.CreateDriver(files: files).RunGenerators(GeneratorHarness.CreateCompilation("class C { }")).GetRunResult();

    private sealed record ProjectCase(string Id, Func<GeneratorDriverRunResult> Run, string Path, string Message);

    [Fact]
    public void AFileWithErrorsEmitsNothing()
    {
        var (run, _) = GeneratorHarness.Run(Model("{ id: 'a' }"));
        Assert.Empty(run.GeneratedTrees);
    }

    [Fact]
    public void AFileWithOnlyWarningsStillEmits()
    {
        var (run, _) = GeneratorHarness.Run(Model("{ id: 'a', name: 'A', contextWindow: 1000, maxTokens: 2000 }"));
        Assert.All(run.Diagnostics, d => Assert.Equal(DiagnosticSeverity.Warning, d.Severity));
        Assert.Single(run.GeneratedTrees);
    }

    [Theory]
    [InlineData("My-App")]
    [InlineData("My..Models")]
    [InlineData("class.Models")]
    public void CLAW3009_AnInvalidNamespaceIsReportedInsteadOfBrokenCode(string ns)
    {
        var (run, output) = GeneratorHarness.Run(RepositoryFiles.SeedConfig, sdkNamespace: ns);
        var diagnostic = Assert.Single(run.Diagnostics);
        Assert.Equal("CLAW3009", diagnostic.Id);
        Assert.Equal($"'{ns}' (from ClawdbotSdkNamespace or RootNamespace) is not a C# namespace; set ClawdbotSdkNamespace to a dotted name such as 'MyApp.Models'", diagnostic.GetMessage());
        Assert.Equal(GeneratorHarness.ConfigPath, diagnostic.Location.GetLineSpan().Path);
        Assert.Empty(run.GeneratedTrees);
        Assert.Empty(output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
    }

    [Fact]
    public void EveryRuleHasADescriptorWithItsSeverityAndIsListedInTheReleaseFile()
    {
        var releases = File.ReadAllText(Path.Combine(RepositoryFiles.Root, "generators/Clawdbot.Sdk.Generators/AnalyzerReleases.Unshipped.md"));
        foreach (var rule in ConfigRules.All)
        {
            var descriptor = DiagnosticDescriptors.ForId(rule.Id);
            Assert.Equal(rule.Id, descriptor.Id);
            Assert.Equal(rule.MessageFormat, descriptor.MessageFormat.ToString());
            // ConfigSeverity takes its values from Roslyn's DiagnosticSeverity, so a rule's severity maps by a cast.
            Assert.Equal((DiagnosticSeverity)rule.Severity, descriptor.DefaultSeverity);
            Assert.Contains(rule.Id + " | " + rule.Category + " | " + descriptor.DefaultSeverity, releases);
        }

        Assert.Equal(ConfigRules.All.Length, DiagnosticDescriptors.All.Count());
    }

    [Fact]
    public void EveryRuleIdHasATestCase()
    {
        var tested = Cases.Select(c => (string)c[0]).Concat(s_projectCases.Values.Select(c => c.Id)).ToHashSet();
        Assert.All(ConfigRules.All.Where(rule => !ConfigRules.RetiredIds.Contains(rule.Id)), rule => Assert.Contains(rule.Id, tested));
        Assert.All(ConfigRules.RetiredIds, id => Assert.DoesNotContain(id, tested));
    }

    [Fact]
    public void RealClawdbotShapesAreNeverErrors()
    {
        const string config = """
            {
              gateway: { mode: "local", port: 18789 },
              channels: { telegram: { enabled: true } },
              models: { providers: { "amazon-bedrock": { baseUrl: "${BEDROCK_URL}", auth: "${AUTH_MODE}", models: [] } } },
              agents: {
                defaults: {
                  workspace: "~/clawd",
                  model: { primary: "anthropic/claude-opus-4-5", fallbacks: ["openai/gpt-5.2", "opus", "my-local/qwen", "${FALLBACK}"] },
                  models: { "anthropic/claude-opus-4-5": { alias: "opus" } },
                },
              },
            }
            """;
        var (run, _) = GeneratorHarness.Run(config);
        Assert.Empty(run.Diagnostics);
    }

    private static string Model(string model) => Provider.Replace("MODEL", model).Replace("\r\n", "\n");

    private sealed class UnreadableText(string path) : AdditionalText
    {
        public override string Path { get; } = path;

        public override Microsoft.CodeAnalysis.Text.SourceText? GetText(CancellationToken cancellationToken = default) => null;
    }

    private sealed class ThrowingText(string path) : AdditionalText
    {
        public override string Path { get; } = path;

        public override Microsoft.CodeAnalysis.Text.SourceText GetText(CancellationToken cancellationToken = default)
            => throw new InvalidOperationException("disk on fire");
    }
}
