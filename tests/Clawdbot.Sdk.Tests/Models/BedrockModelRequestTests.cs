using Clawdbot.Sdk.Testing;
using Clawdbot.Sdk.Tests.Runtime;

namespace Clawdbot.Sdk.Tests.Models;

/// <summary>A request handed to a declared model is sent with the model's definition, and is never changed.</summary>
public sealed class BedrockModelRequestTests
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task The_callers_request_is_sent_with_the_declared_definition_and_left_unchanged(bool streaming)
    {
        await using var bedrock = await LocalBedrock.StartAsync();
        using var client = RuntimeTestSupport.Client(bedrock);
        var definition = new ModelDefinition { Id = "amazon.nova-micro-v1:0", Name = "Nova Micro", MaxTokens = 777, Cost = new ModelCost(1m, 1m, 0m, 0m) };
        var clients = new BedrockClientProvider(new ClawdbotConfig());
        clients.Use(client);
        var model = new BedrockModel(clients, "amazon-bedrock", definition);
        var request = new ConverseRequest(model.Id).AddUser("Hi");
        bedrock.Enqueue(Script.Stream().Text("Hello").Usage(input: 1000, output: 1000).Stop("end_turn"));

        var result = streaming ? await model.StreamAsync(request).ToResultAsync() : await model.CompleteAsync(request);

        Assert.Null(request.Model);
        Assert.Single(request.Messages);
        Assert.Contains("\"maxTokens\":777", bedrock.Requests[^1].Body);
        Assert.Equal(0.002m, result.Usage!.CostUsd); // the declared prices were applied to the copy that was sent
    }

    [Fact]
    public async Task A_request_for_another_model_is_refused()
    {
        var model = new BedrockModel(new BedrockClientProvider(new ClawdbotConfig()), "amazon-bedrock", new ModelDefinition { Id = "amazon.nova-micro-v1:0", Name = "Nova Micro" });

        var error = await Assert.ThrowsAsync<ArgumentException>(() => model.CompleteAsync(new ConverseRequest("amazon.nova-lite-v1:0").AddUser("Hi")));

        Assert.Equal("request", error.ParamName);
    }
}
