using System.Text.Json.Nodes;
using Clawdbot.Sdk.Testing;
using Xunit;
using static Clawdbot.Sdk.Tests.Runtime.RuntimeTestSupport;

namespace Clawdbot.Sdk.Tests.Runtime;

public sealed class TokenCountingTests
{
    private const string Sonnet = "anthropic.claude-sonnet-4-5-20250929-v1:0";

    [Fact]
    public async Task The_body_is_the_converse_input_of_the_same_mapping_and_the_count_is_what_bedrock_returned()
    {
        await using var bedrock = await LocalBedrock.StartAsync();
        using var client = Client(bedrock);
        var request = new ConverseRequest(Sonnet)
        {
            ToolConfig = new ToolConfig([new ToolDefinition("lookup", "Looks up", JsonNode.Parse("""{"type":"object"}""")!)]),
            InferenceConfig = new InferenceConfig { MaxTokens = 100 },
        };
        request.System.Add(SystemBlock.FromText("Be brief today."));
        request.AddUser("How many tokens is this?");

        var count = await client.CountTokensAsync(request);

        // The emulator counts words: 3 of the system prompt and 5 of the message.
        Assert.Equal(8, count.InputTokens);
        Assert.Equal(Sonnet, count.ModelId);
        var recorded = Assert.Single(bedrock.Requests);
        Assert.Equal("CountTokens", recorded.Operation);
        Assert.Equal("/model/" + Sonnet + "/count-tokens", recorded.Path);
        Assert.Equal(recorded.RequestId, count.RequestId);
        Assert.True(JsonNode.DeepEquals(
            JsonNode.Parse("""
            {"input":{"converse":{
              "messages":[{"role":"user","content":[{"text":"How many tokens is this?"}]}],
              "system":[{"text":"Be brief today."}],
              "toolConfig":{"tools":[{"toolSpec":{"name":"lookup","description":"Looks up","inputSchema":{"json":{"type":"object"}}}}]}}}}
            """),
            JsonNode.Parse(recorded.Body)), recorded.Body);
    }

    [Fact]
    public async Task The_count_equals_the_input_tokens_a_converse_call_reports_on_the_emulator()
    {
        await using var bedrock = await LocalBedrock.StartAsync();
        using var client = Client(bedrock);
        var request = Request(Sonnet, "one two three four");

        var count = await client.CountTokensAsync(request);
        var result = await client.ConverseAsync(request);

        Assert.Equal(result.Usage!.InputTokens, count.InputTokens);
    }

    [Theory]
    [InlineData("us." + Sonnet)]
    [InlineData("global." + Sonnet)]
    [InlineData("arn:aws:bedrock:us-east-1:123456789012:inference-profile/eu." + Sonnet)]
    [InlineData("arn:aws:bedrock:us-east-1::foundation-model/" + Sonnet)]
    public async Task A_profile_id_or_arn_is_counted_for_its_foundation_model(string modelId)
    {
        await using var bedrock = await LocalBedrock.StartAsync();
        using var client = Client(bedrock);

        var count = await client.CountTokensAsync(Request(modelId, "a b"));

        Assert.Equal(Sonnet, count.ModelId);
        Assert.Equal(Sonnet, Assert.Single(bedrock.Requests).ModelId);
    }

    [Fact]
    public async Task Throttling_is_retried_through_the_pipeline()
    {
        await using var bedrock = await LocalBedrock.StartAsync();
        using var client = Client(bedrock);
        bedrock.Enqueue(Script.HttpError(429, "ThrottlingException", "Too many requests"));

        var count = await client.CountTokensAsync(Request(Sonnet, "x y z"));

        Assert.Equal(3, count.InputTokens);
        Assert.Equal(["CountTokens", "CountTokens"], bedrock.Requests.Select(r => r.Operation));
    }

    [Fact]
    public async Task A_model_bedrock_does_not_count_for_is_a_validation_error_naming_it_and_not_retried()
    {
        await using var bedrock = await LocalBedrock.StartAsync();
        using var client = Client(bedrock);

        var error = await Assert.ThrowsAsync<BedrockException>(() => client.CountTokensAsync(Request("amazon.nova-pro-v1:0")));

        Assert.Equal(BedrockErrorKind.Validation, error.Kind);
        Assert.Equal(400, error.StatusCode);
        Assert.Contains("amazon.nova-pro-v1:0", error.Message);
        Assert.Contains("doesn't support counting tokens", error.Message);
        Assert.Single(bedrock.Requests);
    }

    [Fact]
    public async Task The_emulator_refuses_a_profile_id_and_a_body_without_messages_as_bedrock_does()
    {
        await using var bedrock = await LocalBedrock.StartAsync();
        using var http = new HttpClient();
        http.DefaultRequestHeaders.Authorization = new("Bearer", bedrock.BearerToken);

        var profile = await http.PostAsync(new Uri(bedrock.Endpoint, "model/us." + Sonnet + "/count-tokens"), new StringContent("""{"input":{"converse":{"messages":[]}}}"""));
        var noMessages = await http.PostAsync(new Uri(bedrock.Endpoint, "model/" + Sonnet + "/count-tokens"), new StringContent("""{"input":{"converse":{}}}"""));

        Assert.Equal(400, (int)profile.StatusCode);
        Assert.Contains("model identifier is invalid", await profile.Content.ReadAsStringAsync());
        Assert.Equal(400, (int)noMessages.StatusCode);
        Assert.Contains("input.converse.messages", await noMessages.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_declared_model_counts_its_prompt_through_its_client()
    {
        await using var bedrock = await LocalBedrock.StartAsync();
        using var client = Client(bedrock);
        var provider = new BedrockClientProvider(new ClawdbotConfig());
        provider.Use(client);
        var model = new BedrockModel(provider, "amazon-bedrock", new ModelDefinition { Id = Sonnet, Name = "Sonnet" });

        var count = await model.CountTokensAsync("count these four words");

        Assert.Equal(4, count.InputTokens);
        Assert.Equal("CountTokens", Assert.Single(bedrock.Requests).Operation);
    }
}
