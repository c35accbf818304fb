using System.Text.Json.Nodes;
using Clawdbot.Sdk.Wire;
using Xunit;

namespace Clawdbot.Sdk.Tests.Runtime;

public sealed class ReasoningMappingTests
{
    [Theory]
    [InlineData("anthropic.claude-opus-4-6-v1", ReasoningEffort.High, """{"thinking":{"type":"adaptive"},"output_config":{"effort":"high"}}""")]
    [InlineData("us.anthropic.claude-sonnet-4-6", ReasoningEffort.Low, """{"thinking":{"type":"adaptive"},"output_config":{"effort":"low"}}""")]
    [InlineData("global.anthropic.claude-opus-4-7", ReasoningEffort.Max, """{"thinking":{"type":"adaptive"},"output_config":{"effort":"max"}}""")]
    [InlineData("anthropic.claude-mythos-preview", ReasoningEffort.Medium, """{"thinking":{"type":"adaptive"},"output_config":{"effort":"medium"}}""")]
    [InlineData("arn:aws:bedrock:us-east-1:123456789012:inference-profile/us.anthropic.claude-opus-4-6-v1", ReasoningEffort.High, """{"thinking":{"type":"adaptive"},"output_config":{"effort":"high"}}""")]
    [InlineData("anthropic.claude-sonnet-4-5-20250929-v1:0", ReasoningEffort.High, """{"thinking":{"type":"enabled","budget_tokens":16384}}""")]
    [InlineData("anthropic.claude-opus-4-1-20250805-v1:0", ReasoningEffort.Low, """{"thinking":{"type":"enabled","budget_tokens":2048}}""")]
    [InlineData("us.anthropic.claude-3-7-sonnet-20250219-v1:0", ReasoningEffort.Medium, """{"thinking":{"type":"enabled","budget_tokens":8192}}""")]
    [InlineData("anthropic.claude-3-5-sonnet-20240620-v1:0", ReasoningEffort.High, null)]
    [InlineData("amazon.nova-pro-v1:0", ReasoningEffort.High, null)]
    [InlineData("amazon.nova-2-lite-v1:0", ReasoningEffort.Low, """{"reasoningConfig":{"type":"enabled","maxReasoningEffort":"low"}}""")]
    [InlineData("us.amazon.nova-2-lite-v1:0", ReasoningEffort.Medium, """{"reasoningConfig":{"type":"enabled","maxReasoningEffort":"medium"}}""")]
    [InlineData("global.amazon.nova-2-lite-v1:0", ReasoningEffort.High, """{"reasoningConfig":{"type":"enabled","maxReasoningEffort":"high"}}""")]
    [InlineData("amazon.nova-2-pro-preview-20251202-v1:0", ReasoningEffort.Max, """{"reasoningConfig":{"type":"enabled","maxReasoningEffort":"high"}}""")]
    [InlineData("amazon.nova-2-lite-v1:0", ReasoningEffort.Off, null)]
    [InlineData("openai.gpt-oss-120b-1:0", ReasoningEffort.Low, """{"reasoning_effort":"low"}""")]
    [InlineData("openai.gpt-oss-20b-1:0", ReasoningEffort.High, """{"reasoning_effort":"high"}""")]
    [InlineData("openai.gpt-oss-120b-1:0", ReasoningEffort.Max, """{"reasoning_effort":"high"}""")]
    [InlineData("openai.gpt-oss-120b-1:0", ReasoningEffort.Off, null)]
    [InlineData("deepseek.r1-v1:0", ReasoningEffort.High, null)]
    [InlineData("us.deepseek.r1-v1:0", ReasoningEffort.Off, null)]
    [InlineData("anthropic.claude-opus-4-6-v1", ReasoningEffort.Off, null)]
    public void EffortMapsPerModelFamily(string modelId, ReasoningEffort effort, string? expected)
    {
        var request = new ConverseRequest(modelId) { ReasoningEffort = effort }.AddUser("q");
        var body = JsonNode.Parse(ConverseRequestWriter.Serialize(request, streaming: true))!;
        Assert.Equal(expected, body["additionalModelRequestFields"]?.ToJsonString());
    }

    [Fact]
    public void DeclaredReasoningModelReasonsByDefault()
    {
        var adaptive = new ConverseRequest("anthropic.claude-opus-4-6-v1") { Model = Model("anthropic.claude-opus-4-6-v1", reasoning: true) }.AddUser("q");
        Assert.Equal("""{"thinking":{"type":"adaptive"}}""", Fields(adaptive));

        var notReasoning = new ConverseRequest("anthropic.claude-opus-4-6-v1") { Model = Model("anthropic.claude-opus-4-6-v1", reasoning: false) }.AddUser("q");
        Assert.Null(Fields(notReasoning));
    }

    [Theory]
    [InlineData("amazon.nova-2-lite-v1:0", """{"reasoningConfig":{"type":"enabled","maxReasoningEffort":"medium"}}""")]
    [InlineData("openai.gpt-oss-120b-1:0", """{"reasoning_effort":"medium"}""")]
    [InlineData("deepseek.r1-v1:0", null)]
    public void DeclaredReasoningModelsOfOtherVendorsReasonAtMedium(string modelId, string? expected)
    {
        var request = new ConverseRequest(modelId) { Model = Model(modelId, reasoning: true) }.AddUser("q");

        Assert.Equal(expected, Fields(request));
    }

    [Fact]
    public void TheCallersOwnReasoningFieldWinsForEveryFamily()
    {
        var nova = new JsonObject { ["reasoningConfig"] = new JsonObject { ["type"] = "disabled" } };
        var novaRequest = new ConverseRequest("amazon.nova-2-lite-v1:0") { ReasoningEffort = ReasoningEffort.High, AdditionalModelRequestFields = nova }.AddUser("q");
        Assert.Equal("""{"reasoningConfig":{"type":"disabled"}}""", Fields(novaRequest));

        var openAi = new JsonObject { ["reasoning_effort"] = "low", ["other"] = 1 };
        var openAiRequest = new ConverseRequest("openai.gpt-oss-120b-1:0") { ReasoningEffort = ReasoningEffort.High, AdditionalModelRequestFields = openAi }.AddUser("q");
        Assert.Equal("""{"reasoning_effort":"low","other":1}""", Fields(openAiRequest));
        Assert.Equal("""{"reasoning_effort":"low","other":1}""", openAi.ToJsonString());
    }

    private const string BudgetModel = "anthropic.claude-sonnet-4-20250514-v1:0";

    [Fact]
    public void ABudgetThatFitsIsSentWithTheModelsMaxTokens()
    {
        var request = new ConverseRequest(BudgetModel) { Model = Model(BudgetModel, reasoning: true, maxTokens: 64000), ReasoningEffort = ReasoningEffort.High }.AddUser("q");

        Assert.Equal((16384, 64000), BudgetAndMaxTokens(request));
    }

    [Fact]
    public void MaxEffortIsLoweredToFitTheModelsMaxTokensWhichIsNotRaised()
    {
        var request = new ConverseRequest(BudgetModel) { Model = Model(BudgetModel, reasoning: true, maxTokens: 32000), ReasoningEffort = ReasoningEffort.Max }.AddUser("q");

        Assert.Equal((32000 - 4096, 32000), BudgetAndMaxTokens(request));
    }

    [Fact]
    public void AnExplicitBudgetIsLoweredToFitTheCallersMaxTokensWhichIsNotRaised()
    {
        var request = new ConverseRequest(BudgetModel)
        {
            Model = Model(BudgetModel, reasoning: true, maxTokens: 64000),
            InferenceConfig = new InferenceConfig { MaxTokens = 4096 },
            ReasoningBudgetTokens = 10000,
        }.AddUser("q");
        Assert.Equal((1024, 4096), BudgetAndMaxTokens(request));

        request.ReasoningBudgetTokens = 500;
        Assert.Equal((1024, 4096), BudgetAndMaxTokens(request));
    }

    [Fact]
    public void WithNoLimitAnywhereMaxTokensLeavesRoomForTheAnswer()
    {
        var request = new ConverseRequest(BudgetModel) { ReasoningEffort = ReasoningEffort.Medium }.AddUser("q");

        Assert.Equal((8192, 8192 + 4096), BudgetAndMaxTokens(request));
    }

    [Fact]
    public void AskingForReasoningWithMaxTokensTooSmallForAnyBudgetSaysSo()
    {
        var request = new ConverseRequest(BudgetModel)
        {
            Model = Model(BudgetModel, reasoning: true, maxTokens: 32000),
            InferenceConfig = new InferenceConfig { MaxTokens = 1000 },
            ReasoningEffort = ReasoningEffort.Low,
        }.AddUser("q");

        var error = Assert.Throws<ArgumentException>(() => ConverseRequestWriter.Serialize(request, streaming: true));

        Assert.Contains("maxTokens 1000", error.Message, StringComparison.Ordinal);
        Assert.Contains("at least 1024", error.Message, StringComparison.Ordinal);
        Assert.Contains("ReasoningEffort.Off", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ADeclaredReasoningModelWithMaxTokensTooSmallForAnyBudgetAnswersWithoutThinking()
    {
        var request = new ConverseRequest(BudgetModel)
        {
            Model = Model(BudgetModel, reasoning: true, maxTokens: 32000),
            InferenceConfig = new InferenceConfig { MaxTokens = 1000 },
        }.AddUser("q");
        var body = JsonNode.Parse(ConverseRequestWriter.Serialize(request, streaming: true))!;

        Assert.Null(body["additionalModelRequestFields"]);
        Assert.Equal(1000, body["inferenceConfig"]!["maxTokens"]!.GetValue<int>());
    }

    private static (int Budget, int MaxTokens) BudgetAndMaxTokens(ConverseRequest request)
    {
        var body = JsonNode.Parse(ConverseRequestWriter.Serialize(request, streaming: true))!;
        return (body["additionalModelRequestFields"]!["thinking"]!["budget_tokens"]!.GetValue<int>(), body["inferenceConfig"]!["maxTokens"]!.GetValue<int>());
    }

    [Fact]
    public void CallerSetFieldsAreNeverOverwrittenNorMutated()
    {
        var callerFields = new JsonObject { ["thinking"] = new JsonObject { ["type"] = "disabled" } };
        var request = new ConverseRequest("anthropic.claude-opus-4-6-v1") { ReasoningEffort = ReasoningEffort.High, AdditionalModelRequestFields = callerFields }.AddUser("q");
        Assert.Equal("""{"thinking":{"type":"disabled"}}""", Fields(request));

        var withOutputConfig = new JsonObject { ["output_config"] = new JsonObject { ["effort"] = "low" } };
        var second = new ConverseRequest("anthropic.claude-opus-4-6-v1") { ReasoningEffort = ReasoningEffort.High, AdditionalModelRequestFields = withOutputConfig }.AddUser("q");
        Assert.Equal("""{"output_config":{"effort":"low"},"thinking":{"type":"adaptive"}}""", Fields(second));
        Assert.Equal("""{"output_config":{"effort":"low"}}""", withOutputConfig.ToJsonString());
    }

    private static string? Fields(ConverseRequest request)
        => JsonNode.Parse(ConverseRequestWriter.Serialize(request, streaming: true))!["additionalModelRequestFields"]?.ToJsonString();

    private static ModelDefinition Model(string id, bool reasoning, int maxTokens = 8192)
        => new() { Id = id, Name = id, Reasoning = reasoning, MaxTokens = maxTokens };
}
