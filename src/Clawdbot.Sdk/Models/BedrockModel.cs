using System.ComponentModel;
using System.Text.Json.Serialization.Metadata;

namespace Clawdbot.Sdk;

/// <summary>
/// A model declared in <c>models.json5</c>, as the source generator emits it (<c>Bedrock.Models.ClaudeOpus45</c>):
/// its declared definition, and the calls that stream from it through the provider's client.
/// </summary>
public sealed class BedrockModel
{
    private readonly BedrockClientProvider _clients;
    private readonly Func<ClawdbotConfig, ModelDefinition>? _select;
    private readonly BedrockModel? _primary;
    private ModelDefinition? _definition;
    private BedrockFallbackChain? _chain;

    /// <summary>
    /// Creates the descriptor of <paramref name="definition"/>, declared under <paramref name="providerId"/>, calling
    /// through the client <paramref name="clients"/> hands out for that provider. The generated <c>Bedrock.Models</c>
    /// calls this; an application rarely needs to.
    /// </summary>
    public BedrockModel(BedrockClientProvider clients, string providerId, ModelDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(clients);
        ArgumentException.ThrowIfNullOrEmpty(providerId);
        ArgumentNullException.ThrowIfNull(definition);
        _clients = clients;
        ProviderId = providerId;
        _definition = definition;
    }

    private BedrockModel(BedrockClientProvider clients, string providerId, Func<ClawdbotConfig, ModelDefinition> select)
    {
        _clients = clients;
        ProviderId = providerId;
        _select = select;
    }

    /// <summary>
    /// The descriptor of generated code: its definition is taken from <paramref name="clients"/>' config by
    /// <paramref name="select"/> on first use, so creating it never reads the config (nor throws).
    /// </summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static BedrockModel Declared(BedrockClientProvider clients, string providerId, Func<ClawdbotConfig, ModelDefinition> select)
    {
        ArgumentNullException.ThrowIfNull(clients);
        ArgumentException.ThrowIfNullOrEmpty(providerId);
        ArgumentNullException.ThrowIfNull(select);
        return new BedrockModel(clients, providerId, select);
    }

    // The default model: the primary's descriptor whose calls go through the config's fallback chain.
    private BedrockModel(BedrockModel primary)
    {
        _clients = primary._clients;
        ProviderId = primary.ProviderId;
        _primary = primary;
    }

    /// <summary>
    /// <c>Bedrock.Models.Default</c> of generated code: <paramref name="primary"/>, whose calls fail over through
    /// <c>agents.defaults.model.fallbacks</c> (see <see cref="FallbackChain"/>). Reads nothing (nor throws) until used.
    /// </summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static BedrockModel DeclaredDefault(BedrockModel primary)
    {
        ArgumentNullException.ThrowIfNull(primary);
        return primary._primary is null ? new BedrockModel(primary) : primary;
    }

    /// <summary>
    /// For <c>Bedrock.Models.Default</c>: the chain its calls go through, this model then each usable fallback of
    /// <c>agents.defaults.model.fallbacks</c> (built from the config on first use); null for any other descriptor,
    /// whose calls go to its model alone.
    /// </summary>
    public BedrockFallbackChain? FallbackChain
        => _primary is null ? null : _chain ??= BedrockFallbackChain.ForPrimary(_clients, _primary);

    /// <summary>The provider the model is declared under, for example <c>amazon-bedrock</c>.</summary>
    public string ProviderId { get; }

    /// <exception cref="InvalidOperationException">The generated config's enum-valued <c>${NAME}</c> is unset or invalid.</exception>
    public ModelDefinition Definition => _definition ??= _primary?.Definition ?? _select!(_clients.Config);

    /// <summary>The Bedrock model id (or inference profile id / ARN) as declared.</summary>
    public string Id => Definition.Id;

    /// <summary>The <c>provider/id</c> reference, as <c>agents.defaults.model.primary</c> writes it.</summary>
    public string Ref => ProviderId + "/" + Definition.Id;

    /// <summary>The declared display name.</summary>
    public string Name => Definition.Name;

    /// <summary>
    /// Whether the model is declared as reasoning; such a model is asked to reason at <see
    /// cref="ReasoningEffort.Medium"/> unless a request says otherwise.
    /// </summary>
    public bool Reasoning => Definition.Reasoning;

    /// <summary>What the model accepts in a prompt (text, images).</summary>
    public IReadOnlyList<ModelInput> Input => Definition.Input;

    /// <summary>The declared prices, in USD per one million tokens; they give each call's cost.</summary>
    public ModelCost Cost => Definition.Cost;

    /// <summary>The declared context window, in tokens.</summary>
    public int ContextWindow => Definition.ContextWindow;

    /// <summary>The declared max tokens of an answer, sent unless a request sets its own.</summary>
    public int MaxTokens => Definition.MaxTokens;

    /// <summary>
    /// The model's <c>agents.defaults.models["provider/id"].params</c> that this SDK applies (temperature, max tokens,
    /// thinking level, cache retention), read from the config on each use; null when it has none. A request's own
    /// values win over them.
    /// </summary>
    public AgentModelParams? Params => _clients.Config.AgentDefaults.ParamsFor(ProviderId, Id);

    /// <summary>The client this model's calls go through (created from the declared config on first use).</summary>
    public BedrockClient Client => _clients.GetClient(ProviderId);

    /// <summary>A request for this model holding one user message; add to it before sending.</summary>
    public ConverseRequest CreateRequest(string prompt)
    {
        ArgumentNullException.ThrowIfNull(prompt);
        var request = new ConverseRequest(Id) { Model = Definition, Params = Params };
        request.Messages.Add(Message.User(prompt));
        return request;
    }

    /// <summary>
    /// Streams the answer to <paramref name="prompt"/>. A model Bedrock serves only through inference profiles is routed
    /// by the client through the profile of its region, under this config's <c>models.bedrockDiscovery</c> settings;
    /// <see cref="MessageStart"/> and the aggregated result name the id actually invoked. For
    /// <c>Bedrock.Models.Default</c> the call fails over through <see cref="FallbackChain"/>.
    /// </summary>
    public IAsyncEnumerable<StreamUpdate> StreamAsync(string prompt, CancellationToken cancellationToken = default)
        => StreamAsync(CreateRequest(prompt), cancellationToken);

    /// <inheritdoc cref="StreamAsync(string, CancellationToken)"/>
    public IAsyncEnumerable<StreamUpdate> StreamAsync(ConverseRequest request, CancellationToken cancellationToken = default)
        => FallbackChain is { } chain
            ? chain.StreamAsync(request, cancellationToken)
            : Client.ConverseStreamAsync(ForThisModel(request), _clients.Config, cancellationToken);

    /// <summary>
    /// Sends <paramref name="prompt"/> and returns the whole answer (the Converse API), routed (and, for
    /// <c>Bedrock.Models.Default</c>, failed over) as <see cref="StreamAsync(string, CancellationToken)"/> is.
    /// </summary>
    public Task<ConverseResult> CompleteAsync(string prompt, CancellationToken cancellationToken = default)
        => CompleteAsync(CreateRequest(prompt), cancellationToken);

    /// <inheritdoc cref="CompleteAsync(string, CancellationToken)"/>
    public Task<ConverseResult> CompleteAsync(ConverseRequest request, CancellationToken cancellationToken = default)
        => FallbackChain is { } chain
            ? chain.CompleteAsync(request, cancellationToken)
            : Client.ConverseAsync(ForThisModel(request), _clients.Config, cancellationToken);

    /// <summary>
    /// Asks for a <typeparamref name="T"/> (structured output) and returns it with the call's result (usage, cost, raw
    /// text). The schema comes from <paramref name="typeInfo"/>, a System.Text.Json source-generated contract (see
    /// <see cref="OutputFormat.ForJsonSchema{T}(JsonTypeInfo{T}, string?, string?)"/>), so no reflection is used.
    /// Routed and failed over as <see cref="CompleteAsync(string, CancellationToken)"/> is.
    /// </summary>
    /// <exception cref="BedrockException">The call failed; or, with <see cref="BedrockErrorKind.InvalidStructuredOutput"/>,
    /// the answer is not a <typeparamref name="T"/> (<see cref="BedrockException.PartialResult"/> holds it, with usage).</exception>
    public Task<StructuredResult<T>> CompleteAsync<T>(string prompt, JsonTypeInfo<T> typeInfo, CancellationToken cancellationToken = default)
        => CompleteAsync(CreateRequest(prompt), typeInfo, cancellationToken);

    /// <inheritdoc cref="CompleteAsync{T}(string, JsonTypeInfo{T}, CancellationToken)"/>
    /// <remarks>A request that sets its own <see cref="ConverseRequest.OutputFormat"/> keeps it.</remarks>
    public async Task<StructuredResult<T>> CompleteAsync<T>(ConverseRequest request, JsonTypeInfo<T> typeInfo, CancellationToken cancellationToken = default)
    {
        var structured = StructuredAnswer.For(request, typeInfo);
        var result = await CompleteAsync(structured, cancellationToken).ConfigureAwait(false);
        return StructuredAnswer.Read(result, typeInfo);
    }

    /// <summary>
    /// Counts the input tokens of <paramref name="prompt"/> as one user message (Bedrock's CountTokens; nothing is
    /// generated or billed). CountTokens serves some Anthropic Claude models only, and takes foundation model ids: a
    /// profile id is counted for its model. Another model gets <see cref="BedrockException"/>
    /// (<see cref="BedrockErrorKind.Validation"/>). <c>Bedrock.Models.Default</c> counts for its primary model.
    /// </summary>
    public Task<TokenCount> CountTokensAsync(string prompt, CancellationToken cancellationToken = default)
        => CountTokensAsync(CreateRequest(prompt), cancellationToken);

    /// <summary>Counts the input tokens of <paramref name="request"/>'s messages, system prompt and tools; see <see cref="CountTokensAsync(string, CancellationToken)"/>.</summary>
    public Task<TokenCount> CountTokensAsync(ConverseRequest request, CancellationToken cancellationToken = default)
        => Client.CountTokensAsync(ForThisModel(request), _clients.Config, cancellationToken);

    /// <summary>
    /// Embeds <paramref name="texts"/> with this model, when it is an embedding model (Titan Text Embeddings V2, Cohere
    /// Embed v3 or v4; see <see cref="BedrockClient.EmbedAsync(string, IEnumerable{string}, EmbeddingOptions?, CancellationToken)"/>),
    /// routed under this config's discovery settings. Embeddings do not fail over.
    /// </summary>
    /// <exception cref="NotSupportedException">The model is no embedding model; the message names those that are.</exception>
    public Task<EmbeddingResult> EmbedAsync(IEnumerable<string> texts, EmbeddingOptions? options = null, CancellationToken cancellationToken = default)
        => Client.EmbedAsync(Id, texts, options, _clients.Config, cancellationToken);

    /// <summary>Whether <see cref="Id"/> is an embedding model the SDK can call (<see cref="EmbedAsync"/>).</summary>
    internal bool IsEmbeddingModel => EmbeddingFamily.Find(Id) is not null;

    /// <summary>The config whose discovery settings route this model's calls (and other calls made on its behalf).</summary>
    internal ClawdbotConfig Config => _clients.Config;

    /// <summary>The <c>provider/id</c> reference (<see cref="Ref"/>).</summary>
    public override string ToString() => Ref;

    private ConverseRequest ForThisModel(ConverseRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!string.Equals(request.ModelId, Id, StringComparison.Ordinal))
        {
            throw new ArgumentException($"The request is for model '{request.ModelId}', not '{Id}'. Use {nameof(CreateRequest)} to start one for this model.", nameof(request));
        }

        var parameters = request.Params is null ? Params : null;
        if (request.Model is not null && parameters is null)
        {
            return request;
        }

        // The caller's request is never changed: one without the model's definition or params is sent as a copy that has them.
        var copy = request.WithModelId(request.ModelId);
        copy.Model ??= Definition;
        copy.Params ??= parameters;
        return copy;
    }
}
