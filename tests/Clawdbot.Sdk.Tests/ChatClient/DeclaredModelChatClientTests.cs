using Clawdbot.Sdk.Testing;
using Clawdbot.Sdk.Tests.Runtime;
using Microsoft.Extensions.AI;

namespace Clawdbot.Sdk.Tests.ChatClient;

/// <summary><c>Bedrock.Models.X.AsIChatClient()</c>: a declared model as an IChatClient.</summary>
public sealed class DeclaredModelChatClientTests
{
    [Fact]
    public async Task A_declared_model_calls_through_the_client_its_provider_uses_at_call_time()
    {
        await using var bedrock = await LocalBedrock.StartAsync();
        using var client = RuntimeTestSupport.Client(bedrock);
        var definition = new ModelDefinition { Id = "amazon.nova-micro-v1:0", Name = "Nova Micro", MaxTokens = 777, Cost = new ModelCost(1m, 1m, 0m, 0m) };
        var config = new ClawdbotConfig();
        var clients = new BedrockClientProvider(config);
        var model = new BedrockModel(clients, "amazon-bedrock", definition);

        using var chat = model.AsIChatClient();
        // Routed after the chat client was created, as a test or host does with Bedrock.Clients.Use(...).
        clients.Use(client);
        var response = await chat.GetResponseAsync("Hi");

        Assert.Equal("You said: Hi", response.Text);
        Assert.Equal("amazon.nova-micro-v1:0", bedrock.Requests[^1].ModelId);
        Assert.Contains("\"maxTokens\":777", bedrock.Requests[^1].Body);
        Assert.NotNull(response.AdditionalProperties?[BedrockChatUsage.CostUsdKey]);
        Assert.Equal("amazon.nova-micro-v1:0", chat.GetService<ChatClientMetadata>()?.DefaultModelId);
    }

    [Fact]
    public async Task The_obsolete_AsChatClient_names_still_return_working_chat_clients()
    {
        await using var bedrock = await LocalBedrock.StartAsync();
        using var client = RuntimeTestSupport.Client(bedrock);
        var definition = new ModelDefinition { Id = "amazon.nova-micro-v1:0", Name = "Nova Micro", MaxTokens = 555, Cost = new ModelCost(1m, 1m, 0m, 0m) };
        var clients = new BedrockClientProvider(new ClawdbotConfig());
        clients.Use(client);
        var model = new BedrockModel(clients, "amazon-bedrock", definition);

#pragma warning disable CS0618 // the forwarders under test
        using var fromModel = BedrockChatClientExtensions.AsChatClient(model);
        using var fromClient = BedrockChatClientExtensions.AsChatClient(client, "amazon.nova-lite-v1:0");
#pragma warning restore CS0618

        Assert.Equal("You said: one", (await fromModel.GetResponseAsync("one")).Text);
        Assert.Equal("amazon.nova-micro-v1:0", bedrock.Requests[^1].ModelId);
        Assert.Contains("\"maxTokens\":555", bedrock.Requests[^1].Body);
        Assert.Equal("You said: two", (await fromClient.GetResponseAsync("two")).Text);
        Assert.Equal("amazon.nova-lite-v1:0", bedrock.Requests[^1].ModelId);
    }
}
