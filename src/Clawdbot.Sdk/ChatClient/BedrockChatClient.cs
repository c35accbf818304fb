using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;

namespace Clawdbot.Sdk;

/// <summary>
/// A <see cref="BedrockClient"/> seen as a Microsoft.Extensions.AI <see cref="IChatClient"/> bound to one model.
/// </summary>
/// <remarks>
/// <para><see cref="GetResponseAsync"/> calls Converse, <see cref="GetStreamingResponseAsync"/> ConverseStream. Text,
/// reasoning (<see cref="TextReasoningContent"/>, its <see cref="TextReasoningContent.ProtectedData"/> holding the
/// signature, or the base64 bytes of redacted reasoning), tool calls (<see cref="FunctionCallContent"/> /
/// <see cref="FunctionResultContent"/>), images and documents (<see cref="DataContent"/>) and usage map both ways,
/// so a conversation built from responses can be sent again as is.</para>
/// <para>When <see cref="ChatOptions.RawRepresentationFactory"/> returns a <see cref="ConverseRequest"/>, it is the
/// base of the call: the options and messages only fill what it leaves unset. Failures surface as
/// <see cref="BedrockException"/>. The chat client does not own the <see cref="BedrockClient"/> and does not dispose it.</para>
/// </remarks>
public sealed class BedrockChatClient : IChatClient
{
    /// <summary>The provider name in <see cref="ChatClientMetadata"/> and telemetry.</summary>
    public const string ProviderName = "aws.bedrock";

    private readonly Func<BedrockClient> _client;
    private readonly BedrockModel? _declared;
    private readonly BedrockFallbackChain? _chain;
    private readonly AgentModelParams? _params;
    private ChatClientMetadata? _metadata;

    /// <summary>A chat client for <paramref name="modelId"/>; <paramref name="model"/> adds prices (cost), reasoning and max tokens.</summary>
    public BedrockChatClient(BedrockClient client, string modelId, ModelDefinition? model = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentException.ThrowIfNullOrWhiteSpace(modelId);
        _client = () => client;
        ModelId = modelId;
        Model = model;
    }

    /// <summary>A chat client for <paramref name="modelId"/> whose calls take <paramref name="parameters"/> (the model's <c>params</c>).</summary>
    internal BedrockChatClient(BedrockClient client, string modelId, AgentModelParams? parameters)
        : this(client, modelId)
    {
        _params = parameters;
    }

    /// <summary>
    /// A chat client for a declared model: its calls (a <see cref="ChatOptions.ModelId"/> naming another model too) are
    /// routed under the model's config, through its client as it is at call time, so that
    /// <c>Bedrock.Clients.Use(...)</c> takes effect afterwards too.
    /// </summary>
    public BedrockChatClient(BedrockModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        _declared = model;
        _client = () => model.Client;
        ModelId = model.Id;
        Model = model.Definition;
    }

    /// <summary>
    /// A chat client for a <see cref="BedrockFallbackChain"/>: calls for its primary model (no
    /// <see cref="ChatOptions.ModelId"/>, or the primary's) fail over through the chain; a call naming another model goes
    /// to that model alone, through the primary's client.
    /// </summary>
    public BedrockChatClient(BedrockFallbackChain chain)
        : this(chain?.Primary ?? throw new ArgumentNullException(nameof(chain)))
    {
        _chain = chain;
    }

    /// <summary>The model called when <see cref="ChatOptions.ModelId"/> is not set.</summary>
    public string ModelId { get; }

    /// <summary>The declared definition of <see cref="ModelId"/>, when known.</summary>
    public ModelDefinition? Model { get; }

    /// <summary>The client the calls go through.</summary>
    public BedrockClient Client => _client();

    /// <inheritdoc/>
    public async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var request = ChatRequestMapper.ToRequest(messages, options, ModelId, Model, _declared is null ? _params : _declared.Params, this);
        var result = ChainFor(request) is { } chain
            ? await chain.CompleteAsync(request, cancellationToken).ConfigureAwait(false)
            : _declared is null
            ? await Client.ConverseAsync(request, cancellationToken).ConfigureAwait(false)
            : await Client.ConverseAsync(request, _declared.Config, cancellationToken).ConfigureAwait(false);
        return ChatResponseMapper.ToChatResponse(result);
    }

    /// <inheritdoc/>
    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages,
        ChatOptions? options = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var request = ChatRequestMapper.ToRequest(messages, options, ModelId, Model, _declared is null ? _params : _declared.Params, this);
        var mapper = new StreamingUpdateMapper(request.ModelId);
        var updates = ChainFor(request) is { } chain ? chain.StreamAsync(request, cancellationToken)
            : _declared is null ? Client.ConverseStreamAsync(request, cancellationToken)
            : Client.ConverseStreamAsync(request, _declared.Config, cancellationToken);
        await foreach (var update in updates.ConfigureAwait(false))
        {
            if (mapper.Map(update) is { } mapped)
            {
                yield return mapped;
            }
        }

        if (mapper.Finish() is { } last)
        {
            yield return last;
        }
    }

    /// <summary>
    /// Returns <see cref="ChatClientMetadata"/> (provider <c>aws.bedrock</c>, the runtime endpoint, <see cref="ModelId"/>),
    /// the <see cref="BedrockClient"/>, or this client.
    /// </summary>
    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        if (serviceKey is not null)
        {
            return null;
        }

        if (serviceType == typeof(ChatClientMetadata))
        {
            return _metadata ??= new ChatClientMetadata(ProviderName, Client.RuntimeEndpoint, ModelId);
        }

        if (serviceType == typeof(BedrockClient))
        {
            return Client;
        }

        return serviceType.IsInstanceOfType(this) ? this : null;
    }

    // Only a call for the primary fails over; one naming another model (ChatOptions.ModelId) asked for that model.
    private BedrockFallbackChain? ChainFor(ConverseRequest request)
        => (_chain ?? _declared?.FallbackChain) is { } chain && string.Equals(request.ModelId, chain.Primary.Id, StringComparison.Ordinal) ? chain : null;

    /// <summary>Does nothing: the <see cref="BedrockClient"/> belongs to whoever created it.</summary>
    public void Dispose()
    {
    }
}
