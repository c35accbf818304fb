using Microsoft.Extensions.AI;

namespace Clawdbot.Sdk;

/// <summary>
/// A <see cref="BedrockClient"/> seen as a Microsoft.Extensions.AI <see cref="IEmbeddingGenerator{TInput, TEmbedding}"/>
/// bound to one embedding model (Titan Text Embeddings V2, Cohere Embed v3 or v4).
/// </summary>
/// <remarks>
/// <para><see cref="EmbeddingGenerationOptions.Dimensions"/> sets the vector length and
/// <see cref="EmbeddingGenerationOptions.ModelId"/> another model; when
/// <see cref="EmbeddingGenerationOptions.RawRepresentationFactory"/> returns an <see cref="EmbeddingOptions"/>, its
/// settings win, then the generation options, then the generator's defaults. Usage reports the input tokens.
/// Failures surface as <see cref="BedrockException"/>. The generator does not own the <see cref="BedrockClient"/> and
/// does not dispose it.</para>
/// </remarks>
public sealed class BedrockEmbeddingGenerator : IEmbeddingGenerator<string, Embedding<float>>
{
    private readonly Func<BedrockClient> _client;
    private readonly BedrockModel? _declared;
    private readonly EmbeddingOptions? _defaults;
    private EmbeddingGeneratorMetadata? _metadata;

    /// <summary>A generator for <paramref name="modelId"/>, embedding with <paramref name="defaultOptions"/> unless a call says otherwise.</summary>
    /// <exception cref="NotSupportedException"><paramref name="modelId"/> is no embedding model the SDK knows (an ARN is checked at call time).</exception>
    public BedrockEmbeddingGenerator(BedrockClient client, string modelId, EmbeddingOptions? defaultOptions = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentException.ThrowIfNullOrWhiteSpace(modelId);
        ThrowIfNoEmbeddingModel(modelId);
        _client = () => client;
        ModelId = modelId;
        _defaults = defaultOptions?.Clone();
    }

    /// <summary>
    /// A generator for a declared embedding model: its calls go through the model's client as it is at call time, routed
    /// under the model's config.
    /// </summary>
    /// <exception cref="NotSupportedException">The model is no embedding model.</exception>
    public BedrockEmbeddingGenerator(BedrockModel model, EmbeddingOptions? defaultOptions = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ThrowIfNoEmbeddingModel(model.Id);
        _declared = model;
        _client = () => model.Client;
        ModelId = model.Id;
        _defaults = defaultOptions?.Clone();
    }

    /// <summary>The model called when <see cref="EmbeddingGenerationOptions.ModelId"/> is not set.</summary>
    public string ModelId { get; }

    /// <summary>The client the calls go through.</summary>
    public BedrockClient Client => _client();

    /// <inheritdoc/>
    public async Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(values);
        var modelId = options?.ModelId ?? ModelId;
        var settings = Settings(options);
        var result = _declared is null
            ? await Client.EmbedAsync(modelId, values, settings, cancellationToken).ConfigureAwait(false)
            : await Client.EmbedAsync(modelId, values, settings, _declared.Config, cancellationToken).ConfigureAwait(false);
        var embeddings = new GeneratedEmbeddings<Embedding<float>>(result.Embeddings.Select(vector => new Embedding<float>(vector) { ModelId = result.ModelId }))
        {
            Usage = new UsageDetails { InputTokenCount = result.InputTokens, TotalTokenCount = result.InputTokens },
            AdditionalProperties = new AdditionalPropertiesDictionary { ["RequestIds"] = result.RequestIds },
        };
        return embeddings;
    }

    /// <summary>
    /// Returns <see cref="EmbeddingGeneratorMetadata"/> (provider <c>aws.bedrock</c>, the runtime endpoint,
    /// <see cref="ModelId"/>, the dimensions it gives by default), the <see cref="BedrockClient"/>, or this generator.
    /// </summary>
    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        if (serviceKey is not null)
        {
            return null;
        }

        if (serviceType == typeof(EmbeddingGeneratorMetadata))
        {
            return _metadata ??= new EmbeddingGeneratorMetadata(
                BedrockChatClient.ProviderName, Client.RuntimeEndpoint, ModelId, _defaults?.Dimensions ?? EmbeddingFamily.Find(ModelId)?.DefaultDimensions);
        }

        if (serviceType == typeof(BedrockClient))
        {
            return Client;
        }

        return serviceType.IsInstanceOfType(this) ? this : null;
    }

    /// <summary>Does nothing: the <see cref="BedrockClient"/> belongs to whoever created it.</summary>
    public void Dispose()
    {
    }

    // The caller's raw options first, then the generation options, then the generator's defaults.
    private EmbeddingOptions Settings(EmbeddingGenerationOptions? options)
    {
        var settings = (options?.RawRepresentationFactory?.Invoke(this) as EmbeddingOptions)?.Clone() ?? new EmbeddingOptions();
        settings.Dimensions ??= options?.Dimensions ?? _defaults?.Dimensions;
        settings.Normalize ??= _defaults?.Normalize;
        settings.InputType ??= _defaults?.InputType;
        return settings;
    }

    private static void ThrowIfNoEmbeddingModel(string modelId)
    {
        // An application inference profile's ARN names no model; the call finds the model behind it.
        if (!modelId.StartsWith("arn:", StringComparison.Ordinal) && EmbeddingFamily.Find(modelId) is null)
        {
            throw EmbeddingFamily.NotSupported(modelId);
        }
    }
}
