namespace Clawdbot.Sdk.Generators.Tests;

/// <summary>
/// <c>Bedrock.Models.Default</c> reads <c>agents.defaults.model.primary</c> by the one reference rule (an alias, else
/// <c>provider/id</c>, else <c>anthropic/&lt;id&gt;</c>): the same table as the runtime's <c>ModelReferenceRuleTests</c>
/// (listings, hosting, the CLI), so the four agree.
/// </summary>
public sealed class DefaultModelRuleTests
{
    private const string Json5 = """
        {
          models: {
            mode: "replace",
            providers: {
              "amazon-bedrock": {
                baseUrl: "https://bedrock-runtime.us-east-1.amazonaws.com",
                api: "bedrock-converse-stream",
                auth: "aws-sdk",
                models: [
                  { id: "amazon.nova-pro-v1:0", name: "Nova Pro" },
                  { id: "amazon.nova-lite-v1:0", name: "Nova Lite" },
                ],
              },
            },
            bedrockDiscovery: { enabled: false },
          },
          agents: {
            defaults: {
              model: { primary: "PRIMARY" },
              models: { "amazon-bedrock/amazon.nova-pro-v1:0": { alias: "nova" } },
            },
          },
        }
        """;

    [Theory]
    [InlineData("nova", "NovaPro")]
    [InlineData("amazon-bedrock/amazon.nova-lite-v1:0", "NovaLite")]
    [InlineData("amazon.nova-lite-v1:0", null)] // a bare id that is no alias means anthropic/amazon.nova-lite-v1:0
    public void Default_names_the_model_the_primary_reference_resolves_to(string primary, string? expected)
    {
        var (run, _) = GeneratorHarness.Run(Json5.Replace("PRIMARY", primary, StringComparison.Ordinal));

        Assert.Empty(run.Diagnostics);
        var source = Assert.Single(run.GeneratedTrees).ToString();
        Assert.Contains(expected is null
            ? "public static global::Clawdbot.Sdk.BedrockModel? Default => null;"
            : "public static global::Clawdbot.Sdk.BedrockModel Default => " + expected + ";", source);
    }
}
