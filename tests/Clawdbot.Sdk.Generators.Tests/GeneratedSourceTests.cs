using Microsoft.CodeAnalysis;

namespace Clawdbot.Sdk.Generators.Tests;

public sealed class GeneratedSourceTests
{
    private const string RichConfig = """
        // Two Bedrock providers, a non-Bedrock one, every optional field, aliases and ${ENV} placeholders.
        {
          gateway: { port: 18789 },
          models: {
            mode: "replace",
            providers: {
              "amazon-bedrock": {
                baseUrl: "https://bedrock-runtime.eu-west-1.amazonaws.com",
                api: "bedrock-converse-stream",
                auth: "aws-sdk",
                headers: { "x-team": "ml & <ops>" },
                models: [
                  { id: "anthropic.claude-3-7-sonnet-20250219-v1:0", name: "Claude 3.7 Sonnet", reasoning: true,
                    cost: { input: 3, output: 15, cacheRead: 0.3, cacheWrite: 3.75 }, contextWindow: 200000, maxTokens: 64000 },
                  { id: "amazon.nova-pro-v1:0", name: "Nova Pro \"fast\"", input: ["text", "image"], contextWindow: 300000,
                    compat: { supportsStore: false } },
                ],
              },
              "bedrock-eu": {
                baseUrl: "${BEDROCK_EU_URL}",
                region: "eu-central-1",
                api: "bedrock-converse-stream",
                models: [{ id: "meta.llama3-3-70b-instruct-v1:0", name: "Llama 3.3 70B (EU)", contextWindow: 4096 }],
              },
              openai: {
                baseUrl: "https://api.openai.com/v1",
                apiKey: "${OPENAI_API_KEY}",
                api: "openai-responses",
                models: [{ id: "gpt-5", name: "GPT-5" }],
              },
            },
            bedrockDiscovery: { enabled: false, providerFilter: ["anthropic"], refreshInterval: 0 },
          },
          agents: {
            defaults: {
              model: { primary: "sonnet", fallbacks: ["openai/gpt-5", "anthropic/claude-opus-4-5"] },
              models: {
                "amazon-bedrock/anthropic.claude-3-7-sonnet-20250219-v1:0": { alias: "sonnet", params: { temperature: 0.2 } },
                "openai/gpt-5": {},
              },
            },
          },
        }
        """;

    [Fact]
    public void SeedConfigMatchesBaseline()
    {
        var (run, _) = GeneratorHarness.Run(RepositoryFiles.SeedConfig);
        Assert.Empty(run.Diagnostics);
        Baseline.Match(Single(run), "Seed.Bedrock.g.cs");
    }

    [Fact]
    public void RichConfigMatchesBaseline()
    {
        var (run, _) = GeneratorHarness.Run(RichConfig);
        Assert.Empty(run.Diagnostics);
        Baseline.Match(Single(run), "Rich.Bedrock.g.cs");
    }

    [Theory]
    [InlineData("Consumer", null, "namespace Consumer")]
    [InlineData("Consumer", "My.Models", "namespace My.Models")]
    [InlineData(null, null, null)]
    public void NamespaceComesFromRootNamespaceOrTheOverride(string? rootNamespace, string? sdkNamespace, string? expected)
    {
        var (run, _) = GeneratorHarness.Run(RepositoryFiles.SeedConfig, rootNamespace: rootNamespace, sdkNamespace: sdkNamespace);
        var source = Single(run);
        if (expected is null)
        {
            Assert.DoesNotContain("namespace ", source);
        }
        else
        {
            Assert.Contains(expected + "\n{", source);
        }
    }

    [Theory]
    [InlineData("/p/models.json5", true)]
    [InlineData("/p/MODELS.JSON5", true)]
    [InlineData("/p/team.clawdbot.json5", true)]
    [InlineData("/p/clawdbot.json", true)]
    [InlineData("/p/models.json", false)]
    [InlineData("/p/other.json5", false)]
    public void OnlyClawdbotConfigFilesAreRead(string path, bool read)
    {
        var (run, _) = GeneratorHarness.Run(RepositoryFiles.SeedConfig, path);
        Assert.Equal(read ? 1 : 0, run.GeneratedTrees.Length);
    }

    [Fact]
    public void GeneratedCodeCompilesWithoutWarnings()
    {
        foreach (var config in new[] { RepositoryFiles.SeedConfig, RichConfig })
        {
            var (_, output) = GeneratorHarness.Run(config);
            var problems = output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning).ToList();
            Assert.True(problems.Count == 0, string.Join("\n", problems));
        }
    }

    [Fact]
    public void NamesWithLineBreaksAndMarkupStillCompileCleanly()
    {
        var config = RichConfig.Replace("name: \"Claude 3.7 Sonnet\"", "name: 'Claude\\n3.7 \\u2028<Sonnet> & co'");
        var (run, output) = GeneratorHarness.Run(config);
        Assert.Empty(run.Diagnostics);
        Assert.Contains("/// <summary>Claude 3.7  &lt;Sonnet&gt; &amp; co: <c>", Single(run));
        Assert.Empty(output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning));
    }

    [Fact]
    public void OutputIsDeterministic()
    {
        var first = Single(GeneratorHarness.Run(RichConfig).Run);
        var second = Single(GeneratorHarness.Run(RichConfig).Run);
        Assert.Equal(first, second);
        Assert.StartsWith("// <auto-generated/>\n#nullable enable\n", first);
        Assert.DoesNotContain("\r", first);
    }

    [Fact]
    public void DefaultIsNullWhenThePrimaryModelIsNotADeclaredBedrockModel()
    {
        var config = RichConfig.Replace("primary: \"sonnet\"", "primary: \"openai/gpt-5\"");
        var source = Single(GeneratorHarness.Run(config).Run);
        Assert.Contains("public static global::Clawdbot.Sdk.BedrockModel? Default => null;", source);
    }

    [Fact]
    public void ModelsOfEveryBedrockProviderAreEmittedAndOthersAreNot()
    {
        var source = Single(GeneratorHarness.Run(RichConfig).Run);
        Assert.Contains(" Claude37Sonnet { get; }", source);
        Assert.Contains(" NovaProFast { get; }", source);
        Assert.Contains(" Llama3370B { get; }", source);
        Assert.DoesNotContain(" GPT5 { get; }", source);
        Assert.Contains("All { get; } = new global::Clawdbot.Sdk.BedrockModel[] { Claude37Sonnet, NovaProFast, Llama3370B };", source);
    }

    [Fact]
    public void TwoConfigFilesWarnAndTheFirstByPathIsUsed()
    {
        var driver = GeneratorHarness.CreateDriver(
            files: [new InMemoryAdditionalText("/p/b/models.json5", RichConfig), new InMemoryAdditionalText("/p/a/models.json5", RepositoryFiles.SeedConfig)]);
        var run = driver.RunGenerators(GeneratorHarness.CreateCompilation("class C { }")).GetRunResult();
        var warning = Assert.Single(run.Diagnostics);
        Assert.Equal("CLAW3008", warning.Id);
        Assert.Contains("'/p/b/models.json5' is ignored because '/p/a/models.json5' is used", warning.GetMessage());
        Assert.Contains("ClaudeOpus45", Single(run));
    }

    private static string Single(GeneratorDriverRunResult run)
        => Assert.Single(Assert.Single(run.Results).GeneratedSources).SourceText.ToString();
}
