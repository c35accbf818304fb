using System.Net.Http.Headers;
using System.Text.Json;
using Amazon;
using Amazon.Runtime.Signing;
using Clawdbot.Sdk.Wire;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Clawdbot.Sdk;

/// <summary>
/// Calls the Bedrock runtime (Converse and ConverseStream) over one reused HTTP handler, signed with SigV4 or a
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
/// </remarks>
public sealed class BedrockClient : IDisposable
{
    internal const string SigningService = "bedrock";
    private readonly BedrockClientOptions _options;
    private readonly BedrockLocation _location;
    private readonly CredentialChain _credentialChain;
    private readonly IReadOnlyList<KeyValuePair<string, string>> _headers;
    private readonly SemaphoreSlim _pipelineGate = new(1, 1);
    private readonly ILogger _logger;
    private readonly ClawdbotConfig _discoveryConfig;
    private readonly InferenceProfileRouter _router;
    private Pipeline? _pipeline;
    private bool _disposed;

    /// <summary>
    /// Creates a client; null <paramref name="options"/> uses the defaults (region, endpoint and credentials from the
    /// environment and the AWS files). Nothing is sent, and credentials are not resolved, until the first call. Throws
    /// <see cref="ArgumentException"/> for an invalid option (a timeout that is not positive, say).
    /// </summary>
    public BedrockClient(BedrockClientOptions? options = null)
        : this(options ?? new BedrockClientOptions(), discoveryConfig: new ClawdbotConfig(), providerBaseUrl: null, configRegion: null, providerHeaders: null, configApiKey: null, configApiKeySource: null)
    {
    }

    private BedrockClient(BedrockClientOptions options, ClawdbotConfig discoveryConfig, string? providerBaseUrl, string? configRegion, IReadOnlyDictionary<string, string>? providerHeaders, string? configApiKey, string? configApiKeySource)
    {
        options.Validate();
        _options = options;
        _location = BedrockLocation.Resolve(options, providerBaseUrl, configRegion, profile => AwsProfileFiles.RegionOf(options.Environment, profile));
        _credentialChain = new CredentialChain(options, _location.Region, configApiKey, configApiKeySource);
        var headers = new List<KeyValuePair<string, string>>();
        if (providerHeaders is not null)
        {
            headers.AddRange(providerHeaders.Select(h => new KeyValuePair<string, string>(h.Key, EnvironmentPlaceholders.Expand(h.Value, options.Environment, $"header '{h.Key}'"))));
        }

        headers.AddRange(options.Headers);
        _headers = headers;
        _logger = options.LoggerFactory?.CreateLogger(BedrockLog.Category) ?? NullLogger.Instance;
        _discoveryConfig = discoveryConfig;
        _router = new InferenceProfileRouter(this);
    }

    /// <summary>The options the client was created with (do not change them afterwards).</summary>
    public BedrockClientOptions Options => _options;

    /// <summary>The region used to sign and to build default endpoints (invocation and discovery alike).</summary>
    public string Region => _location.Region;

    /// <summary>Where Converse calls go.</summary>
    public Uri RuntimeEndpoint => _location.RuntimeEndpoint;

    /// <summary>Where discovery (ListFoundationModels, …) goes: same region and credentials.</summary>
    public Uri ControlPlaneEndpoint => _location.ControlPlaneEndpoint;

    /// <summary>
    /// Where the credentials come from (<c>env: AWS_BEARER_TOKEN_BEDROCK</c>, <c>env: AWS_ACCESS_KEY_ID</c>,
    /// <c>profile: dev</c>, <c>instance role</c>, …); never a secret. Resolves the credentials (blocking) if no call
    /// did yet; throws <see cref="BedrockException"/> with <see cref="BedrockErrorKind.NoCredentials"/> when there are none.
    /// </summary>
    public string CredentialSource => (_pipeline ?? GetPipelineAsync(CancellationToken.None).AsTask().GetAwaiter().GetResult()).Credentials.Source;

    /// <summary>The asynchronous form of <see cref="CredentialSource"/>.</summary>
    public async Task<string> GetCredentialSourceAsync(CancellationToken cancellationToken = default)
        => (await GetPipelineAsync(cancellationToken).ConfigureAwait(false)).Credentials.Source;

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
        var provider = config.Models.Providers.FirstOrDefault(p => string.Equals(p.Id, providerId, StringComparison.Ordinal));
        if (provider is null && !string.Equals(providerId, "amazon-bedrock", StringComparison.Ordinal))
        {
            throw new ArgumentException($"The config declares no provider '{providerId}'.", nameof(providerId));
        }

        var env = options.Environment;
        var where = $"models.providers.{providerId}";
        string? baseUrl = string.IsNullOrWhiteSpace(provider?.BaseUrl) ? null : EnvironmentPlaceholders.Expand(provider.BaseUrl, env, where + ".baseUrl");
        var discoveryRegion = config.Models.BedrockDiscovery?.Region;
        var configRegion = string.IsNullOrWhiteSpace(discoveryRegion) ? null : EnvironmentPlaceholders.Expand(discoveryRegion, env, "models.bedrockDiscovery.region");

        string? apiKey = null;
        if (provider?.ApiKey is { } key && !string.Equals(provider.Auth, "aws-sdk", StringComparison.OrdinalIgnoreCase))
        {
            apiKey = EnvironmentPlaceholders.Expand(key, env, where + ".apiKey");
        }

        return new BedrockClient(options, config, baseUrl, configRegion, provider?.Headers, apiKey, "config: " + where + ".apiKey");
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
        IAsyncEnumerable<StreamUpdate> updates = new ConverseStream(this, request, discoveryConfig, cancellationToken);
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
            ? CallObservation.ObserveAsync((call, token) => ConverseCoreAsync(call, discoveryConfig, token), _logger, request, RuntimeEndpoint, cancellationToken)
            : ConverseCoreAsync(request, discoveryConfig, cancellationToken);
    }

    private async Task<ConverseResult> ConverseCoreAsync(ConverseRequest request, ClawdbotConfig discoveryConfig, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ObjectDisposedException.ThrowIf(_disposed, this);
        var body = ConverseRequestWriter.Serialize(request, streaming: false);
        using var timeouts = new CallTimeouts(_options, cancellationToken);
        var invoked = _router.InvokedModelId(request.ModelId);
        var uri = ModelUri(invoked, "converse");
        var rerouted = false;
        for (var attempt = 1; ; attempt++)
        {
            HttpResponseMessage? response = null;
            try
            {
                timeouts.Arm(BedrockTimeoutKind.FirstEvent);
                response = await SendAsync(uri, body, "application/json", timeouts, attempt).ConfigureAwait(false);
                var requestId = RequestIdOf(response);
                timeouts.Arm(BedrockTimeoutKind.Idle);
                ConverseResponseWire? wire;
                try
                {
                    await using var stream = await response.Content.ReadAsStreamAsync(timeouts.Token).ConfigureAwait(false);
                    wire = await JsonSerializer.DeserializeAsync(stream, ConverseJsonContext.Default.ConverseResponseWire, timeouts.Token).ConfigureAwait(false);
                }
                catch (JsonException ex)
                {
                    throw new BedrockException(BedrockErrorKind.ServiceError, "The Converse response is not valid JSON: " + ex.Message) { RequestId = requestId, StatusCode = (int)response.StatusCode };
                }
                catch (Exception ex) when (ex is HttpRequestException or IOException)
                {
                    throw new BedrockException(BedrockErrorKind.StreamBroken, "The connection broke while reading the Converse response: " + ex.Message, ex) { RequestId = requestId };
                }
                catch (OperationCanceledException ex) when (timeouts.Classify(ex) is { } kind)
                {
                    throw TimeoutError(timeouts, kind, ex, requestId);
                }

                return ConverseResponseMapper.ToResult(wire, request, invoked, requestId);
            }
            catch (BedrockException ex) when (!rerouted && InferenceProfileRouter.NeedsProfile(ex, invoked))
            {
                response?.Dispose();
                response = null;
                invoked = await RouteThroughProfileAsync(request.ModelId, ex, discoveryConfig, timeouts).ConfigureAwait(false);
                uri = ModelUri(invoked, "converse");
                rerouted = true;
                attempt = 0;
            }
            catch (BedrockException ex) when (ex.IsRetryable && attempt < _options.MaxAttempts && !timeouts.OverallExpired)
            {
                response?.Dispose();
                await BackoffAsync(attempt, timeouts).ConfigureAwait(false);
            }
            catch (BedrockException ex) when (ex.Attempts != attempt)
            {
                throw ex.With(ex.PartialResult, attempt);
            }
            finally
            {
                response?.Dispose();
            }
        }
    }

    /// <summary>
    /// Sends a request to the control plane (<see cref="ControlPlaneEndpoint"/>) with this client's credentials,
    /// signing region and handler: used by discovery for <c>GET /foundation-models</c> and
    /// <c>GET /inference-profiles</c>. A relative <see cref="HttpRequestMessage.RequestUri"/> is resolved against
    /// <see cref="ControlPlaneEndpoint"/>. The response is returned as is (the caller checks the status and disposes it);
    /// a failure to resolve credentials throws <see cref="BedrockException"/>.
    /// </summary>
    internal async Task<HttpResponseMessage> SendControlPlaneAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (request.RequestUri is null || !request.RequestUri.IsAbsoluteUri)
        {
            request.RequestUri = new Uri(ControlPlaneEndpoint, request.RequestUri?.OriginalString ?? string.Empty);
        }

        var pipeline = await GetPipelineAsync(cancellationToken).ConfigureAwait(false);
        request.Version = _options.HttpVersion;
        request.VersionPolicy = _options.HttpVersionPolicy;
        AddHeaders(request);
        return await pipeline.Invoker.SendAsync(request, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The path of a model operation. The id is one escaped segment (<c>:</c> and <c>/</c> of ARNs stay escaped).</summary>
    internal Uri ModelUri(string modelId, string operation)
    {
        var basePath = RuntimeEndpoint.AbsolutePath.TrimEnd('/');
        var builder = new UriBuilder(RuntimeEndpoint) { Path = basePath + "/model/" + Uri.EscapeDataString(modelId) + "/" + operation, Query = string.Empty };
        return builder.Uri;
    }

    internal BedrockClientOptions OptionsInternal => _options;

    /// <summary>The id to invoke for <paramref name="modelId"/>: the inference profile learned for it earlier, else itself.</summary>
    internal string InvokedModelId(string modelId) => _router.InvokedModelId(modelId);

    /// <summary>
    /// After Bedrock refused <paramref name="modelId"/> on demand: the profile to send the call through instead (the
    /// attempt's timers stop meanwhile; the overall timeout and the caller's token still apply), or the refusal with the
    /// profile ids to use.
    /// </summary>
    internal async Task<string> RouteThroughProfileAsync(string modelId, BedrockException refusal, ClawdbotConfig discoveryConfig, CallTimeouts timeouts)
    {
        timeouts.ResetForAttempt();
        try
        {
            return await _router.RouteAsync(modelId, refusal, discoveryConfig, timeouts.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException ex) when (timeouts.Classify(ex) is { } kind)
        {
            throw TimeoutError(timeouts, kind, ex, refusal.RequestId, refusal.Attempts);
        }
    }

    internal bool IsDisposed => _disposed;

    /// <summary>Sends one attempt; returns a success response or throws a classified <see cref="BedrockException"/>.</summary>
    internal async Task<HttpResponseMessage> SendAsync(Uri uri, byte[] body, string accept, CallTimeouts timeouts, int attempt)
    {
        var pipeline = await GetPipelineAsync(timeouts.Token).ConfigureAwait(false);
        using var request = new HttpRequestMessage(HttpMethod.Post, uri)
        {
            Version = _options.HttpVersion,
            VersionPolicy = _options.HttpVersionPolicy,
            Content = new ByteArrayContent(body),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(accept));
        AddHeaders(request);

        HttpResponseMessage response;
        try
        {
            response = await pipeline.Invoker.SendAsync(request, timeouts.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException ex) when (timeouts.Classify(ex) is { } kind)
        {
            throw TimeoutError(timeouts, kind, ex, null, attempt);
        }
        catch (HttpRequestException ex) when (timeouts.CallerToken.IsCancellationRequested is false && ex.InnerException is TimeoutException)
        {
            throw TimeoutError(timeouts, BedrockTimeoutKind.Connect, ex, null, attempt);
        }
        catch (HttpRequestException ex)
        {
            throw new BedrockException(BedrockErrorKind.ConnectionFailed, "Could not reach " + uri.GetLeftPart(UriPartial.Authority) + ": " + ex.Message, ex) { Attempts = attempt };
        }

        if (response.IsSuccessStatusCode)
        {
            return response;
        }

        using (response)
        {
            throw await HttpErrors.ReadAsync(response, timeouts, attempt).ConfigureAwait(false);
        }
    }

    internal static string? RequestIdOf(HttpResponseMessage response)
        => response.Headers.TryGetValues("x-amzn-RequestId", out var values) ? values.FirstOrDefault() : null;

    internal static BedrockException TimeoutError(CallTimeouts timeouts, BedrockTimeoutKind kind, Exception inner, string? requestId, int attempt = 1, ConverseResult? partial = null)
        => new(BedrockErrorKind.Timeout, timeouts.Describe(kind), inner) { Timeout = kind, RequestId = requestId, Attempts = attempt, PartialResult = partial };

    internal async Task BackoffAsync(int failedAttempts, CallTimeouts timeouts)
    {
        var delay = RetryBackoff.Delay(failedAttempts, _options.RetryBaseDelay, _options.RetryMaxDelay);
        timeouts.ResetForAttempt();
        if (delay > TimeSpan.Zero)
        {
            try
            {
                await Task.Delay(delay, _options.TimeProvider, timeouts.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException ex) when (timeouts.Classify(ex) is { } kind)
            {
                throw TimeoutError(timeouts, kind, ex, null, failedAttempts);
            }
        }
    }

    internal async ValueTask<Pipeline> GetPipelineAsync(CancellationToken cancellationToken)
    {
        if (_pipeline is { } ready)
        {
            return ready;
        }

        await _pipelineGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_pipeline is { } raced)
            {
                return raced;
            }

            ObjectDisposedException.ThrowIf(_disposed, this);
            var credentials = await _credentialChain.ResolveAsync(cancellationToken).ConfigureAwait(false);
            var inner = _options.HttpMessageHandlerFactory?.Invoke() ?? CreateDefaultHandler();
            HttpMessageHandler outer = credentials.BearerToken is { } token
                ? new BearerTokenHandler(token, inner)
                : new SigV4SigningHandler(credentials.AwsCredentials!, RegionEndpoint.GetBySystemName(Region), SigningService, inner);
            if (credentials.Refreshes)
            {
                outer = new CredentialRefreshHandler(credentials, outer);
            }
            _pipeline = new Pipeline(new HttpMessageInvoker(outer, disposeHandler: true), credentials);
            return _pipeline;
        }
        finally
        {
            _pipelineGate.Release();
        }
    }

    private SocketsHttpHandler CreateDefaultHandler() => new()
    {
        ConnectTimeout = _options.ConnectTimeout,
        AutomaticDecompression = System.Net.DecompressionMethods.None,
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        PooledConnectionIdleTimeout = TimeSpan.FromSeconds(50),
        EnableMultipleHttp2Connections = true,
        UseCookies = false,
    };

    private void AddHeaders(HttpRequestMessage request)
    {
        foreach (var (name, value) in _headers)
        {
            request.Headers.Remove(name);
            request.Headers.TryAddWithoutValidation(name, value);
        }
    }

    /// <summary>
    /// Releases the HTTP handler and the connections it holds; calls after this fail. Calling it again does nothing.
    /// </summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _pipeline?.Invoker.Dispose();
        _pipelineGate.Dispose();
    }

    internal sealed record Pipeline(HttpMessageInvoker Invoker, ResolvedCredentials Credentials);
}
