using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace Clawdbot.Sdk.Tests.Discovery;

public sealed class DiscoveryCatalogTests
{
    private const string Opus45 = "anthropic.claude-opus-4-5-20251101-v1:0";

    private static ClawdbotConfig Config(BedrockDiscoveryConfig? discovery = null, params ModelProviderConfig[] providers) => new()
    {
        Models = new ModelsConfig { Providers = providers, BedrockDiscovery = discovery ?? new BedrockDiscoveryConfig { Enabled = true } },
    };

    private static Task<ModelListing> List(ClawdbotConfig config, ScriptedControlPlane plane, BedrockModelsOptions? options = null)
        => BedrockModels.ListAsync(config, plane, options ?? new BedrockModelsOptions { Cache = new BedrockDiscoveryCache() }, CancellationToken.None);

    [Fact]
    public async Task Keeps_only_active_streaming_text_models_with_an_id()
    {
        var plane = new ScriptedControlPlane();
        plane.FoundationModels.AddRange(
        [
            ScriptedControlPlane.Model("anthropic.claude-3-5-haiku-20241022-v1:0", "Claude 3.5 Haiku"),
            ScriptedControlPlane.Model("  ", "Blank"),
            ScriptedControlPlane.Model("amazon.titan-embed-text-v2:0", "Titan Embed", provider: "Amazon", output: ["EMBEDDING"]),
            ScriptedControlPlane.Model("stability.sd3", "SD3", provider: "Stability AI", output: ["IMAGE"]),
            ScriptedControlPlane.Model("cohere.command-text-v14", "Command", provider: "Cohere", streaming: false),
            ScriptedControlPlane.Model("anthropic.claude-v2", "Claude 2", status: "LEGACY"),
            ScriptedControlPlane.Model("meta.llama3-8b-instruct-v1:0", "Llama 3 8B", provider: "Meta", streaming: null),
        ]);

        var listing = await List(Config(), plane);

        Assert.Null(listing.DiscoveryError);
        Assert.Equal(["anthropic.claude-3-5-haiku-20241022-v1:0"], listing.Models.Select(model => model.Id));
        Assert.Equal("amazon-bedrock/anthropic.claude-3-5-haiku-20241022-v1:0", listing.Models[0].Key);
        Assert.Equal(ModelOrigin.Discovered, listing.Models[0].Origin);
    }

    [Fact]
    public async Task Profiles_on_every_page_become_models_with_the_capabilities_of_their_foundation_model()
    {
        var plane = new ScriptedControlPlane { PageSize = 2 };
        plane.FoundationModels.Add(ScriptedControlPlane.Model(Opus45, "Claude Opus 4.5", input: ["TEXT", "IMAGE"], inference: ["INFERENCE_PROFILE"]));
        plane.FoundationModels.Add(ScriptedControlPlane.Model("amazon.nova-pro-v1:0", "Nova Pro", provider: "Amazon", input: ["TEXT", "IMAGE", "VIDEO"], inference: ["ON_DEMAND", "INFERENCE_PROFILE"]));
        plane.Profiles.AddRange(
        [
            ScriptedControlPlane.Profile("us.amazon.nova-pro-v1:0", "amazon.nova-pro-v1:0", "US Nova Pro"),
            ScriptedControlPlane.Profile("global." + Opus45, Opus45, "Global Claude Opus 4.5"),
            ScriptedControlPlane.Profile("us." + Opus45, Opus45, "US Claude Opus 4.5"),
            ScriptedControlPlane.Profile("us.retired", "anthropic.unknown-model", "Unknown target"),
            ScriptedControlPlane.Profile("us.inactive." + Opus45, Opus45, "Inactive", status: "DISABLED"),
        ]);

        var listing = await List(Config(), plane);

        // Five profiles in pages of two: three calls, the later ones carrying the previous page's token.
        Assert.Equal([null, "page-2", "page-4"], plane.ProfileTokens);
        Assert.Equal(
            ["global." + Opus45, "amazon.nova-pro-v1:0", "us." + Opus45, "us.amazon.nova-pro-v1:0"],
            listing.Models.Select(model => model.Id));
        Assert.Null(listing.Find(Opus45)); // only served through profiles: not offered bare

        var usOpus = listing.Find("us." + Opus45)!.Definition;
        Assert.Equal("US Claude Opus 4.5", usOpus.Name);
        Assert.True(usOpus.Reasoning);
        Assert.Equal(200_000, usOpus.ContextWindow);
        Assert.Equal(64_000, usOpus.MaxTokens);
        Assert.Equal([ModelInput.Text, ModelInput.Image], usOpus.Input);
        Assert.True(usOpus.Cost.IsZero);
    }

    [Theory]
    [InlineData("mistral", "mistral.mistral-large-2407-v1:0")]
    [InlineData("MISTRAL AI", "mistral.mistral-large-2407-v1:0")]
    [InlineData("meta", "meta.llama3-3-70b-instruct-v1:0")]
    [InlineData(" Anthropic ", "anthropic.claude-3-haiku-20240307-v1:0")]
    public async Task Provider_filter_matches_provider_name_or_id_prefix(string filter, string expectedId)
    {
        var plane = new ScriptedControlPlane();
        plane.FoundationModels.AddRange(
        [
            ScriptedControlPlane.Model("mistral.mistral-large-2407-v1:0", "Mistral Large", provider: "Mistral AI"),
            ScriptedControlPlane.Model("meta.llama3-3-70b-instruct-v1:0", "Llama 3.3 70B", provider: "Meta"),
            ScriptedControlPlane.Model("anthropic.claude-3-haiku-20240307-v1:0", "Claude 3 Haiku"),
        ]);

        var listing = await List(Config(new BedrockDiscoveryConfig { Enabled = true, ProviderFilter = [filter] }), plane);

        Assert.Equal([expectedId], listing.Models.Select(model => model.Id));
    }

    [Fact]
    public async Task Unknown_families_take_the_configured_defaults_and_names_fall_back_to_the_id()
    {
        var plane = new ScriptedControlPlane();
        plane.FoundationModels.Add(ScriptedControlPlane.Model("acme.brainy-v1:0", name: null, provider: "Acme"));
        plane.FoundationModels.Add(ScriptedControlPlane.Model("meta.llama3-3-70b-instruct-v1:0", "Llama 3.3 70B", provider: "Meta"));

        var listing = await List(Config(new BedrockDiscoveryConfig { Enabled = true, DefaultContextWindow = 12_000, DefaultMaxTokens = 1_000 }), plane);

        var acme = listing.Find("acme.brainy-v1:0")!.Definition;
        Assert.Equal("acme.brainy-v1:0", acme.Name);
        Assert.Equal((12_000, 1_000, false), (acme.ContextWindow, acme.MaxTokens, acme.Reasoning));
        var llama = listing.Find("meta.llama3-3-70b-instruct-v1:0")!.Definition;
        Assert.Equal(128_000, llama.ContextWindow);
    }

    [Fact]
    public async Task Declared_fields_win_discovered_ones_fill_the_rest_and_new_ids_are_added_sorted()
    {
        var plane = new ScriptedControlPlane();
        plane.FoundationModels.Add(ScriptedControlPlane.Model("anthropic.claude-sonnet-4-5-20250929-v1:0", "Claude Sonnet 4.5", input: ["TEXT", "IMAGE"]));
        plane.FoundationModels.Add(ScriptedControlPlane.Model("amazon.nova-micro-v1:0", "Nova Micro", provider: "Amazon"));
        var declared = new ModelDefinition
        {
            Id = "anthropic.claude-sonnet-4-5-20250929-v1:0",
            Name = "Sonnet (mine)",
            Cost = new ModelCost(3m, 15m, 0.3m, 3.75m),
            MaxTokens = 1_234,
            DeclaredFields = ModelFields.Cost | ModelFields.MaxTokens,
        };
        var other = new ModelProviderConfig { Id = "openai", BaseUrl = "https://api.openai.com/v1", Models = [new ModelDefinition { Id = "gpt-x", Name = "GPT X" }] };
        var bedrock = new ModelProviderConfig { Id = "amazon-bedrock", BaseUrl = "https://bedrock-runtime.us-east-1.amazonaws.com", Api = "bedrock-converse-stream", Models = [declared] };

        var listing = await List(Config(null, other, bedrock), plane);

        Assert.Equal(["GPT X", "Nova Micro", "Sonnet (mine)"], listing.Models.Select(model => model.Name));
        var sonnet = listing.Find("amazon-bedrock/anthropic.claude-sonnet-4-5-20250929-v1:0")!;
        Assert.Equal(ModelOrigin.Both, sonnet.Origin);
        Assert.Equal(1_234, sonnet.Definition.MaxTokens);
        Assert.Equal(15m, sonnet.Definition.Cost.Output);
        Assert.True(sonnet.Definition.Reasoning);
        Assert.Equal([ModelInput.Text, ModelInput.Image], sonnet.Definition.Input);
        Assert.Equal(ModelOrigin.Declared, listing.Find("openai/gpt-x")!.Origin);
        Assert.Equal(ModelOrigin.Discovered, listing.Find("amazon.nova-micro-v1:0")!.Origin);
        Assert.Equal(1, listing.DiscoveredCount);
    }

    [Fact]
    public async Task A_field_declared_with_its_default_value_still_wins()
    {
        var plane = new ScriptedControlPlane();
        plane.FoundationModels.Add(ScriptedControlPlane.Model("anthropic.claude-sonnet-4-5-20250929-v1:0", "Claude Sonnet 4.5", input: ["TEXT", "IMAGE"]));
        var config = ClawdbotConfig.Parse("""
            { models: { providers: { "amazon-bedrock": { baseUrl: "https://bedrock-runtime.us-east-1.amazonaws.com", models: [
              { id: "anthropic.claude-sonnet-4-5-20250929-v1:0", name: "Sonnet", reasoning: false, input: ["text"], contextWindow: 200000 },
            ] } } } }
            """);

        var listing = await List(config, plane);

        var sonnet = listing.Find("amazon-bedrock/anthropic.claude-sonnet-4-5-20250929-v1:0")!.Definition;
        Assert.False(sonnet.Reasoning);
        Assert.Equal([ModelInput.Text], sonnet.Input);
        Assert.Equal(200_000, sonnet.ContextWindow);
    }

    [Fact]
    public async Task Replace_mode_lists_declared_models_only_and_never_calls_bedrock()
    {
        var plane = new ScriptedControlPlane();
        plane.FoundationModels.Add(ScriptedControlPlane.Model("amazon.nova-micro-v1:0", "Nova Micro", provider: "Amazon"));
        var config = Config(null, new ModelProviderConfig { Id = "amazon-bedrock", BaseUrl = "x", Models = [new ModelDefinition { Id = "a.b", Name = "AB" }] });
        config = config with { Models = config.Models with { Mode = ModelsMode.Replace } };

        var listing = await List(config, plane);

        Assert.Equal(["a.b"], listing.Models.Select(model => model.Id));
        Assert.False(listing.DiscoveryEnabled);
        Assert.Equal(0, plane.Listings);
    }

    [Theory]
    [InlineData(null, "AKIDEXAMPLE", 1)]
    [InlineData(null, null, 0)]
    [InlineData(false, "AKIDEXAMPLE", 0)]
    [InlineData(true, null, 1)]
    public async Task Enabled_follows_the_config_else_whether_credentials_resolve(bool? enabled, string? identity, int expectedListings)
    {
        var plane = new ScriptedControlPlane { CredentialIdentity = identity };
        plane.FoundationModels.Add(ScriptedControlPlane.Model("amazon.nova-micro-v1:0", "Nova Micro", provider: "Amazon"));

        var listing = await List(Config(new BedrockDiscoveryConfig { Enabled = enabled }), plane);

        Assert.Equal(expectedListings, plane.Listings);
        Assert.Equal(expectedListings, listing.Models.Count);
    }

    [Fact]
    public async Task Two_endpoints_with_the_same_region_and_identity_do_not_share_a_cached_listing()
    {
        var options = new BedrockModelsOptions { Cache = new BedrockDiscoveryCache() };
        var aws = new ScriptedControlPlane();
        var emulator = new ScriptedControlPlane { Endpoint = new Uri("http://127.0.0.1:4010/") };
        aws.FoundationModels.Add(ScriptedControlPlane.Model("amazon.nova-micro-v1:0", "Nova Micro", provider: "Amazon"));
        emulator.FoundationModels.Add(ScriptedControlPlane.Model("amazon.nova-lite-v1:0", "Nova Lite", provider: "Amazon"));

        var fromAws = await List(Config(), aws, options);
        var fromEmulator = await List(Config(), emulator, options);

        Assert.Equal(["amazon.nova-micro-v1:0"], fromAws.Models.Select(model => model.Id));
        Assert.Equal(["amazon.nova-lite-v1:0"], fromEmulator.Models.Select(model => model.Id));
        Assert.Equal(1, emulator.Listings);
    }

    [Fact]
    public async Task Cache_serves_until_the_refresh_interval_passes()
    {
        var time = new FakeTimeProvider();
        var options = new BedrockModelsOptions { Cache = new BedrockDiscoveryCache(time) };
        var plane = new ScriptedControlPlane();
        plane.FoundationModels.Add(ScriptedControlPlane.Model("amazon.nova-micro-v1:0", "Nova Micro", provider: "Amazon"));
        var config = Config(new BedrockDiscoveryConfig { Enabled = true, RefreshInterval = 60 });

        await List(config, plane, options);
        time.Advance(TimeSpan.FromSeconds(59));
        await List(config, plane, options);
        Assert.Equal(1, plane.Listings);

        time.Advance(TimeSpan.FromSeconds(1));
        await List(config, plane, options);
        Assert.Equal(2, plane.Listings);

        options.Refresh = true;
        await List(config, plane, options);
        Assert.Equal(3, plane.Listings);
    }

    [Fact]
    public async Task Refresh_interval_zero_asks_every_time_and_other_settings_use_other_entries()
    {
        var options = new BedrockModelsOptions { Cache = new BedrockDiscoveryCache(new FakeTimeProvider()) };
        var plane = new ScriptedControlPlane();

        await List(Config(new BedrockDiscoveryConfig { Enabled = true, RefreshInterval = 0 }), plane, options);
        await List(Config(new BedrockDiscoveryConfig { Enabled = true, RefreshInterval = 0 }), plane, options);
        Assert.Equal(2, plane.Listings);

        await List(Config(new BedrockDiscoveryConfig { Enabled = true, ProviderFilter = ["meta"] }), plane, options);
        await List(Config(new BedrockDiscoveryConfig { Enabled = true, ProviderFilter = ["META "] }), plane, options);
        await List(Config(new BedrockDiscoveryConfig { Enabled = true, DefaultMaxTokens = 99 }), plane, options);
        Assert.Equal(4, plane.Listings);
    }

    [Fact]
    public async Task Hundred_concurrent_callers_share_one_upstream_call()
    {
        var options = new BedrockModelsOptions { Cache = new BedrockDiscoveryCache(new FakeTimeProvider()) };
        var plane = new ScriptedControlPlane { Gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously) };
        plane.FoundationModels.Add(ScriptedControlPlane.Model("amazon.nova-micro-v1:0", "Nova Micro", provider: "Amazon"));
        var config = Config();

        var callers = Enumerable.Range(0, 100).Select(_ => Task.Run(() => List(config, plane, options))).ToArray();
        await Eventually.UntilAsync(() => plane.Listings > 0, "the upstream listing");

        plane.Gate.SetResult();
        var listings = await Task.WhenAll(callers);

        Assert.Equal(1, plane.Listings);
        Assert.All(listings, listing => Assert.Equal("amazon.nova-micro-v1:0", Assert.Single(listing.Models).Id));
    }

    [Fact]
    public async Task Failures_keep_declared_models_are_reported_once_and_are_not_cached()
    {
        var reported = new List<Exception>();
        var options = new BedrockModelsOptions { Cache = new BedrockDiscoveryCache(new FakeTimeProvider()), OnDiscoveryError = reported.Add };
        var plane = new ScriptedControlPlane { Failure = new HttpRequestException("connection refused") };
        var config = Config(null, new ModelProviderConfig { Id = "amazon-bedrock", BaseUrl = "x", Models = [new ModelDefinition { Id = "a.b", Name = "AB" }] });

        var first = await List(config, plane, options);
        var second = await List(config, plane, options);

        Assert.Equal(["a.b"], first.Models.Select(model => model.Id));
        Assert.IsType<HttpRequestException>(first.DiscoveryError);
        Assert.IsType<HttpRequestException>(second.DiscoveryError);
        Assert.Single(reported);
        Assert.Equal(2, plane.Listings);

        plane.Failure = null; // an empty catalogue: cached like any result
        var third = await List(config, plane, options);
        var fourth = await List(config, plane, options);
        Assert.Null(third.DiscoveryError);
        Assert.Null(fourth.DiscoveryError);
        Assert.Equal(3, plane.Listings);
    }

    [Fact]
    public async Task A_listing_that_outlives_the_timeout_fails_with_a_timeout_and_cancellation_is_honoured()
    {
        var time = new FakeTimeProvider();
        var options = new BedrockModelsOptions { Cache = new BedrockDiscoveryCache(time), Timeout = TimeSpan.FromSeconds(5) };
        var plane = new ScriptedControlPlane { Gate = new TaskCompletionSource() };

        var pending = List(Config(), plane, options);
        await Eventually.UntilAsync(() => plane.Listings > 0, "the upstream listing");

        time.Advance(TimeSpan.FromSeconds(5));
        var listing = await pending;
        Assert.IsType<TimeoutException>(listing.DiscoveryError);

        using var cancel = new CancellationTokenSource();
        var cancelled = BedrockModels.ListAsync(Config(), plane, options, cancel.Token);
        cancel.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled);
    }
}
