using System.Text.Json;
using Clawdbot.Sdk.Testing;
using Clawdbot.Sdk.Tests.Runtime;
using Microsoft.Extensions.AI;

namespace Clawdbot.Sdk.Tests.ChatClient;

/// <summary>An emulator with a chat client bound to a model, and access to the JSON bodies it received.</summary>
internal sealed class ChatHarness : IAsyncDisposable
{
    public const string ModelId = "anthropic.claude-3-haiku-20240307-v1:0";

    private ChatHarness(LocalBedrock bedrock, BedrockClient client, BedrockChatClient chat)
    {
        Bedrock = bedrock;
        Client = client;
        Chat = chat;
    }

    public LocalBedrock Bedrock { get; }

    public BedrockClient Client { get; }

    public BedrockChatClient Chat { get; }

    public static async Task<ChatHarness> StartAsync(ModelDefinition? model = null, string modelId = ModelId)
    {
        var bedrock = await LocalBedrock.StartAsync();
        var client = RuntimeTestSupport.Client(bedrock, options => options.MaxAttempts = 1);
        return new ChatHarness(bedrock, client, new BedrockChatClient(client, modelId, model));
    }

    /// <summary>The body of runtime request <paramref name="index"/> (negative counts from the end).</summary>
    public JsonElement Body(int index = -1)
    {
        var runtime = Bedrock.Requests.Where(r => r.ModelId is not null).ToList();
        var request = runtime[index < 0 ? runtime.Count + index : index];
        using var document = JsonDocument.Parse(request.Body);
        return document.RootElement.Clone();
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Bedrock.DisposeAsync();
    }
}
