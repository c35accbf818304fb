namespace Clawdbot.Sdk;

/// <summary>
/// The embedding models the SDK speaks to through InvokeModel, known by their id (with or without a region profile
/// prefix such as <c>us.</c>, or as a foundation-model or system-profile ARN), and what each accepts. The one place
/// that says which ids are embedding models, how many texts one call carries and which dimensions are valid.
/// </summary>
internal sealed class EmbeddingFamily
{
    /// <summary>Cohere's limit on <c>texts</c> per call.</summary>
    public const int CohereTextsPerCall = 96;

    public static readonly EmbeddingFamily TitanTextV2 = new("amazon.titan-embed-text-v2", "Amazon Titan Text Embeddings V2", EmbeddingWireKind.Titan, textsPerCall: 1, [256, 512, 1024], 1024);

    public static readonly EmbeddingFamily CohereEnglishV3 = new("cohere.embed-english-v3", "Cohere Embed English v3", EmbeddingWireKind.CohereV3, CohereTextsPerCall, [1024], 1024);

    public static readonly EmbeddingFamily CohereMultilingualV3 = new("cohere.embed-multilingual-v3", "Cohere Embed Multilingual v3", EmbeddingWireKind.CohereV3, CohereTextsPerCall, [1024], 1024);

    public static readonly EmbeddingFamily CohereV4 = new("cohere.embed-v4", "Cohere Embed v4", EmbeddingWireKind.CohereV4, CohereTextsPerCall, [256, 512, 1024, 1536], 1536);

    private static readonly EmbeddingFamily[] All = [TitanTextV2, CohereEnglishV3, CohereMultilingualV3, CohereV4];

    private EmbeddingFamily(string idPrefix, string name, EmbeddingWireKind wire, int textsPerCall, int[] dimensions, int defaultDimensions)
    {
        IdPrefix = idPrefix;
        Name = name;
        Wire = wire;
        TextsPerCall = textsPerCall;
        Dimensions = dimensions;
        DefaultDimensions = defaultDimensions;
    }

    /// <summary>The foundation-model id without its version suffix (<c>:0</c>).</summary>
    public string IdPrefix { get; }

    public string Name { get; }

    public EmbeddingWireKind Wire { get; }

    /// <summary>How many texts one InvokeModel call carries: Titan embeds one, Cohere up to 96.</summary>
    public int TextsPerCall { get; }

    public IReadOnlyList<int> Dimensions { get; }

    public int DefaultDimensions { get; }

    /// <summary>The families by name and id, for messages.</summary>
    public static string Supported => string.Join(", ", All.Select(f => $"{f.Name} ({f.IdPrefix})"));

    /// <summary>
    /// The family of <paramref name="modelId"/>, or null when it is no embedding model this SDK knows. The id is read
    /// as every other model id is (<see cref="InferenceProfileIds.FoundationModelIdOf"/>): a system profile's geo prefix
    /// and a foundation-model or system-profile ARN name their model; an application profile's ARN does not.
    /// </summary>
    public static EmbeddingFamily? Find(string? modelId)
    {
        if (string.IsNullOrEmpty(modelId) || InferenceProfileIds.FoundationModelIdOf(modelId) is not { } id)
        {
            return null;
        }

        return Array.Find(All, family => Matches(id, family.IdPrefix));
    }

    /// <summary>The error for an id that is no known embedding model.</summary>
    public static NotSupportedException NotSupported(string modelId)
        => new($"'{modelId}' is not an embedding model this SDK can call. Supported: {Supported}; a region profile prefix such as 'us.' is allowed.");

    /// <summary>Refuses options the family does not have, before any call.</summary>
    public void Validate(EmbeddingOptions options, string modelId)
    {
        if (options.Dimensions is { } dimensions && !Dimensions.Contains(dimensions))
        {
            throw new ArgumentException($"{Name} ('{modelId}') gives vectors of {string.Join(", ", Dimensions)} dimensions, not {dimensions}.", nameof(options));
        }

        if (options.Normalize is not null && Wire != EmbeddingWireKind.Titan)
        {
            throw new ArgumentException($"Normalize applies to Titan Text Embeddings only; {Name} ('{modelId}') has no such setting.", nameof(options));
        }

        if (options.InputType is not null && Wire == EmbeddingWireKind.Titan)
        {
            throw new ArgumentException($"InputType applies to Cohere Embed only; {Name} ('{modelId}') has no such setting.", nameof(options));
        }

        if (options.InputType is { } inputType && !Enum.IsDefined(inputType))
        {
            throw new ArgumentException($"InputType {(int)inputType} is not an {nameof(EmbeddingInputType)}.", nameof(options));
        }
    }

    private static bool Matches(string id, string prefix)
        => id.StartsWith(prefix, StringComparison.Ordinal) && (id.Length == prefix.Length || id[prefix.Length] == ':');
}

/// <summary>The request and response shapes InvokeModel takes for an embedding family.</summary>
internal enum EmbeddingWireKind
{
    /// <summary><c>{"inputText", "dimensions", "normalize"}</c> → <c>{"embedding", "inputTextTokenCount"}</c>.</summary>
    Titan,

    /// <summary><c>{"texts", "input_type"}</c> → <c>{"embeddings": [[…]]}</c>.</summary>
    CohereV3,

    /// <summary><c>{"texts", "input_type", "output_dimension", "embedding_types"}</c> → <c>{"embeddings": {"float": [[…]]}}</c>.</summary>
    CohereV4,
}
