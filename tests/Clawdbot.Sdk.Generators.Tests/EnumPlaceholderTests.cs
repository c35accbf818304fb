using System.Reflection;
using Microsoft.CodeAnalysis;

namespace Clawdbot.Sdk.Generators.Tests;

/// <summary>
/// <c>${NAME}</c> in <c>mode</c>, <c>auth</c>, <c>api</c> and <c>input</c>: not judged at compile time (the environment
/// is not known then), and filled in by the generated <c>Bedrock.Config</c> when it is first used.
/// </summary>
public sealed class EnumPlaceholderTests
{
    private const string Config = """
        {
          models: {
            mode: "${CLAWDBOT_GENTEST_MODE}",
            providers: {
              "amazon-bedrock": {
                baseUrl: "https://bedrock-runtime.us-east-1.amazonaws.com",
                auth: "${CLAWDBOT_GENTEST_AUTH}",
                api: "${CLAWDBOT_GENTEST_API}",
                models: [{ id: "amazon.nova-pro-v1:0", name: "Nova Pro", input: ["text", "${CLAWDBOT_GENTEST_INPUT}"] }],
              },
            },
          },
        }
        """;

    [Fact]
    public void PlaceholdersInEnumFieldsAreNeitherReportedNorGuessed()
    {
        var (run, output) = GeneratorHarness.Run(Config);
        Assert.Empty(run.Diagnostics);
        Assert.Empty(output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning));
        var source = Assert.Single(run.GeneratedTrees).ToString();
        Assert.Contains("Mode = global::Clawdbot.Sdk.Generated.ConfigEnumValues.ResolveMode(\"${CLAWDBOT_GENTEST_MODE}\", \"models.mode\", global::System.Environment.GetEnvironmentVariable),", source);
        Assert.Contains("Auth = global::Clawdbot.Sdk.Generated.ConfigEnumValues.ResolveAuth(\"${CLAWDBOT_GENTEST_AUTH}\", \"models.providers.amazon-bedrock.auth\",", source);
        Assert.Contains("Api = global::Clawdbot.Sdk.Generated.ConfigEnumValues.ResolveApi(\"${CLAWDBOT_GENTEST_API}\",", source);
        Assert.Contains("Input = global::Clawdbot.Sdk.Generated.ConfigEnumValues.ResolveInput(new string[] { \"text\", \"${CLAWDBOT_GENTEST_INPUT}\" }, \"models.providers.amazon-bedrock.models[0].input\",", source);
        Assert.DoesNotContain("ModelsMode.Merge", source);
    }

    [Fact]
    public void TheGeneratedConfigFillsThemFromTheEnvironmentWhenUsed()
    {
        var (_, output) = GeneratorHarness.Run(Config);
        using var image = new MemoryStream();
        var emitted = output.Emit(image);
        Assert.True(emitted.Success, string.Join("\n", emitted.Diagnostics));
        var bedrock = Assembly.Load(image.ToArray()).GetType("Consumer.Bedrock")!;

        Environment.SetEnvironmentVariable("CLAWDBOT_GENTEST_MODE", "replace");
        Environment.SetEnvironmentVariable("CLAWDBOT_GENTEST_AUTH", "aws-sdk");
        Environment.SetEnvironmentVariable("CLAWDBOT_GENTEST_API", "bedrock-converse-stream");
        Environment.SetEnvironmentVariable("CLAWDBOT_GENTEST_INPUT", "image");
        try
        {
            // The value is the runtime's ClawdbotConfig (Clawdbot.Sdk). The generator's internal copy of the config
            // types is what this project sees by that name, so the runtime value is read late-bound.
            dynamic config = bedrock.GetProperty("Config")!.GetValue(null)!;
            Assert.Equal("Replace", config.Models.Mode.ToString());
            dynamic provider = Assert.Single(((System.Collections.IEnumerable)config.Models.Providers).Cast<object>());
            Assert.Equal("aws-sdk", (string)provider.Auth);
            Assert.Equal("bedrock-converse-stream", (string)provider.Api);
            dynamic model = ((System.Collections.IEnumerable)provider.Models).Cast<object>().First();
            var input = ((System.Collections.IEnumerable)model.Input).Cast<object>().Select(i => i.ToString());
            Assert.Equal(["Text", "Image"], input);
        }
        finally
        {
            foreach (var name in new[] { "MODE", "AUTH", "API", "INPUT" })
            {
                Environment.SetEnvironmentVariable("CLAWDBOT_GENTEST_" + name, null);
            }
        }
    }

    [Fact]
    public void AnUnsetVariableIsTheSameClearErrorOnEveryUseNeverATypeInitializationException()
    {
        // Only mode is a placeholder, so the provider still gets its descriptor; the variable is never set anywhere.
        var config = Config
            .Replace("${CLAWDBOT_GENTEST_MODE}", "${CLAWDBOT_GENTEST_NEVER_SET_MODE}")
            .Replace("${CLAWDBOT_GENTEST_AUTH}", "aws-sdk")
            .Replace("${CLAWDBOT_GENTEST_API}", "bedrock-converse-stream")
            .Replace(", \"${CLAWDBOT_GENTEST_INPUT}\"", string.Empty);
        Assert.Null(Environment.GetEnvironmentVariable("CLAWDBOT_GENTEST_NEVER_SET_MODE"));
        var (_, output) = GeneratorHarness.Run(config);
        using var image = new MemoryStream();
        var emitted = output.Emit(image);
        Assert.True(emitted.Success, string.Join("\n", emitted.Diagnostics));
        var assembly = Assembly.Load(image.ToArray());
        var bedrock = assembly.GetType("Consumer.Bedrock")!;
        var models = assembly.GetType("Consumer.Bedrock+Models")!;

        // Touching the types (the client provider, a descriptor) reads nothing and throws nothing.
        Assert.NotNull(bedrock.GetProperty("Clients")!.GetValue(null));
        var descriptor = models.GetProperty("NovaPro")!.GetValue(null)!;

        var messages = new List<string>();
        for (var use = 0; use < 2; use++)
        {
            var fromConfig = Assert.Throws<TargetInvocationException>(() => bedrock.GetProperty("Config")!.GetValue(null));
            var fromDescriptor = Assert.Throws<TargetInvocationException>(() => descriptor.GetType().GetProperty("Id")!.GetValue(descriptor));
            foreach (var thrown in new[] { fromConfig.InnerException, fromDescriptor.InnerException })
            {
                var error = Assert.IsType<InvalidOperationException>(thrown);
                Assert.Contains("'CLAWDBOT_GENTEST_NEVER_SET_MODE'", error.Message);
                Assert.Contains("models.mode", error.Message);
                messages.Add(error.Message);
            }
        }

        Assert.Single(messages.Distinct());
    }

    [Fact]
    public void AProviderWhoseApiIsAPlaceholderGetsNoDescriptorsAndNoWarning()
    {
        var config = Config.Replace("\"amazon-bedrock\": {", "\"my-gateway\": {");
        var (run, _) = GeneratorHarness.Run(config);
        Assert.Empty(run.Diagnostics);
        Assert.DoesNotContain("NovaPro { get; }", Assert.Single(run.GeneratedTrees).ToString());
    }
}
