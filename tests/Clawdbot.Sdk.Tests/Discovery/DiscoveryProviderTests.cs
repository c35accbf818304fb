namespace Clawdbot.Sdk.Tests.Discovery;

/// <summary>Which provider discovery runs under, for the runtime, the CLI's listing and its chat alike.</summary>
public sealed class DiscoveryProviderTests
{
    [Theory]
    [InlineData("'bedrock-eu': { baseUrl: 'u', api: 'bedrock-converse-stream', models: [] }, 'amazon-bedrock': { baseUrl: 'u', models: [] }", "amazon-bedrock")]
    [InlineData("openai: { baseUrl: 'u', api: 'openai-responses', models: [] }, 'bedrock-eu': { baseUrl: 'u', api: 'bedrock-converse-stream', models: [] }", "bedrock-eu")]
    [InlineData("openai: { baseUrl: 'u', api: 'openai-responses', models: [] }", "amazon-bedrock")]
    public void AmazonBedrockIsPreferredThenTheFirstBedrockProvider(string providers, string expected)
    {
        var config = ClawdbotConfig.Parse("{ models: { providers: { " + providers + " } } }");
        Assert.Equal(expected, BedrockModels.DiscoveryProviderId(config));
    }
}
