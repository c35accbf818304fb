namespace Clawdbot.Sdk;

/// <summary>The vectors of one embedding request, in the order of its texts, and what the calls behind it used.</summary>
public sealed class EmbeddingResult
{
    /// <summary>Creates a result; the client builds these (tests of callers may too).</summary>
    public EmbeddingResult(string modelId, IReadOnlyList<ReadOnlyMemory<float>> embeddings, int inputTokens, IReadOnlyList<string> requestIds)
    {
        ArgumentException.ThrowIfNullOrEmpty(modelId);
        ArgumentNullException.ThrowIfNull(embeddings);
        ArgumentNullException.ThrowIfNull(requestIds);
        ModelId = modelId;
        Embeddings = embeddings;
        InputTokens = inputTokens;
        RequestIds = requestIds;
    }

    /// <summary>The model id invoked (an inference profile's when the call was routed through one).</summary>
    public string ModelId { get; }

    /// <summary>One vector per text, in the order the texts were given.</summary>
    public IReadOnlyList<ReadOnlyMemory<float>> Embeddings { get; }

    /// <summary>The input tokens of all the calls together, as Bedrock counted them.</summary>
    public int InputTokens { get; }

    /// <summary>The <c>x-amzn-RequestId</c> of each InvokeModel call, in the order of the texts they carried.</summary>
    public IReadOnlyList<string> RequestIds { get; }
}
