namespace Clawdbot.Sdk.Tests.Config;

/// <summary>One alias rule: the first entry declaring an alias wins, in reference resolution and in the listing's alias table.</summary>
public sealed class AliasResolutionTests
{
    private const string File = """
        {
          agents: {
            defaults: {
              model: { primary: "fast" },
              models: {
                "amazon-bedrock/amazon.nova-lite-v1:0": { alias: "fast" },
                "amazon-bedrock/amazon.nova-micro-v1:0": { alias: " FAST " },
              },
            },
          },
        }
        """;

    [Fact]
    public async Task TheFirstAliasWinsEverywhere()
    {
        var config = ClawdbotConfig.Parse(File);

        Assert.Equal(new ModelReference("amazon-bedrock", "amazon.nova-lite-v1:0"), ModelReference.Resolve(config, "fast"));
        Assert.Equal("amazon-bedrock/amazon.nova-lite-v1:0", Assert.Single(ModelReference.Aliases(config.AgentDefaults)).Value);
        var listing = await BedrockModels.ListAsync(config, controlPlane: null, options: null, CancellationToken.None);
        Assert.Equal("amazon.nova-lite-v1:0", listing.Resolve("fast")?.ModelId);
    }
}
