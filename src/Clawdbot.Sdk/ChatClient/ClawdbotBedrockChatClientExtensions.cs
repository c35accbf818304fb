using Clawdbot.Sdk;

// In Microsoft.Extensions.AI, as the OpenAI and AWS adapters are: `using Microsoft.Extensions.AI;` is all a caller writes.
namespace Microsoft.Extensions.AI;

/// <summary>Microsoft.Extensions.AI views of Bedrock clients and declared models.</summary>
public static class ClawdbotBedrockChatClientExtensions
{
    /// <summary>
    /// An <see cref="IChatClient"/> calling <paramref name="modelId"/> through <paramref name="client"/>;
    /// <paramref name="model"/> (the declared definition) adds cost, reasoning defaults and max tokens.
    /// </summary>
    public static IChatClient AsIChatClient(this BedrockClient client, string modelId, ModelDefinition? model = null)
        => new BedrockChatClient(client, modelId, model);

    /// <summary>
    /// An <see cref="IChatClient"/> for a declared model (<c>Bedrock.Models.ClaudeOpus45.AsIChatClient()</c>): calls go
    /// through the model, on the provider client as it is at each call.
    /// </summary>
    public static IChatClient AsIChatClient(this BedrockModel model) => new BedrockChatClient(model);

    /// <summary>
    /// An <see cref="IChatClient"/> that fails over through <paramref name="chain"/>: the primary answers, else the
    /// next model (see <see cref="BedrockFallbackChain"/>).
    /// </summary>
    public static IChatClient AsIChatClient(this BedrockFallbackChain chain) => new BedrockChatClient(chain);
}
