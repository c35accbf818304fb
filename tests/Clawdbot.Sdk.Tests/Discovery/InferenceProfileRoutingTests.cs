using Clawdbot.Sdk.Testing;
using Xunit;
namespace Clawdbot.Sdk.Tests.Discovery;

public sealed class InferenceProfileRoutingTests
{
    private const string Opus45 = "anthropic.claude-opus-4-5-20251101-v1:0";

    private static ScriptedControlPlane Catalogue(string region)
    {
        var plane = new ScriptedControlPlane { Region = region };
        plane.FoundationModels.Add(ScriptedControlPlane.Model(Opus45, "Claude Opus 4.5", inference: ["INFERENCE_PROFILE"]));
        plane.FoundationModels.Add(ScriptedControlPlane.Model("amazon.nova-pro-v1:0", "Nova Pro", provider: "Amazon", inference: ["ON_DEMAND", "INFERENCE_PROFILE"]));
        plane.Profiles.AddRange(
        [
            ScriptedControlPlane.Profile("global." + Opus45, Opus45, "Global Claude Opus 4.5"),
            ScriptedControlPlane.Profile("us." + Opus45, Opus45, "US Claude Opus 4.5"),
            ScriptedControlPlane.Profile("eu." + Opus45, Opus45, "EU Claude Opus 4.5"),
            ScriptedControlPlane.Profile("us.amazon.nova-pro-v1:0", "amazon.nova-pro-v1:0", "US Nova Pro"),
        ]);
        return plane;
    }

    private static ClawdbotConfig Config() => new()
    {
        Models = new ModelsConfig
        {
            BedrockDiscovery = new BedrockDiscoveryConfig { Enabled = true },
            Providers =
            [
                new ModelProviderConfig { Id = "amazon-bedrock", BaseUrl = "x", Models = [new ModelDefinition { Id = Opus45, Name = "Opus" }] },
            ],
        },
        AgentDefaults = new AgentDefaultsConfig
        {
            PrimaryModel = "amazon-bedrock/" + Opus45,
            Models = [new AgentModelEntry { Ref = "amazon-bedrock/" + Opus45, Alias = "opus" }],
        },
    };

    [Theory]
    [InlineData("us-east-1", "us.")]
    [InlineData("eu-west-3", "eu.")]
    [InlineData("ap-southeast-1", "global.")]
    public async Task A_declared_bare_id_served_only_through_profiles_goes_through_the_regions_profile(string region, string prefix)
    {
        var listing = await BedrockModels.ListAsync(Config(), Catalogue(region), new BedrockModelsOptions { Cache = new BedrockDiscoveryCache() }, CancellationToken.None);

        foreach (var reference in new[] { "opus", "amazon-bedrock/" + Opus45 })
        {
            var target = listing.Resolve(reference)!;
            Assert.Equal(Opus45, target.ModelId);
            Assert.Equal(prefix + Opus45, target.InvokedModelId);
            Assert.True(target.IsRoutedThroughProfile);
            Assert.Equal(["default", "configured", "alias:opus"], target.Entry!.Tags);
        }

        // The one reference rule: the bare id is no alias, so it means anthropic/<id>, which this config does not declare.
        Assert.Null(listing.Resolve(Opus45));
    }

    [Fact]
    public async Task Explicit_profiles_arns_and_on_demand_ids_are_invoked_as_given()
    {
        var listing = await BedrockModels.ListAsync(Config(), Catalogue("us-east-1"), new BedrockModelsOptions { Cache = new BedrockDiscoveryCache() }, CancellationToken.None);
        var arn = "arn:aws:bedrock:us-east-1:123456789012:inference-profile/eu." + Opus45;

        Assert.Equal("eu." + Opus45, listing.Resolve("amazon-bedrock/eu." + Opus45)!.InvokedModelId);
        Assert.Equal(arn, listing.Resolve(arn)!.InvokedModelId);
        Assert.Equal("eu." + Opus45, listing.Find(arn)!.Id); // an ARN finds the listed profile it names
        Assert.Equal("amazon.nova-pro-v1:0", listing.Resolve("amazon-bedrock/amazon.nova-pro-v1:0")!.InvokedModelId);
        // The one reference rule: a bare id that is no alias means anthropic/<id>, a provider this config does not declare.
        Assert.Null(listing.Resolve("amazon.nova-pro-v1:0"));
    }

    [Fact]
    public async Task Undeclared_ids_of_known_providers_are_accepted_and_unknown_providers_are_not()
    {
        var listing = await BedrockModels.ListAsync(Config(), (IBedrockControlPlane?)null, null, CancellationToken.None);

        var target = listing.Resolve("amazon-bedrock/meta.llama3-3-70b-instruct-v1:0")!;
        Assert.Null(target.Entry);
        Assert.Equal("meta.llama3-3-70b-instruct-v1:0", target.InvokedModelId);
        Assert.Null(listing.Resolve("nowhere/model"));
        Assert.Equal(Opus45, listing.Resolve("opus")!.InvokedModelId); // no discovery: nothing to route with
    }

    [Fact]
    public async Task Routes_learned_in_one_region_are_not_applied_to_a_provider_in_another()
    {
        await using var emulator = await LocalBedrock.StartAsync();
        var config = new ClawdbotConfig
        {
            Models = new ModelsConfig
            {
                BedrockDiscovery = new BedrockDiscoveryConfig { Enabled = true },
                Providers =
                [
                    Provider("amazon-bedrock", "https://bedrock-runtime.us-east-1.amazonaws.com"),
                    Provider("bedrock-eu", "https://bedrock-runtime.eu-west-1.amazonaws.com"),
                    Provider("bedrock-us-again", "https://bedrock-runtime.us-east-1.amazonaws.com"),
                ],
            },
        };
        using var client = BedrockClient.FromConfig(config, "amazon-bedrock", new BedrockClientOptions
        {
            ControlPlaneEndpoint = emulator.Endpoint,
            Credentials = emulator.Credentials,
            Environment = static _ => null,
        });

        var listing = await BedrockModels.ListAsync(config, client, new BedrockModelsOptions { Cache = new BedrockDiscoveryCache() });

        Assert.Null(listing.DiscoveryError);
        Assert.Equal("us-east-1", listing.Routes!.Region);
        Assert.Equal("us." + Opus45, listing.Resolve("amazon-bedrock/" + Opus45)!.InvokedModelId);
        Assert.Equal("us." + Opus45, listing.Resolve("bedrock-us-again/" + Opus45)!.InvokedModelId);
        var elsewhere = listing.Resolve("bedrock-eu/" + Opus45)!;
        Assert.Equal("bedrock-eu", elsewhere.ProviderId);
        Assert.Equal(Opus45, elsewhere.InvokedModelId);
        Assert.False(elsewhere.IsRoutedThroughProfile);
    }

    private static ModelProviderConfig Provider(string id, string baseUrl) => new()
    {
        Id = id,
        BaseUrl = baseUrl,
        Api = "bedrock-converse-stream",
        Models = [new ModelDefinition { Id = Opus45, Name = "Opus " + id }],
    };

    [Fact]
    public void Candidate_profiles_follow_the_region_geography_then_global()
    {
        Assert.Equal(["us.m", "global.m"], InferenceProfileIds.CandidatesFor("m", "us-west-2"));
        Assert.Equal(["eu.m", "global.m"], InferenceProfileIds.CandidatesFor("m", "eu-central-1"));
        Assert.Equal(["apac.m", "jp.m", "global.m"], InferenceProfileIds.CandidatesFor("m", "ap-northeast-1"));
        Assert.Equal(["global.m"], InferenceProfileIds.CandidatesFor("m", "me-central-1"));
        Assert.True(InferenceProfileIds.IsProfileOrArn("global.anthropic.x"));
        Assert.True(InferenceProfileIds.IsProfileOrArn("arn:aws:bedrock:us-east-1::foundation-model/anthropic.x"));
        Assert.False(InferenceProfileIds.IsProfileOrArn("anthropic.claude-x"));
    }
}
