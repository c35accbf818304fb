using System.Net;
using System.Text.Json;
using Clawdbot.Sdk.Testing;
using Xunit;
using static Clawdbot.Sdk.Tests.Emulator.EmulatorClient;

namespace Clawdbot.Sdk.Tests.Emulator;

public sealed class LocalBedrockControlPlaneTests
{
    [Fact]
    public async Task Foundation_models_list_the_default_catalogue()
    {
        await using var bedrock = await LocalBedrock.StartAsync();
        using var client = SigV4(bedrock);

        using var document = await GetJsonAsync(client, "foundation-models");

        var models = document.RootElement.GetProperty("modelSummaries").EnumerateArray().ToList();
        Assert.Equal(bedrock.Catalog.FoundationModels.Count, models.Count);
        var opus = models.Single(model => model.GetProperty("modelId").GetString() == "anthropic.claude-opus-4-5-20251101-v1:0");
        Assert.Equal(["INFERENCE_PROFILE"], opus.GetProperty("inferenceTypesSupported").EnumerateArray().Select(value => value.GetString()));
        Assert.Equal("arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-opus-4-5-20251101-v1:0", opus.GetProperty("modelArn").GetString());
        Assert.Equal("ACTIVE", opus.GetProperty("modelLifecycle").GetProperty("status").GetString());
        Assert.Contains(models, model => model.GetProperty("modelLifecycle").GetProperty("status").GetString() == "LEGACY");
        Assert.Contains(models, model => !model.GetProperty("responseStreamingSupported").GetBoolean());
        Assert.Equal(1, bedrock.ListFoundationModelsCallCount);
    }

    [Theory]
    [InlineData("byProvider=Mistral%20AI", "mistral.mistral-large-2402-v1:0")]
    [InlineData("byOutputModality=EMBEDDING&byProvider=Amazon", "amazon.titan-embed-text-v2:0")]
    public async Task Foundation_model_filters_select_matching_models(string query, string expectedModelId)
    {
        await using var bedrock = await LocalBedrock.StartAsync();
        using var client = SigV4(bedrock);

        using var document = await GetJsonAsync(client, "foundation-models?" + query);

        var ids = document.RootElement.GetProperty("modelSummaries").EnumerateArray().Select(model => model.GetProperty("modelId").GetString());
        Assert.Equal([expectedModelId], ids);
    }

    [Fact]
    public async Task On_demand_filter_excludes_inference_profile_only_models()
    {
        await using var bedrock = await LocalBedrock.StartAsync();
        using var client = SigV4(bedrock);

        using var document = await GetJsonAsync(client, "foundation-models?byInferenceType=ON_DEMAND");

        var ids = document.RootElement.GetProperty("modelSummaries").EnumerateArray().Select(model => model.GetProperty("modelId").GetString()).ToList();
        Assert.DoesNotContain("anthropic.claude-opus-4-5-20251101-v1:0", ids);
        Assert.Contains("amazon.nova-pro-v1:0", ids);
    }

    [Fact]
    public async Task Unknown_filter_value_is_a_validation_error()
    {
        await using var bedrock = await LocalBedrock.StartAsync();
        using var client = SigV4(bedrock);

        using var response = await client.GetAsync("foundation-models?byInferenceType=SOMETIMES");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("ValidationException", ErrorType(response));
    }

    [Fact]
    public async Task Inference_profiles_page_through_the_catalogue()
    {
        await using var bedrock = await LocalBedrock.StartAsync();
        using var client = SigV4(bedrock);
        var ids = new List<string>();
        string? nextToken = null;
        var pages = 0;

        do
        {
            var path = "inference-profiles?maxResults=3&typeEquals=SYSTEM_DEFINED"
                + (nextToken is null ? "" : "&nextToken=" + Uri.EscapeDataString(nextToken));
            using var document = await GetJsonAsync(client, path);
            var summaries = document.RootElement.GetProperty("inferenceProfileSummaries").EnumerateArray().ToList();
            Assert.InRange(summaries.Count, 1, 3);
            ids.AddRange(summaries.Select(summary => summary.GetProperty("inferenceProfileId").GetString()!));
            nextToken = document.RootElement.TryGetProperty("nextToken", out var token) ? token.GetString() : null;
            pages++;
        }
        while (nextToken is not null);

        Assert.Equal(bedrock.Catalog.InferenceProfiles.Select(profile => profile.InferenceProfileId), ids);
        Assert.Contains("global.anthropic.claude-opus-4-5-20251101-v1:0", ids);
        Assert.Equal((bedrock.Catalog.InferenceProfiles.Count + 2) / 3, pages);
        Assert.Equal(pages, bedrock.ListInferenceProfilesCallCount);
    }

    [Fact]
    public async Task Inference_profile_summaries_have_the_AWS_shape()
    {
        await using var bedrock = await LocalBedrock.StartAsync();
        using var client = SigV4(bedrock);

        using var document = await GetJsonAsync(client, "inference-profiles");

        var profile = document.RootElement.GetProperty("inferenceProfileSummaries").EnumerateArray()
            .Single(summary => summary.GetProperty("inferenceProfileId").GetString() == OpusProfile);
        Assert.Equal("arn:aws:bedrock:us-east-1:123456789012:inference-profile/" + OpusProfile, profile.GetProperty("inferenceProfileArn").GetString());
        Assert.Equal("SYSTEM_DEFINED", profile.GetProperty("type").GetString());
        Assert.Equal("ACTIVE", profile.GetProperty("status").GetString());
        Assert.Contains(profile.GetProperty("models").EnumerateArray(), model =>
            model.GetProperty("modelArn").GetString() == "arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-opus-4-5-20251101-v1:0");
        Assert.False(document.RootElement.TryGetProperty("nextToken", out _));
    }

    [Fact]
    public async Task Catalog_can_be_replaced_and_invalid_page_tokens_are_rejected()
    {
        await using var bedrock = await LocalBedrock.StartAsync();
        bedrock.Catalog = new BedrockCatalog
        {
            FoundationModels = [new FoundationModelEntry { ModelId = "acme.tiny-v1:0", ModelName = "Tiny", ProviderName = "Acme" }],
        };
        using var client = SigV4(bedrock);

        using var models = await GetJsonAsync(client, "foundation-models");
        using var badToken = await client.GetAsync("inference-profiles?nextToken=garbage");

        var model = Assert.Single(models.RootElement.GetProperty("modelSummaries").EnumerateArray());
        Assert.Equal("arn:aws:bedrock:us-east-1::foundation-model/acme.tiny-v1:0", model.GetProperty("modelArn").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, badToken.StatusCode);
    }

    private static async Task<JsonDocument> GetJsonAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync());
    }
}
