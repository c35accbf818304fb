using Clawdbot.Sdk;

// Beside AsIChatClient, in Microsoft.Extensions.AI: `using Microsoft.Extensions.AI;` is all a caller writes.
namespace Microsoft.Extensions.AI;

/// <summary>Microsoft.Extensions.AI embedding generators over Bedrock clients and declared embedding models.</summary>
public static class ClawdbotBedrockEmbeddingGeneratorExtensions
{
    /// <summary>
    /// An <see cref="IEmbeddingGenerator{TInput, TEmbedding}"/> embedding with <paramref name="modelId"/> (Titan Text
    /// Embeddings V2, Cohere Embed v3 or v4) through <paramref name="client"/>.
    /// </summary>
    /// <exception cref="NotSupportedException"><paramref name="modelId"/> is no embedding model the SDK knows.</exception>
    public static IEmbeddingGenerator<string, Embedding<float>> AsIEmbeddingGenerator(this BedrockClient client, string modelId, EmbeddingOptions? defaultOptions = null)
        => new BedrockEmbeddingGenerator(client, modelId, defaultOptions);

    /// <summary>
    /// An <see cref="IEmbeddingGenerator{TInput, TEmbedding}"/> for a declared embedding model
    /// (<c>Bedrock.Models.TitanEmbedV2.AsIEmbeddingGenerator()</c>), on the provider client as it is at each call.
    /// </summary>
    /// <exception cref="NotSupportedException">The model is no embedding model.</exception>
    public static IEmbeddingGenerator<string, Embedding<float>> AsIEmbeddingGenerator(this BedrockModel model, EmbeddingOptions? defaultOptions = null)
        => new BedrockEmbeddingGenerator(model, defaultOptions);
}
