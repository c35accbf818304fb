using System.ComponentModel;
using Microsoft.Extensions.AI;

namespace Clawdbot.Sdk;

/// <summary>The former names of the Microsoft.Extensions.AI views; use <c>AsIChatClient</c> (namespace <c>Microsoft.Extensions.AI</c>).</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class BedrockChatClientExtensions
{
    /// <summary>Use <see cref="ClawdbotBedrockChatClientExtensions.AsIChatClient(BedrockClient, string, ModelDefinition?)"/>.</summary>
    [Obsolete("Use AsIChatClient(modelId) (namespace Microsoft.Extensions.AI), the name Microsoft.Extensions.AI adapters share.")]
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static IChatClient AsChatClient(this BedrockClient client, string modelId, ModelDefinition? model = null)
        => client.AsIChatClient(modelId, model);

    /// <summary>Use <see cref="ClawdbotBedrockChatClientExtensions.AsIChatClient(BedrockModel)"/>.</summary>
    [Obsolete("Use AsIChatClient() (namespace Microsoft.Extensions.AI), the name Microsoft.Extensions.AI adapters share.")]
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static IChatClient AsChatClient(this BedrockModel model) => model.AsIChatClient();
}
