namespace Clawdbot.Sdk;

/// <summary>
/// How <see cref="BedrockClient.EmbedAsync(string, IEnumerable{string}, EmbeddingOptions?, CancellationToken)"/>
/// embeds: each setting left null takes the model's default. A setting the model does not have is refused before any
/// call (an <see cref="ArgumentException"/> naming what the model accepts).
/// </summary>
public sealed class EmbeddingOptions
{
    /// <summary>
    /// The length of each vector: 256, 512 or 1024 for Titan Text Embeddings V2 (default 1024), 256, 512, 1024 or 1536
    /// for Cohere Embed v4 (default 1536); Cohere Embed v3 gives 1024 only.
    /// </summary>
    public int? Dimensions { get; set; }

    /// <summary>Whether Titan Text Embeddings V2 scales each vector to length 1 (Bedrock's default: true). Titan only.</summary>
    public bool? Normalize { get; set; }

    /// <summary>
    /// What the texts are for, for Cohere Embed (default <see cref="EmbeddingInputType.SearchDocument"/>, since Bedrock
    /// requires one). Cohere only.
    /// </summary>
    public EmbeddingInputType? InputType { get; set; }

    internal EmbeddingOptions Clone() => new() { Dimensions = Dimensions, Normalize = Normalize, InputType = InputType };
}
