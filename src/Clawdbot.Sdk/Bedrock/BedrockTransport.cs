using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Amazon;
using Amazon.Runtime.Signing;

namespace Clawdbot.Sdk;

/// <summary>
/// The bottom of the call pipeline: where a client's requests go (<see cref="BedrockLocation"/>), with which
/// credentials, headers and HTTP handler. It sends one request at a time and classifies what comes back; retrying and
/// rerouting are <see cref="CallPipeline"/>'s. Runtime calls (Converse, ConverseStream) and the control plane
/// (discovery's listings) go through the same instance, so they share region, endpoints, credentials and connections.
/// </summary>
/// <remarks>
/// Credentials are resolved on the first send (<see cref="CredentialChain"/>); the handler chain is then built once:
/// the network handler (<see cref="BedrockClientOptions.HttpMessageHandlerFactory"/>, else
/// <see cref="CreateNetworkHandler"/>), SigV4 signing or the bearer token on top, and
/// <see cref="CredentialRefreshHandler"/> outermost when the credentials expire.
/// </remarks>
internal sealed class BedrockTransport : IDisposable
{
    internal const string SigningService = "bedrock";

    private readonly CredentialChain _credentialChain;
    private readonly IReadOnlyList<KeyValuePair<string, string>> _headers;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private Handlers? _handlers;
    private bool _disposed;

    /// <param name="options">Validated options; the transport never changes them.</param>
    /// <param name="location">Region and endpoints (see <see cref="BedrockLocation.Resolve"/>).</param>
    /// <param name="headers">Sent with every request, replacing any header of the same name.</param>
    /// <param name="configApiKey">A Bedrock API key from the config (<c>apiKey</c>), or null.</param>
    /// <param name="configApiKeySource">Where <paramref name="configApiKey"/> came from, for <see cref="ResolvedCredentials.Source"/>.</param>
    public BedrockTransport(BedrockClientOptions options, BedrockLocation location, IReadOnlyList<KeyValuePair<string, string>> headers, string? configApiKey = null, string? configApiKeySource = null)
    {
        Options = options;
        Location = location;
        _headers = headers;
        _credentialChain = new CredentialChain(options, location.Region, configApiKey, configApiKeySource);
    }

    public BedrockClientOptions Options { get; }

    public BedrockLocation Location { get; }

    public string Region => Location.Region;

    /// <summary>Throws as a disposed <see cref="BedrockClient"/> does: the transport is the client's, and disposed with it.</summary>
    public void ThrowIfDisposed()
    {
        if (_disposed)
        {
            throw new ObjectDisposedException(typeof(BedrockClient).FullName);
        }
    }

    /// <summary>
    /// The settings of the handler that talks to the network, in one place: used by a client without
    /// <see cref="BedrockClientOptions.HttpMessageHandlerFactory"/> and by hosting's <c>IHttpClientFactory</c> client.
    /// </summary>
    public static SocketsHttpHandler CreateNetworkHandler(TimeSpan connectTimeout, TimeProvider time) => new()
    {
        ConnectCallback = (context, cancellationToken) => TimedConnect.ConnectAsync(context, connectTimeout, time, cancellationToken),
        AutomaticDecompression = System.Net.DecompressionMethods.None,
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        PooledConnectionIdleTimeout = TimeSpan.FromSeconds(50),
        EnableMultipleHttp2Connections = true,
        // MaxConnectionsPerServer stays unbounded: an HTTP/1.1 stream holds its connection for the whole answer, so a
        // bound would queue later streams behind whole answers, against their first-event timeout. Over HTTP/2 streams
        // share connections anyway (the benchmarks/Clawdbot.Sdk.Soak figures in the README).
        UseCookies = false,
    };

    /// <summary>The path of a model operation. The id is one escaped segment (<c>:</c> and <c>/</c> of ARNs stay escaped).</summary>
    public Uri ModelUri(string modelId, string operation)
    {
        var runtime = Location.RuntimeEndpoint;
        var basePath = runtime.AbsolutePath.TrimEnd('/');
        return new UriBuilder(runtime) { Path = basePath + "/model/" + Uri.EscapeDataString(modelId) + "/" + operation, Query = string.Empty }.Uri;
    }

    /// <summary>The credentials the transport signs with, resolved on first use.</summary>
    public async ValueTask<ResolvedCredentials> GetCredentialsAsync(CancellationToken cancellationToken)
        => (await GetHandlersAsync(cancellationToken).ConfigureAwait(false)).Credentials;

    /// <summary>Sends one runtime attempt; returns a success response or throws a classified <see cref="BedrockException"/>.</summary>
    public async Task<HttpResponseMessage> SendAsync(Uri uri, byte[] body, string accept, CallTimeouts timeouts, int attempt)
    {
        var handlers = await GetHandlersAsync(timeouts.Token).ConfigureAwait(false);
        using var request = new HttpRequestMessage(HttpMethod.Post, uri)
        {
            Version = Options.HttpVersion,
            VersionPolicy = Options.HttpVersionPolicy,
            Content = new ByteArrayContent(body),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(accept));
        AddHeaders(request);

        HttpResponseMessage response;
        try
        {
            response = await handlers.Invoker.SendAsync(request, timeouts.Token).ConfigureAwait(false);
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

    /// <summary>
    /// Sends a control-plane request (<c>GET /foundation-models</c>, <c>GET /inference-profiles</c>) with the same
    /// credentials, signing region, headers and handler. A relative URI is resolved against
    /// <see cref="BedrockLocation.ControlPlaneEndpoint"/>. The response is returned as is (the caller checks the status
    /// and disposes it); a failure to resolve credentials throws <see cref="BedrockException"/>.
    /// </summary>
    public async Task<HttpResponseMessage> SendControlPlaneAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ThrowIfDisposed();
        if (request.RequestUri is null || !request.RequestUri.IsAbsoluteUri)
        {
            request.RequestUri = new Uri(Location.ControlPlaneEndpoint, request.RequestUri?.OriginalString ?? string.Empty);
        }

        var handlers = await GetHandlersAsync(cancellationToken).ConfigureAwait(false);
        request.Version = Options.HttpVersion;
        request.VersionPolicy = Options.HttpVersionPolicy;
        AddHeaders(request);
        return await handlers.Invoker.SendAsync(request, cancellationToken).ConfigureAwait(false);
    }

    public static string? RequestIdOf(HttpResponseMessage response)
        => response.Headers.TryGetValues("x-amzn-RequestId", out var values) ? values.FirstOrDefault() : null;

    /// <summary>
    /// The JSON body of a successful one-reply call (Converse, CountTokens), read under the idle timer; failures as
    /// <see cref="ReadReplyAsync{T}"/>, and a body that is not JSON a <see cref="BedrockErrorKind.ServiceError"/>.
    /// </summary>
    public static ValueTask<T?> ReadJsonReplyAsync<T>(HttpResponseMessage response, string? requestId, string operation, JsonTypeInfo<T> typeInfo, CallTimeouts timeouts, int attempt)
        => ReadReplyAsync(response, requestId, operation, timeouts, attempt, async (content, token) =>
        {
            await using var stream = await content.ReadAsStreamAsync(token).ConfigureAwait(false);
            return await JsonSerializer.DeserializeAsync(stream, typeInfo, token).ConfigureAwait(false);
        });

    /// <summary>
    /// The body of a successful one-reply call, read by <paramref name="read"/> under the idle timer: a connection that
    /// breaks is <see cref="BedrockErrorKind.StreamBroken"/>, a timer that runs out a timeout, each naming
    /// <paramref name="operation"/>'s response.
    /// </summary>
    public static async ValueTask<T> ReadReplyAsync<T>(HttpResponseMessage response, string? requestId, string operation, CallTimeouts timeouts, int attempt, Func<HttpContent, CancellationToken, Task<T>> read)
    {
        timeouts.Arm(BedrockTimeoutKind.Idle);
        try
        {
            return await read(response.Content, timeouts.Token).ConfigureAwait(false);
        }
        catch (JsonException ex)
        {
            throw new BedrockException(BedrockErrorKind.ServiceError, $"The {operation} response is not valid JSON: " + ex.Message) { RequestId = requestId, StatusCode = (int)response.StatusCode, Attempts = attempt };
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException)
        {
            throw new BedrockException(BedrockErrorKind.StreamBroken, $"The connection broke while reading the {operation} response: " + ex.Message, ex) { RequestId = requestId, Attempts = attempt };
        }
        catch (OperationCanceledException ex) when (timeouts.Classify(ex) is { } kind)
        {
            throw TimeoutError(timeouts, kind, ex, requestId, attempt);
        }
    }

    public static BedrockException TimeoutError(CallTimeouts timeouts, BedrockTimeoutKind kind, Exception inner, string? requestId, int attempt = 1, ConverseResult? partial = null)
        => new(BedrockErrorKind.Timeout, timeouts.Describe(kind), inner) { Timeout = kind, RequestId = requestId, Attempts = attempt, PartialResult = partial };

    private async ValueTask<Handlers> GetHandlersAsync(CancellationToken cancellationToken)
    {
        if (_handlers is { } ready)
        {
            return ready;
        }

        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_handlers is { } raced)
            {
                return raced;
            }

            ThrowIfDisposed();
            var credentials = await _credentialChain.ResolveAsync(cancellationToken).ConfigureAwait(false);
            var inner = Options.HttpMessageHandlerFactory?.Invoke() ?? CreateNetworkHandler(Options.ConnectTimeout, Options.TimeProvider);
            HttpMessageHandler outer = credentials.BearerToken is { } token
                ? new BearerTokenHandler(token, inner)
                : new SigV4SigningHandler(credentials.AwsCredentials!, RegionEndpoint.GetBySystemName(Region), SigningService, inner);
            if (credentials.Refreshes)
            {
                outer = new CredentialRefreshHandler(credentials, outer);
            }

            _handlers = new Handlers(new HttpMessageInvoker(outer, disposeHandler: true), credentials);
            return _handlers;
        }
        finally
        {
            _gate.Release();
        }
    }

    private void AddHeaders(HttpRequestMessage request)
    {
        foreach (var (name, value) in _headers)
        {
            request.Headers.Remove(name);
            request.Headers.TryAddWithoutValidation(name, value);
        }
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _handlers?.Invoker.Dispose();
        _gate.Dispose();
    }

    private sealed record Handlers(HttpMessageInvoker Invoker, ResolvedCredentials Credentials);
}
