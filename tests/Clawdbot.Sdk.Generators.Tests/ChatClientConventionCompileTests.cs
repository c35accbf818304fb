using Microsoft.CodeAnalysis;
using Microsoft.Extensions.AI;

namespace Clawdbot.Sdk.Generators.Tests;

/// <summary>
/// The Microsoft.Extensions.AI adapters are reached as other providers' are: a console app whose only using is
/// <c>Microsoft.Extensions.AI</c> calls <c>Bedrock.Models.X.AsIChatClient()</c> and <c>client.AsIChatClient(modelId)</c>.
/// </summary>
public sealed class ChatClientConventionCompileTests
{
    private const string Program = """
        using Microsoft.Extensions.AI;

        namespace Consumer;

        internal static class Program
        {
            public static async System.Threading.Tasks.Task Main()
            {
                using IChatClient declared = Bedrock.Models.ClaudeOpus45.AsIChatClient();
                using var client = new global::Clawdbot.Sdk.BedrockClient();
                using IChatClient other = client.AsIChatClient("amazon.nova-lite-v1:0");
                ChatResponse response = await declared.GetResponseAsync("Hi");
                System.Console.WriteLine(response.Text + (await other.GetResponseAsync("Hi")).Text);
            }
        }
        """;

    [Fact]
    public void OnlyUsingMicrosoftExtensionsAICompilesCleanly()
    {
        var problems = Compile(Program).Where(d => d.Severity >= DiagnosticSeverity.Warning).ToList();
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public void TheObsoleteNameIsNotInThatNamespace()
    {
        // The former AsChatClient lives in Clawdbot.Sdk: without that using it is not found, which is what moving
        // the adapter into Microsoft.Extensions.AI fixes.
        var errors = Compile(Program.Replace("ClaudeOpus45.AsIChatClient()", "ClaudeOpus45.AsChatClient()", StringComparison.Ordinal))
            .Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        Assert.Equal("CS1061", Assert.Single(errors).Id);
    }

    private static IEnumerable<Diagnostic> Compile(string program)
    {
        var config = RepositoryFiles.SeedConfig;
        Assert.Contains("name: \"Claude Opus 4.5 (Bedrock)\"", config, StringComparison.Ordinal);
        var driver = GeneratorHarness.CreateDriver("Consumer", null, new InMemoryAdditionalText(GeneratorHarness.ConfigPath, config));
        var compilation = GeneratorHarness.CreateCompilation(program)
            .WithOptions(new Microsoft.CodeAnalysis.CSharp.CSharpCompilationOptions(OutputKind.ConsoleApplication, nullableContextOptions: NullableContextOptions.Enable))
            .AddReferences(MetadataReference.CreateFromFile(typeof(IChatClient).Assembly.Location));
        driver.RunGeneratorsAndUpdateCompilation(compilation, out var output, out var generatorDiagnostics);
        Assert.Empty(generatorDiagnostics);
        return output.GetDiagnostics();
    }
}
