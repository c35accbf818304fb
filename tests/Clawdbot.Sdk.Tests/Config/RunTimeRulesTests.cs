namespace Clawdbot.Sdk.Tests.Config;

/// <summary>The rules that concern only generated C# code (CLAW3006, CLAW3010) never reject a file loaded at run time.</summary>
public sealed class RunTimeRulesTests
{
    private const string Provider = """
        {
          models: {
            providers: {
              "amazon-bedrock": {
                baseUrl: "https://bedrock-runtime.us-east-1.amazonaws.com",
                apiKey: "sk-literal-at-run-time",
                models: [MODELS],
              },
            },
          },
        }
        """;

    [Theory]
    [InlineData("{ id: 'us.anthropic.claude-sonnet-4-5', name: 'Claude Sonnet 4.5 (US)' }, { id: 'eu.anthropic.claude-sonnet-4-5', name: 'Claude Sonnet 4.5 (EU)' }")]
    [InlineData("{ id: 'amazon.nova-pro-v1:0', name: 'Default' }")]
    [InlineData("{ id: 'amazon.nova-pro-v1:0', name: 'Equals' }")]
    [InlineData("{ id: '-:-', name: '(Bedrock)' }")]
    public void NamesThatMakeNoCSharpNameLoadAtRunTime(string models)
    {
        var text = Provider.Replace("MODELS", models);
        var config = ClawdbotConfig.Parse(text);
        Assert.NotEmpty(config.Models.Providers[0].Models);

        var generatorView = ClawdbotConfigReader.Read(text, new ClawdbotConfigReadOptions { ForGeneratedCode = true });
        Assert.Contains(generatorView.Diagnostics, d => d.Id == "CLAW3006");
    }

    [Fact]
    public void ALiteralApiKeyIsKeptAndNotReportedAtRunTime()
    {
        var text = Provider.Replace("MODELS", "{ id: 'a', name: 'A' }");
        Assert.Equal("sk-literal-at-run-time", ClawdbotConfig.Parse(text).Models.Providers[0].ApiKey);
        Assert.Empty(ClawdbotConfigReader.Read(text).Diagnostics);
        Assert.Equal("CLAW3010", Assert.Single(ClawdbotConfigReader.Read(text, new ClawdbotConfigReadOptions { ForGeneratedCode = true }).Diagnostics).Id);
    }
}
