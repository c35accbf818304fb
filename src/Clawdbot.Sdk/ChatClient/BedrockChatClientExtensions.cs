using Microsoft.Extensions.AI;

namespace Clawdbot.Sdk;

/// <summary>Microsoft.Extensions.AI views of Bedrock clients and declared models.</summary>
public static class BedrockChatClientExtensions
{
    /// <summary>
    /// An <see cref="IChatClient"/> calling <paramref name="modelId"/> through <paramref name="client"/>;
    /// <paramref name="model"/> (the declared definition) adds cost, reasoning defaults and max tokens.
    /// </summary>
    public static IChatClient AsChatClient(this BedrockClient client, string modelId, ModelDefinition? model = null)
        => new BedrockChatClient(client, modelId, model);

    /// <summary>
    /// An <see cref="IChatClient"/> for a declared model (<c>Bedrock.Models.ClaudeOpus45.AsChatClient()</c>): calls go
    /// through the model, on the provider client as it is at each call.
    /// </summary>
    public static IChatClient AsChatClient(this BedrockModel model) => new BedrockChatClient(model);
}
