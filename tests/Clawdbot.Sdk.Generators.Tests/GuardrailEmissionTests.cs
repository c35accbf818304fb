using System.Reflection;
using Microsoft.CodeAnalysis;

namespace Clawdbot.Sdk.Generators.Tests;

/// <summary>
/// OpenClaw's <c>plugins.entries.amazon-bedrock.config.guardrail</c> reaches the generated <c>Bedrock.Config</c>, so the
/// declared models' clients apply it as they do when the file is loaded at run time.
/// </summary>
public sealed class GuardrailEmissionTests
{
    private const string Config = """
        {
          models: {
            providers: {
              "amazon-bedrock": {
                baseUrl: "https://bedrock-runtime.us-east-1.amazonaws.com",
                models: [{ id: "amazon.nova-pro-v1:0", name: "Nova Pro" }],
              },
            },
          },
          plugins: { entries: { "amazon-bedrock": { config: { guardrail: { guardrailIdentifier: "${GENTEST_GUARDRAIL}", guardrailVersion: "2", trace: "enabled" } } } } },
        }
        """;

    [Fact]
    public void The_guardrail_is_emitted_into_the_declared_config_with_its_placeholder_kept()
    {
        var (run, output) = GeneratorHarness.Run(Config);
        Assert.Empty(run.Diagnostics);
        using var image = new MemoryStream();
        var emitted = output.Emit(image);
        Assert.True(emitted.Success, string.Join("\n", emitted.Diagnostics));
        var bedrock = Assembly.Load(image.ToArray()).GetType("Consumer.Bedrock")!;

        // Late-bound: the test project sees the generator's internal copy of the config types by the same name.
        dynamic config = bedrock.GetProperty("Config")!.GetValue(null)!;

        Assert.Equal("${GENTEST_GUARDRAIL}", (string)config.BedrockGuardrail.GuardrailIdentifier);
        Assert.Equal("2", (string)config.BedrockGuardrail.GuardrailVersion);
        Assert.Equal("enabled", (string)config.BedrockGuardrail.Trace);
        Assert.Null((string?)config.BedrockGuardrail.StreamProcessingMode);
    }

    [Fact]
    public void A_file_without_a_guardrail_emits_none()
    {
        var (run, _) = GeneratorHarness.Run(Config.Replace("plugins:", "unusedPlugins:", StringComparison.Ordinal));

        Assert.DoesNotContain("BedrockGuardrail", Assert.Single(run.GeneratedTrees).ToString());
    }

    [Fact]
    public void A_wrong_guardrail_is_a_compile_time_diagnostic_at_its_value()
    {
        var (run, _) = GeneratorHarness.Run(Config.Replace("trace: \"enabled\"", "trace: \"always\"", StringComparison.Ordinal));

        var diagnostic = Assert.Single(run.Diagnostics, d => d.Id == "CLAW2004");
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        Assert.Equal(9, diagnostic.Location.GetLineSpan().StartLinePosition.Line);
    }
}
