using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Clawdbot.Sdk;

/// <summary>
/// Calls the Bedrock runtime (Converse, ConverseStream, and InvokeModel for embeddings) over one reused HTTP handler, signed with SigV4 or a
/// Bedrock API key.
/// </summary>
/// <remarks>
/// <para>Credentials are found on the first call. Order: <see cref="BedrockClientOptions.Credentials"/> /
/// <see cref="BedrockClientOptions.BearerToken"/>, the profile named by <see cref="BedrockClientOptions.Profile"/>,
/// the provider's <c>apiKey</c>, <c>AWS_BEARER_TOKEN_BEDROCK</c>, <c>AWS_ACCESS_KEY_ID</c> +
/// <c>AWS_SECRET_ACCESS_KEY</c> (+ <c>AWS_SESSION_TOKEN</c>), the profile named by <c>AWS_PROFILE</c> (else
/// <c>default</c>), web identity (<c>AWS_WEB_IDENTITY_TOKEN_FILE</c> + <c>AWS_ROLE_ARN</c>), then AWSSDK.Core's default
/// chain (container credentials, EC2 instance role), bounded by
/// <see cref="BedrockClientOptions.CredentialResolutionTimeout"/>. Credentials that expire (roles, SSO, process,
/// container, instance role) are fetched again 15 minutes before they do, under each call's timeouts.</para>
/// <para>Region and endpoints: see <see cref="Region"/>, <see cref="RuntimeEndpoint"/>, <see cref="ControlPlaneEndpoint"/>.</para>
/// <para>Calls are retried (up to <see cref="BedrockClientOptions.MaxAttempts"/>) on throttling, 5xx, connection
/// failures and timeouts, only before the first event arrived; a stream is never replayed.</para>
/// <para>Inference profiles: when Bedrock refuses a bare foundation-model id because it serves the model only through
/// inference profiles, the client learns the system profile of its region that contains it (geo prefix such as
/// <c>us.</c> first, else <c>global.</c>) by discovery on its control plane (<c>models.bedrockDiscovery</c> of the
/// config it was created from; cached in <see cref="BedrockClientOptions.DiscoveryCache"/>), remembers it and sends the
/// call again through it; <see cref="MessageStart.ModelId"/> and <see cref="ConverseResult.ModelId"/> name the profile.
/// A profile id or ARN is invoked as given. When discovery is off, fails or finds no profile, the
/// <see cref="BedrockException"/> names the profile ids to use.</para>
/// <para>The client is a facade over one internal pipeline: <see cref="BedrockLocation"/> (region and endpoints, worked
/// out without a client), <see cref="BedrockTransport"/> (credentials, signing, headers, the HTTP handler; shared by
/// model calls and discovery's control-plane listings), <see cref="InferenceProfileRouter"/> (discovery over that
/// control plane, cached in the client's own <see cref="BedrockDiscoveryCache"/>) and <see cref="CallPipeline"/> (the
/// retry-and-reroute loop of Converse and ConverseStream alike).</para>
/// </remarks>
public sealed class BedrockClient : IDisposable
{
    private readonly CallPipeline _pipeline;
    private readonly BedrockDiscoveryCache _discoveryCache;
    private readonly ILogger _logger;
    private readonly ClawdbotConfig _discoveryConfig;

    /// <summary>
    /// Creates a client; null <paramref name="options"/> uses the defaults (region, endpoint and credentials from the
    /// environment and the AWS files). Nothing is sent, and credentials are not resolved, until the first call. Throws
    /// <see cref="ArgumentException"/> for an invalid option (a timeout that is not positive, say).
    /// </summary>
    public BedrockClient(BedrockClientOptions? options = null)
        : this(Compose(options ?? new BedrockClientOptions(), location: null, headers: [], configApiKey: null, configApiKeySource: null, configGuardrail: null), discoveryConfig: new ClawdbotConfig())
    {
    }

    /// <summary>The composition root's constructor: a client over <paramref name="parts"/>.</summary>
    private BedrockClient((CallPipeline Pipeline, BedrockDiscoveryCache Cache) parts, ClawdbotConfig discoveryConfig)
    {
        (_pipeline, _discoveryCache) = parts;
        var pipeline = _pipeline;
        _discoveryConfig = discoveryConfig;
        _logger = pipeline.Options.LoggerFactory?.CreateLogger(BedrockLog.Category) ?? NullLogger.Instance;
        Cooldowns = new ModelCooldowns(pipeline.Options.TimeProvider);
    }

    /// <summary>The options the client was created with; frozen, so setting one throws <see cref="InvalidOperationException"/>.</summary>
    public BedrockClientOptions Options => _pipeline.Options;

    /// <summary>The region used to sign and to build default endpoints (invocation and discovery alike).</summary>
    public string Region => _pipeline.Transport.Region;

    /// <summary>Where Converse calls go.</summary>
    public Uri RuntimeEndpoint => _pipeline.Transport.Location.RuntimeEndpoint;

    /// <summary>Where discovery (ListFoundationModels, …) goes: same region and credentials.</summary>
    public Uri ControlPlaneEndpoint => _pipeline.Transport.Location.ControlPlaneEndpoint;

    /// <summary>
    /// Where the credentials come from, resolving them (blocking) if no call did yet. Use
    /// <see cref="GetCredentialSourceAsync(CancellationToken)"/>: resolving may call STS, SSO or instance metadata.
    /// </summary>
    [Obsolete("Use GetCredentialSourceAsync(cancellationToken): resolving the credentials may call STS, SSO or instance metadata, which this property blocks on.")]
    [System.ComponentModel.EditorBrowsable(System.ComponentModel.EditorBrowsableState.Never)]
    public string CredentialSource => GetCredentialSourceAsync(CancellationToken.None).GetAwaiter().GetResult();

    /// <summary>
    /// Where the credentials come from (<c>env: AWS_BEARER_TOKEN_BEDROCK</c>, <c>env: AWS_ACCESS_KEY_ID</c>,
    /// <c>profile: dev</c>, <c>instance role</c>, …); never a secret. Resolves the credentials if no call did yet;
    /// throws <see cref="BedrockException"/> with <see cref="BedrockErrorKind.NoCredentials"/> when there are none.
    /// </summary>
    public async Task<string> GetCredentialSourceAsync(CancellationToken cancellationToken = default)
        => (await _pipeline.Transport.GetCredentialsAsync(cancellationToken).ConfigureAwait(false)).Source;

    /// <summary>
    /// Creates the client of provider <paramref name="providerId"/> of <paramref name="config"/>: its <c>baseUrl</c>
    /// gives the runtime endpoint (and the region, when it is a Bedrock host), <c>models.bedrockDiscovery.region</c>
    /// the region otherwise, its <c>headers</c> are sent with every call and its <c>apiKey</c> (when set) is used as a
    /// Bedrock API key. <c>${NAME}</c> placeholders are resolved from the environment now.
    /// Values set in <paramref name="options"/> win.
    /// </summary>
    public static BedrockClient FromConfig(ClawdbotConfig config, string providerId = "amazon-bedrock", BedrockClientOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentException.ThrowIfNullOrEmpty(providerId);
        options ??= new BedrockClientOptions();
        options.Validate();
        var location = BedrockLocation.ForProvider(config, providerId, options);
        var provider = BedrockLocation.FindProvider(config, providerId);
        var env = options.Environment;
        var where = $"models.providers.{providerId}";
        string? apiKey = null;
        if (provider?.ApiKey is { } key && !string.Equals(provider.Auth, "aws-sdk", StringComparison.OrdinalIgnoreCase))
        {
            apiKey = EnvironmentPlaceholders.Expand(key, env, where + ".apiKey");
        }

        var headers = provider?.Headers?.Select(h => new KeyValuePair<string, string>(h.Key, EnvironmentPlaceholders.Expand(h.Value, env, $"header '{h.Key}'"))).ToList() ?? [];
        return new BedrockClient(Compose(options, location, headers, apiKey, "config: " + where + ".apiKey", ConfigGuardrail(config, env)), config);
    }

    /// <summary>
    /// Builds the pipeline a client stands on: location, transport, control plane, profile routing (with the client's
    /// discovery cache) and the retry-and-reroute loop, each handed to the next.
    /// </summary>
    private static (CallPipeline Pipeline, BedrockDiscoveryCache Cache) Compose(BedrockClientOptions options, BedrockLocation? location, IReadOnlyList<KeyValuePair<string, string>> headers, string? configApiKey, string? configApiKeySource, GuardrailConfig? configGuardrail)
    {
        options.Validate();
        options.Freeze();
        location ??= BedrockLocation.Resolve(options, providerBaseUrl: null, configRegion: null, BedrockLocation.ProfileRegion(options));
        var allHeaders = headers.Concat(options.Headers).ToList();
        var transport = new BedrockTransport(options, location, allHeaders, configApiKey, configApiKeySource);
        // The client's own cache unless the options share one: no discovery result outlives or crosses clients unasked.
        var cache = options.DiscoveryCache ?? new BedrockDiscoveryCache();
        var controlPlane = new BedrockClientControlPlane(transport);
        var logger = options.LoggerFactory?.CreateLogger(BedrockLog.Category);
        var router = new InferenceProfileRouter(controlPlane, cache, logger);
        return (new CallPipeline(transport, router, new ApplicationProfileResolver(controlPlane, cache, logger), options.DefaultGuardrail ?? configGuardrail), cache);
    }

    /// <summary>The config's <c>plugins.entries.amazon-bedrock.config.guardrail</c>, its placeholders filled; null when none.</summary>
    private static GuardrailConfig? ConfigGuardrail(ClawdbotConfig config, Func<string, string?> env)
    {
        if (config.BedrockGuardrail is not { } guardrail)
        {
            return null;
        }

        const string Where = "plugins.entries.amazon-bedrock.config.guardrail";
        return new GuardrailConfig(
            EnvironmentPlaceholders.Expand(guardrail.GuardrailIdentifier, env, Where + ".guardrailIdentifier"),
            EnvironmentPlaceholders.Expand(guardrail.GuardrailVersion, env, Where + ".guardrailVersion"))
        {
            Trace = guardrail.Trace is { } trace ? EnvironmentPlaceholders.Expand(trace, env, Where + ".trace") : null,
            StreamProcessingMode = guardrail.StreamProcessingMode is { } mode ? EnvironmentPlaceholders.Expand(mode, env, Where + ".streamProcessingMode") : null,
        };
    }

    /// <summary>Streams the model's answer as typed updates. Updates that arrived before a failure are yielded first.</summary>
    /// <remarks>Traced, measured and logged through <see cref="BedrockTelemetry"/> and <see cref="BedrockClientOptions.LoggerFactory"/>.</remarks>
    /// <exception cref="BedrockException">The call failed; <see cref="BedrockException.PartialResult"/> holds what arrived.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public IAsyncEnumerable<StreamUpdate> ConverseStreamAsync(ConverseRequest request, CancellationToken cancellationToken = default)
        => ConverseStreamAsync(request, _discoveryConfig, cancellationToken);

    /// <summary>
    /// <see cref="ConverseStreamAsync(ConverseRequest, CancellationToken)"/>, routing a profile-only model under the
    /// discovery settings of <paramref name="discoveryConfig"/> (a declared model's config) instead of the client's.
    /// </summary>
    internal IAsyncEnumerable<StreamUpdate> ConverseStreamAsync(ConverseRequest request, ClawdbotConfig discoveryConfig, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        IAsyncEnumerable<StreamUpdate> updates = new ConverseStream(_pipeline, request, discoveryConfig, cancellationToken);
        return CallObservation.IsWanted(_logger)
            ? CallObservation.ObserveStreamAsync(updates, _logger, request, RuntimeEndpoint, cancellationToken)
            : updates;
    }

    /// <summary>Sends the request to <c>/converse</c> and returns the whole answer.</summary>
    /// <remarks>Traced, measured and logged through <see cref="BedrockTelemetry"/> and <see cref="BedrockClientOptions.LoggerFactory"/>.</remarks>
    /// <exception cref="BedrockException">The call failed.</exception>
    public Task<ConverseResult> ConverseAsync(ConverseRequest request, CancellationToken cancellationToken = default)
        => ConverseAsync(request, _discoveryConfig, cancellationToken);

    /// <summary>
    /// <see cref="ConverseAsync(ConverseRequest, CancellationToken)"/>, routing a profile-only model under the discovery
    /// settings of <paramref name="discoveryConfig"/> (a declared model's config) instead of the client's.
    /// </summary>
    internal Task<ConverseResult> ConverseAsync(ConverseRequest request, ClawdbotConfig discoveryConfig, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return CallObservation.IsWanted(_logger)
            ? CallObservation.ObserveAsync((call, token) => ConverseCall.RunAsync(_pipeline, call, discoveryConfig, token), _logger, request, RuntimeEndpoint, cancellationToken)
            : ConverseCall.RunAsync(_pipeline, request, discoveryConfig, cancellationToken);
    }

    /// <summary>
    /// Asks for a <typeparamref name="T"/> (structured output): sends <paramref name="request"/> with the schema of
    /// <paramref name="typeInfo"/> (a System.Text.Json source-generated contract; a request that sets its own
    /// <see cref="ConverseRequest.OutputFormat"/> keeps it) to <c>/converse</c>, and reads the answer back.
    /// </summary>
    /// <exception cref="BedrockException">The call failed; or, with <see cref="BedrockErrorKind.InvalidStructuredOutput"/>,
    /// the answer is not a <typeparamref name="T"/> (<see cref="BedrockException.PartialResult"/> holds it, with usage).</exception>
    public async Task<StructuredResult<T>> ConverseAsync<T>(ConverseRequest request, JsonTypeInfo<T> typeInfo, CancellationToken cancellationToken = default)
    {
        var structured = StructuredAnswer.For(request, typeInfo);
        var result = await ConverseAsync(structured, cancellationToken).ConfigureAwait(false);
        return StructuredAnswer.Read(result, typeInfo);
    }

    /// <summary>
    /// Counts the input tokens <paramref name="request"/> (its messages, system prompt and tools) would use on its model
    /// (<c>POST /model/{id}/count-tokens</c>), through the same signing, timeouts and retries as a call. Free; nothing is
    /// generated.
    /// </summary>
    /// <remarks>
    /// Bedrock counts tokens for some Anthropic Claude models only (Claude 3.5 Haiku, 3.5/3.7 Sonnet, Claude 4 and
    /// later, in the regions that offer CountTokens), and takes foundation model ids only: a system inference profile
    /// id (<c>us.anthropic.…</c>, <c>global.anthropic.…</c>) or ARN is counted for its foundation model, and an
    /// application inference profile's ARN for the model discovery finds behind it. The call is never rerouted.
    /// </remarks>
    /// <exception cref="BedrockException">The call failed; a model CountTokens does not serve gives
    /// <see cref="BedrockErrorKind.Validation"/> naming the model.</exception>
    public Task<TokenCount> CountTokensAsync(ConverseRequest request, CancellationToken cancellationToken = default)
        => CountTokensAsync(request, _discoveryConfig, cancellationToken);

    /// <summary>
    /// <see cref="CountTokensAsync(ConverseRequest, CancellationToken)"/>, resolving an application profile under the
    /// discovery settings of <paramref name="discoveryConfig"/> (a declared model's config).
    /// </summary>
    internal Task<TokenCount> CountTokensAsync(ConverseRequest request, ClawdbotConfig discoveryConfig, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return CountTokensCall.RunAsync(_pipeline, request, discoveryConfig, cancellationToken);
    }

    /// <summary>
    /// Embeds <paramref name="texts"/> with the embedding model <paramref name="modelId"/> through InvokeModel
    /// (<c>POST /model/{id}/invoke</c>): Amazon Titan Text Embeddings V2 (<c>amazon.titan-embed-text-v2:0</c>, one
    /// call per text, up to four at once), Cohere Embed v3 (<c>cohere.embed-english-v3</c>,
    /// <c>cohere.embed-multilingual-v3</c>) and v4 (<c>cohere.embed-v4:0</c>; 96 texts per call). A region profile
    /// (<c>us.cohere.embed-v4:0</c>) or an ARN works too. Each call is signed, timed out, retried and rerouted as
    /// Converse calls are.
    /// </summary>
    /// <remarks>Traced (an <c>embeddings {model}</c> span), measured and logged as Converse calls are.</remarks>
    /// <returns>One vector per text, in order, with the input tokens of all the calls.</returns>
    /// <exception cref="NotSupportedException"><paramref name="modelId"/> is no embedding model the SDK knows; the message names those it does.</exception>
    /// <exception cref="ArgumentException">A text is null, or <paramref name="options"/> asks for what the model does not have (dimensions it cannot give, say).</exception>
    /// <exception cref="BedrockException">A call failed for good; the other calls of the request are cancelled.</exception>
    public Task<EmbeddingResult> EmbedAsync(string modelId, IEnumerable<string> texts, EmbeddingOptions? options = null, CancellationToken cancellationToken = default)
        => EmbedAsync(modelId, texts, options, _discoveryConfig, cancellationToken);

    /// <summary>
    /// <see cref="EmbedAsync(string, IEnumerable{string}, EmbeddingOptions?, CancellationToken)"/>, routing under the
    /// discovery settings of <paramref name="discoveryConfig"/> (a declared model's config) instead of the client's.
    /// </summary>
    internal Task<EmbeddingResult> EmbedAsync(string modelId, IEnumerable<string> texts, EmbeddingOptions? options, ClawdbotConfig discoveryConfig, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(modelId);
        ArgumentNullException.ThrowIfNull(texts);
        var list = texts.ToArray();
        var missing = Array.IndexOf(list, null);
        if (missing >= 0)
        {
            throw new ArgumentException($"Text {missing} is null.", nameof(texts));
        }

        // A copy, so that changing the caller's options while the calls run changes nothing.
        var settings = options?.Clone() ?? new EmbeddingOptions();
        return CallObservation.IsWanted(_logger)
            ? EmbeddingObservation.ObserveAsync(token => EmbeddingCall.RunAsync(_pipeline, modelId, list, settings, discoveryConfig, token), _logger, modelId, settings.Dimensions, RuntimeEndpoint, cancellationToken)
            : EmbeddingCall.RunAsync(_pipeline, modelId, list, settings, discoveryConfig, cancellationToken);
    }

    /// <summary>The transport under this client: credentials, signing and sending, for runtime and control plane alike.</summary>
    internal BedrockTransport Transport => _pipeline.Transport;

    /// <summary>Where this client's discovery keeps its results: <see cref="BedrockClientOptions.DiscoveryCache"/>, else its own.</summary>
    internal BedrockDiscoveryCache DiscoveryCache => _discoveryCache;

    /// <summary>The models of this client that failed over recently (<see cref="BedrockFallbackChain"/> passes them over).</summary>
    internal ModelCooldowns Cooldowns { get; }

    /// <summary>The client's logger (category <see cref="BedrockLog.Category"/>).</summary>
    internal ILogger Logger => _logger;

    /// <summary>The client's inference-profile routing (injected at composition).</summary>
    internal IInferenceProfileRouter Router => _pipeline.Router;

    /// <summary>
    /// Releases the HTTP handler and the connections it holds; calls after this fail. Calling it again does nothing.
    /// </summary>
    public void Dispose() => _pipeline.Transport.Dispose();
}
