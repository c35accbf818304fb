using Microsoft.CodeAnalysis;

namespace Clawdbot.Sdk.Generators.Tests;

/// <summary>Every model name either compiles into a clean <c>Bedrock.Models</c> member or is a located CLAW3006.</summary>
public sealed class ModelNameCompileTests
{
    private const string Config = """
        {
          models: {
            providers: {
              "amazon-bedrock": {
                baseUrl: "https://bedrock-runtime.us-east-1.amazonaws.com",
                models: [{ id: "amazon.nova-pro-v1:0", name: "NAME" }],
              },
            },
          },
          agents: { defaults: { model: { primary: "amazon-bedrock/amazon.nova-pro-v1:0" } } },
        }
        """;

    [Theory]
    [InlineData("Config", "Consumer")]
    [InlineData("Clients", "Consumer")]
    [InlineData("Bedrock", "Consumer")]
    [InlineData("Config", null)]
    [InlineData("Clients", null)]
    public void NamesOfTheSurroundingMembersCompileCleanly(string name, string? rootNamespace)
    {
        var (run, output) = GeneratorHarness.Run(Config.Replace("NAME", name), rootNamespace: rootNamespace);
        Assert.Empty(run.Diagnostics);
        Assert.Contains($" {name} {{ get; }}", Assert.Single(run.GeneratedTrees).ToString());
        var problems = output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning).ToList();
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Theory]
    [InlineData("Models")]
    [InlineData("Equals")]
    [InlineData("ToString")]
    [InlineData("GetHashCode")]
    [InlineData("GetType")]
    [InlineData("MemberwiseClone")]
    [InlineData("ReferenceEquals")]
    [InlineData("All")]
    [InlineData("Default")]
    [InlineData("(Bedrock)")]
    public void NamesThatCannotBeMembersAreCLAW3006NotBrokenCode(string name)
    {
        var config = Config.Replace("NAME", name);
        if (name == "(Bedrock)")
        {
            config = config.Replace("amazon.nova-pro-v1:0", "-:-");
        }

        var (run, output) = GeneratorHarness.Run(config);
        var diagnostic = Assert.Single(run.Diagnostics);
        Assert.Equal("CLAW3006", diagnostic.Id);
        var position = diagnostic.Location.GetLineSpan().StartLinePosition;
        Assert.Equal((6, config.Split('\n')[5].IndexOf("\"" + name + "\"", StringComparison.Ordinal) + 1), (position.Line + 1, position.Character + 1));
        Assert.Empty(run.GeneratedTrees);
        Assert.Empty(output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning));
    }
}
