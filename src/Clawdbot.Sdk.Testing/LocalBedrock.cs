using System.Net;
using Amazon.Runtime;
using Clawdbot.Sdk.Testing.Internal;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Logging;

namespace Clawdbot.Sdk.Testing;

/// <summary>
/// A local Amazon Bedrock for tests: Kestrel on 127.0.0.1 (free port, HTTP/1.1 and h2c) speaking the real
/// Bedrock Runtime wire protocol (<c>converse-stream</c> event streams, <c>converse</c>, <c>count-tokens</c>, <c>invoke</c>
/// for the embedding models, AWS error shapes) and the
/// control-plane listings, with real SigV4 and bearer-token authentication, a request log and scripted replies.
/// On the same port it serves the AWS identity endpoints credential providers call, each issuing temporary credentials
/// the emulator then accepts until they expire: STS (<c>AssumeRole</c>, <c>AssumeRoleWithWebIdentity</c>,
/// <c>GetCallerIdentity</c>; set <c>AWS_ENDPOINT_URL_STS</c> to <see cref="Endpoint"/>), the IAM Identity Center portal
/// and SSO OIDC (<c>AWS_ENDPOINT_URL_SSO</c>, <c>AWS_ENDPOINT_URL_SSO_OIDC</c>), the EC2 instance metadata service
/// (<see cref="InstanceMetadataEndpoint"/>) and a container credentials endpoint (<see cref="ContainerCredentialsUri"/>).
/// </summary>
/// <example>
/// <code>
/// await using var bedrock = await LocalBedrock.StartAsync();
/// bedrock.Enqueue(Script.Stream().Text("Hello", " world"));
/// // point the client at bedrock.Endpoint with bedrock.Credentials and bedrock.Region
/// </code>
/// </example>
public sealed class LocalBedrock : IAsyncDisposable
{
    private const int MaxRequestBodyBytes = 32 * 1024 * 1024;

    private readonly WebApplication _app;
    /// <summary>The SigV4 signing name of the runtime and the control plane alike.</summary>
    private const string SigningService = "bedrock";

    private readonly LocalBedrockOptions _options;
    private readonly IdentityEndpoints _identity;
    private readonly Lock _gate = new();
    private readonly List<RecordedRequest> _requests = [];
    private readonly List<(string? ModelId, ScriptedResponse Script)> _queue = [];
    private readonly Dictionary<string, ScriptedResponse> _standing = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stopping = new();
    private BedrockCatalog _catalog;
    private int _requestCount;
    private int _listFoundationModelsCalls;
    private int _listInferenceProfilesCalls;
    private int _getInferenceProfileCalls;
    private int _openConnections;
    private int _disposed;
    private ListenOptions? _http1Listen;
    private ListenOptions? _http2Listen;

    private LocalBedrock(LocalBedrockOptions options)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(options.TemporaryCredentialLifetime, TimeSpan.Zero, nameof(options.TemporaryCredentialLifetime));
        ArgumentException.ThrowIfNullOrWhiteSpace(options.ContainerAuthorizationToken, nameof(options.ContainerAuthorizationToken));
        ArgumentException.ThrowIfNullOrWhiteSpace(options.InstanceRoleName, nameof(options.InstanceRoleName));
        _options = options;
        _identity = new IdentityEndpoints(options);
        _catalog = options.Catalog ?? BedrockCatalog.CreateDefault(options.Region, options.AccountId);

        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            ApplicationName = typeof(LocalBedrock).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = MaxRequestBodyBytes;
            // Without TLS there is no ALPN, so Kestrel serves a mixed endpoint as HTTP/1.1 only; HTTP/2 with prior
            // knowledge (h2c) gets an endpoint of its own, and the main endpoint hands connections that open with the
            // HTTP/2 preface to it, so clients that speak h2c by default (the AWS SDK for JavaScript's runtime client)
            // and HTTP/1.1 clients (its control-plane client) share one address, as they share one Bedrock host.
            var router = new PriorKnowledgeRouter();
            kestrel.Listen(IPAddress.Loopback, 0, listen =>
            {
                listen.Protocols = HttpProtocols.Http1;
                listen.Use(CountConnection);
                listen.Use(router.Route);
                _http1Listen = listen;
            });
            kestrel.Listen(IPAddress.Loopback, 0, listen =>
            {
                listen.Protocols = HttpProtocols.Http2;
                // Outside the capture, so a connection the main endpoint routes here is counted there only.
                listen.Use(CountConnection);
                listen.Use(router.CaptureHttp2);
                _http2Listen = listen;
            });
        });
        _app = builder.Build();
        _app.Run(HandleAsync);
    }

    /// <summary>
    /// The base address, e.g. <c>http://127.0.0.1:54321/</c>; runtime and control-plane paths hang off it. It serves
    /// HTTP/1.1, and HTTP/2 with prior knowledge (h2c) to connections that open with the HTTP/2 preface.
    /// </summary>
    public Uri Endpoint { get; private set; } = null!;

    /// <summary>
    /// The same service over HTTP/2 with prior knowledge (h2c) only: send requests with <c>Version = 2.0</c> and
    /// <see cref="HttpVersionPolicy.RequestVersionExact"/>. <see cref="Endpoint"/> serves such requests as well.
    /// </summary>
    public Uri Http2Endpoint { get; private set; } = null!;

    /// <summary>The signing region requests must be scoped to.</summary>
    public string Region => _options.Region;

    /// <summary>The access key id the emulator accepts for SigV4 (<see cref="LocalBedrockOptions.AccessKeyId"/>).</summary>
    public string AccessKeyId => _options.AccessKeyId;

    /// <summary>The secret key that goes with <see cref="AccessKeyId"/>.</summary>
    public string SecretAccessKey => _options.SecretAccessKey;

    /// <summary>The session token SigV4 requests must carry, or null when none is required.</summary>
    public string? SessionToken => _options.SessionToken;

    /// <summary>
    /// The Bedrock API key the emulator accepts as <c>Authorization: Bearer</c> (what <c>AWS_BEARER_TOKEN_BEDROCK</c>
    /// would carry).
    /// </summary>
    public string BearerToken => _options.BearerToken;

    /// <summary>AWSSDK credentials the emulator accepts (session credentials when a session token is configured).</summary>
    public AWSCredentials Credentials => SessionToken is null
        ? new BasicAWSCredentials(AccessKeyId, SecretAccessKey)
        : new SessionAWSCredentials(AccessKeyId, SecretAccessKey, SessionToken);

    /// <summary>
    /// The base address to put in <c>AWS_EC2_METADATA_SERVICE_ENDPOINT</c>: the emulator serves IMDSv2 under
    /// <c>/latest/</c> (<c>PUT /latest/api/token</c>, then <c>/latest/meta-data/iam/security-credentials/</c>,
    /// <c>.../{role}</c>, <c>security-credentials-extended/</c> and <c>iam/info</c> with the token), listing
    /// <see cref="LocalBedrockOptions.InstanceRoleName"/>.
    /// </summary>
    public Uri InstanceMetadataEndpoint => Endpoint;

    /// <summary>
    /// The address to put in <c>AWS_CONTAINER_CREDENTIALS_FULL_URI</c>, with <see cref="ContainerAuthorizationToken"/>
    /// in <c>AWS_CONTAINER_AUTHORIZATION_TOKEN</c>: a <c>GET</c> with that token in <c>Authorization</c> answers
    /// temporary credentials as the ECS and EKS agents do.
    /// </summary>
    public Uri ContainerCredentialsUri => new(Endpoint, RequestRoute.ContainerCredentialsPath);

    /// <summary>The token the container credentials endpoint requires in <c>Authorization</c>.</summary>
    public string ContainerAuthorizationToken => _options.ContainerAuthorizationToken;

    /// <summary>Every temporary credential the identity endpoints issued so far, in order (a snapshot, without secrets).</summary>
    public IReadOnlyList<IssuedCredential> IssuedCredentials => _identity.Store.IssuedCredentials;

    /// <summary>Every request received so far, in arrival order (a snapshot).</summary>
    public IReadOnlyList<RecordedRequest> Requests
    {
        get
        {
            lock (_gate)
            {
                return _requests.ToArray();
            }
        }
    }

    /// <summary>What the control plane lists; replace or edit it at any time.</summary>
    public BedrockCatalog Catalog
    {
        get => Volatile.Read(ref _catalog);
        set => Volatile.Write(ref _catalog, value ?? throw new ArgumentNullException(nameof(value)));
    }

    /// <summary>Authenticated <c>GET /foundation-models</c> calls so far.</summary>
    public int ListFoundationModelsCallCount => Volatile.Read(ref _listFoundationModelsCalls);

    /// <summary>Authenticated <c>GET /inference-profiles</c> calls so far (each page counts).</summary>
    public int ListInferenceProfilesCallCount => Volatile.Read(ref _listInferenceProfilesCalls);

    /// <summary>Authenticated <c>GET /inference-profiles/{id}</c> (GetInferenceProfile) calls so far.</summary>
    public int GetInferenceProfileCallCount => Volatile.Read(ref _getInferenceProfileCalls);

    /// <summary>
    /// TCP connections open to the emulator right now, on both endpoints (counted from accept to close): with the
    /// client in the same process, the sockets its handler holds to the emulator.
    /// </summary>
    public int OpenConnectionCount => Volatile.Read(ref _openConnections);

    /// <summary>Scripts queued and not yet consumed.</summary>
    public int PendingScriptCount
    {
        get
        {
            lock (_gate)
            {
                return _queue.Count;
            }
        }
    }

    /// <summary>Starts an emulator; it is listening when the task completes.</summary>
    public static async Task<LocalBedrock> StartAsync(LocalBedrockOptions? options = null, CancellationToken cancellationToken = default)
    {
        var bedrock = new LocalBedrock(options ?? new LocalBedrockOptions());
        try
        {
            await bedrock._app.StartAsync(cancellationToken).ConfigureAwait(false);
            bedrock.Endpoint = BaseAddress(bedrock._http1Listen);
            bedrock.Http2Endpoint = BaseAddress(bedrock._http2Listen);
            return bedrock;
        }
        catch
        {
            await bedrock.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private ConnectionDelegate CountConnection(ConnectionDelegate next) => async connection =>
    {
        Interlocked.Increment(ref _openConnections);
        try
        {
            await next(connection).ConfigureAwait(false);
        }
        finally
        {
            Interlocked.Decrement(ref _openConnections);
        }
    };

    private static Uri BaseAddress(ListenOptions? listen) =>
        new($"http://127.0.0.1:{listen?.IPEndPoint?.Port ?? throw new InvalidOperationException("Kestrel did not bind the endpoint.")}/");

    /// <summary>
    /// Queues a scripted reply for the next runtime call (<c>converse-stream</c> or <c>converse</c>; <c>invoke</c> takes
    /// HTTP errors and raw bodies only, a stream script waits for a Converse call), or for the next
    /// call to <paramref name="modelId"/> when given (the decoded model id, e.g. <c>us.anthropic.claude-opus-4-5-20251101-v1:0</c>).
    /// Without a matching script a call gets the echo reply "You said: ...", or, when it asks for structured output
    /// (<c>outputConfig.textFormat</c>), a small JSON value that satisfies its schema. A malformed <c>outputConfig</c>
    /// (a schema that is not a string holding a JSON object, a type other than <c>json_schema</c>) is refused with
    /// <c>ValidationException</c>, as Bedrock refuses it.
    /// A queued <see cref="HttpErrorScript"/> also
    /// answers the next <c>count-tokens</c> call; without one, CountTokens counts one token per word of the system and
    /// message text (what Converse reports as <c>usage.inputTokens</c>), for <c>anthropic.*</c> foundation model ids only
    /// (another model, a profile id or an ARN gets Bedrock's <c>ValidationException</c>).
    /// </summary>
    public void Enqueue(ScriptedResponse script, string? modelId = null)
    {
        ArgumentNullException.ThrowIfNull(script);
        lock (_gate)
        {
            _queue.Add((modelId, script));
        }
    }

    /// <summary>
    /// Plays <paramref name="script"/> for every runtime call to <paramref name="modelId"/> (the decoded model id) that
    /// no queued script answers, until it is replaced or cleared with null: a model that is throttled (or down) on every
    /// call while others answer. Other models keep their echo reply.
    /// </summary>
    public void SetStandingResponse(string modelId, ScriptedResponse? script)
    {
        ArgumentException.ThrowIfNullOrEmpty(modelId);
        lock (_gate)
        {
            if (script is null)
            {
                _standing.Remove(modelId);
            }
            else
            {
                _standing[modelId] = script;
            }
        }
    }

    /// <summary>
    /// Registers an IAM role with a rule for <c>AssumeRole</c>. Any well-formed role ARN can be assumed; a registered
    /// one with <paramref name="requiredExternalId"/> is refused, as STS refuses it (<c>AccessDenied</c>), to a caller
    /// that does not send that <c>ExternalId</c>.
    /// </summary>
    public void AddRole(string roleArn, string? requiredExternalId = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(roleArn);
        _identity.Store.AddRole(roleArn, requiredExternalId);
    }

    /// <summary>
    /// Registers a token <c>AssumeRoleWithWebIdentity</c> accepts (what <c>AWS_WEB_IDENTITY_TOKEN_FILE</c> holds);
    /// any other token is refused with <c>InvalidIdentityToken</c>.
    /// </summary>
    public void AddWebIdentityToken(string token)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(token);
        _identity.Store.AddWebIdentityToken(token);
    }

    /// <summary>
    /// Registers an IAM Identity Center access token (the <c>accessToken</c> of a cached SSO token) that
    /// <c>GetRoleCredentials</c> accepts in <c>x-amz-sso_bearer_token</c> from now on; any other token, or one
    /// <c>CreateToken</c> issued once it has expired, is refused with <c>UnauthorizedException</c> (401).
    /// </summary>
    public void AddSsoAccessToken(string accessToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(accessToken);
        _identity.Store.AddSsoAccessToken(accessToken, DateTimeOffset.MaxValue);
    }

    /// <summary>
    /// Registers an SSO OIDC client and a refresh token of it (the <c>clientId</c>, <c>clientSecret</c> and
    /// <c>refreshToken</c> of a cached SSO token): <c>CreateToken</c> with grant type <c>refresh_token</c> then issues
    /// an access token <c>GetRoleCredentials</c> accepts, and a further refresh token. An unknown refresh token is
    /// refused with <c>InvalidGrantException</c> (400), an unknown client or secret with <c>InvalidClientException</c> (401).
    /// </summary>
    public void AddSsoRefreshToken(string refreshToken, string clientId, string clientSecret)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(refreshToken);
        ArgumentException.ThrowIfNullOrWhiteSpace(clientId);
        ArgumentException.ThrowIfNullOrWhiteSpace(clientSecret);
        _identity.Store.AddSsoRefreshToken(refreshToken, clientId, clientSecret);
    }

    /// <summary>Forgets the recorded requests.</summary>
    public void ClearRequests()
    {
        lock (_gate)
        {
            _requests.Clear();
        }
    }

    /// <summary>
    /// Stops the server and releases its ports; requests in flight are cut off. Calling it again does nothing.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _stopping.CancelAsync().ConfigureAwait(false);
        using (var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5)))
        {
            try
            {
                await _app.StopAsync(timeout.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // Connections still open after the grace period are closed by disposing the host below.
            }
        }

        await _app.DisposeAsync().ConfigureAwait(false);
        _stopping.Dispose();
    }

    private async Task HandleAsync(HttpContext context)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, _stopping.Token);
        var cancellationToken = linked.Token;
        var request = context.Request;
        var rawTarget = context.Features.GetRequiredFeature<IHttpRequestFeature>().RawTarget;
        var queryStart = rawTarget.IndexOf('?');
        var rawPath = queryStart < 0 ? rawTarget : rawTarget[..queryStart];
        var body = await ReadBodyAsync(request, cancellationToken).ConfigureAwait(false);
        var route = RequestRoute.Parse(request.Method, rawPath);
        if (route.Service == RequestRoute.StsService)
        {
            route = route with { Operation = IdentityEndpoints.ActionOf(request, body) ?? RequestRoute.Unknown };
        }

        var authorization = request.Headers.Authorization.ToString();
        // The container credentials endpoint's Authorization is a plain token, not a signature or an API key.
        var authKind = route.Service == RequestRoute.ContainerService ? RequestAuthKind.None
            : authorization.StartsWith("Bearer ", StringComparison.Ordinal) ? RequestAuthKind.Bearer
            : authorization.Length > 0 ? RequestAuthKind.SigV4
            : RequestAuthKind.None;

        // Before the request is recorded, so a test that sees it recorded has seen the start of its first-byte delay.
        var receivedAt = _options.TimeProvider.GetTimestamp();
        var requestNumber = Interlocked.Increment(ref _requestCount);
        var requestId = $"00000000-0000-4000-8000-{requestNumber:x12}";
        Record(context, rawPath, queryStart < 0 ? "" : rawTarget[queryStart..], route, body, authKind, requestId,
            authKind == RequestAuthKind.SigV4 ? SigV4Verifier.ScopeOf(authorization).AccessKeyId : null);
        context.Response.Headers["x-amzn-RequestId"] = requestId;

        if (route.Service != RequestRoute.BedrockService)
        {
            await _identity.HandleAsync(context, route, rawTarget, body, requestId, cancellationToken).ConfigureAwait(false);
            return;
        }

        var authError = authKind switch
        {
            RequestAuthKind.None => new AwsError(403, "MissingAuthenticationTokenException", "Missing Authentication Token"),
            RequestAuthKind.Bearer => VerifyBearer(authorization),
            _ => _identity.AuthenticateSigV4(request, rawTarget, body, authorization, SigningService, [Region]),
        };
        if (authError is not null)
        {
            await authError.WriteAsync(context.Response, cancellationToken).ConfigureAwait(false);
            return;
        }

        switch (route.Operation)
        {
            case RequestRoute.ConverseStream:
            case RequestRoute.Converse:
                await RespondToRuntimeCallAsync(context, route, body, requestNumber, receivedAt, cancellationToken).ConfigureAwait(false);
                break;
            case RequestRoute.CountTokens:
                // A queued error is played first, so retries and failures of CountTokens can be scripted like a call's.
                if (DequeueError(route.ModelId) is { } scripted)
                {
                    await PlayScriptAsync(context, scripted, requestNumber, receivedAt, cancellationToken).ConfigureAwait(false);
                    break;
                }

                await WriteJsonOrErrorAsync(context.Response, TokenCounter.Count(route.ModelId!, body), cancellationToken).ConfigureAwait(false);
                break;
            case RequestRoute.InvokeModel:
                await RespondToInvokeModelAsync(context, route.ModelId!, body, requestNumber, receivedAt, cancellationToken).ConfigureAwait(false);
                break;
            case RequestRoute.ListFoundationModels:
                Interlocked.Increment(ref _listFoundationModelsCalls);
                await WriteJsonOrErrorAsync(context.Response,
                    ControlPlane.ListFoundationModels(Catalog, request.Query, Region), cancellationToken).ConfigureAwait(false);
                break;
            case RequestRoute.ListInferenceProfiles:
                Interlocked.Increment(ref _listInferenceProfilesCalls);
                await WriteJsonOrErrorAsync(context.Response,
                    ControlPlane.ListInferenceProfiles(Catalog, request.Query, Region, _options.AccountId), cancellationToken).ConfigureAwait(false);
                break;
            case RequestRoute.GetInferenceProfile:
                Interlocked.Increment(ref _getInferenceProfileCalls);
                await WriteJsonOrErrorAsync(context.Response,
                    ControlPlane.GetInferenceProfile(Catalog, route.ModelId!, Region, _options.AccountId), cancellationToken).ConfigureAwait(false);
                break;
            default:
                await new AwsError(404, "UnknownOperationException", $"No operation matches {request.Method} {rawPath}.")
                    .WriteAsync(context.Response, cancellationToken).ConfigureAwait(false);
                break;
        }
    }

    private AwsError? VerifyBearer(string authorization)
    {
        var token = authorization["Bearer ".Length..].Trim();
        return System.Security.Cryptography.CryptographicOperations.FixedTimeEquals(
                System.Text.Encoding.UTF8.GetBytes(token), System.Text.Encoding.UTF8.GetBytes(BearerToken))
            ? null
            : AwsError.Unrecognized("Bearer token invalid.");
    }

    private async Task RespondToRuntimeCallAsync(HttpContext context, RequestRoute route, byte[] body, int requestNumber, long receivedAt, CancellationToken cancellationToken)
    {
        var requestText = RequestText.TryParse(body);
        if (requestText is null)
        {
            await AwsError.Validation("Malformed input request, please reformat your input and try again.")
                .WriteAsync(context.Response, cancellationToken).ConfigureAwait(false);
            return;
        }

        if (requestText.Output?.Error is { } outputError)
        {
            await AwsError.Validation(outputError).WriteAsync(context.Response, cancellationToken).ConfigureAwait(false);
            return;
        }

        // As AWS does: a catalogue model served only through inference profiles cannot be invoked by its bare id.
        if (route.ModelId is { } modelId && Catalog.FoundationModels.Find(m => m.ModelId == modelId) is { } model
            && !model.InferenceTypesSupported.Contains("ON_DEMAND"))
        {
            await AwsError.Validation($"Invocation of model ID {modelId} with on-demand throughput isn’t supported. Retry your request with the ID or ARN of an inference profile that contains this model.")
                .WriteAsync(context.Response, cancellationToken).ConfigureAwait(false);
            return;
        }

        var script = Dequeue(route.ModelId) ?? EchoReply.Create(requestText, route.ModelId);
        var responder = new RuntimeResponder(context, cancellationToken, PaddingFor(requestNumber), _options.TimeProvider, receivedAt);
        if (route.Operation == RequestRoute.ConverseStream)
        {
            await responder.StreamAsync(script, requestText).ConfigureAwait(false);
        }
        else
        {
            await responder.ConverseAsync(script, requestText).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// InvokeModel of an embedding model: a queued or standing HTTP error or raw body plays first (a stream script waits
    /// for a Converse call), else the computed embedding answers, with its token count in the body (Titan) and in
    /// <c>X-Amzn-Bedrock-Input-Token-Count</c> (every family, as Bedrock sends it).
    /// </summary>
    private async Task RespondToInvokeModelAsync(HttpContext context, string modelId, byte[] body, int requestNumber, long receivedAt, CancellationToken cancellationToken)
    {
        if (Dequeue(modelId, static script => script is HttpErrorScript or RawBodyScript) is { } script)
        {
            await PlayScriptAsync(context, script, requestNumber, receivedAt, cancellationToken).ConfigureAwait(false);
            return;
        }

        if (EmbeddingResponder.Respond(modelId, body) is not { } reply)
        {
            await AwsError.Validation($"LocalBedrock answers InvokeModel for embedding models only (Titan Text Embeddings V2, Cohere Embed v3 and v4), not '{modelId}'.")
                .WriteAsync(context.Response, cancellationToken).ConfigureAwait(false);
            return;
        }

        if (reply.Error is { } error)
        {
            await error.WriteAsync(context.Response, cancellationToken).ConfigureAwait(false);
            return;
        }

        var answer = reply.Answer!;
        context.Response.StatusCode = 200;
        context.Response.ContentType = "application/json";
        context.Response.Headers["X-Amzn-Bedrock-Input-Token-Count"] = answer.InputTokens.ToString(System.Globalization.CultureInfo.InvariantCulture);
        context.Response.ContentLength = answer.Body.Length;
        await context.Response.Body.WriteAsync(answer.Body, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Plays a scripted HTTP error or raw body to a call that has no Converse request text (CountTokens, InvokeModel),
    /// with the same padding and first-byte timing as a Converse call's script.
    /// </summary>
    private Task PlayScriptAsync(HttpContext context, ScriptedResponse script, int requestNumber, long receivedAt, CancellationToken cancellationToken)
        => new RuntimeResponder(context, cancellationToken, PaddingFor(requestNumber), _options.TimeProvider, receivedAt).ConverseAsync(script, new RequestText("", 0));

    private Random PaddingFor(int requestNumber) => new(HashCode.Combine(_options.PaddingSeed, requestNumber));

    private ScriptedResponse? Dequeue(string? modelId, Func<ScriptedResponse, bool>? playable = null)
    {
        lock (_gate)
        {
            var index = _queue.FindIndex(entry => (entry.ModelId is null || entry.ModelId == modelId) && playable?.Invoke(entry.Script) != false);
            if (index < 0)
            {
                return modelId is not null && _standing.TryGetValue(modelId, out var standing) && playable?.Invoke(standing) != false ? standing : null;
            }

            var script = _queue[index].Script;
            _queue.RemoveAt(index);
            return script;
        }
    }

    /// <summary>The next queued script for <paramref name="modelId"/> when it is an HTTP error; streams stay queued.</summary>
    private HttpErrorScript? DequeueError(string? modelId)
    {
        lock (_gate)
        {
            var index = _queue.FindIndex(entry => entry.ModelId is null || entry.ModelId == modelId);
            if (index < 0 || _queue[index].Script is not HttpErrorScript error)
            {
                return null;
            }

            _queue.RemoveAt(index);
            return error;
        }
    }

    private void Record(HttpContext context, string rawPath, string query, RequestRoute route, byte[] body, RequestAuthKind authKind, string requestId, string? accessKeyId)
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, values) in context.Request.Headers)
        {
            headers[name] = RecordRedaction.IsSecretHeader(name) ? RecordRedaction.Redacted : values.ToString();
        }

        var recorded = new RecordedRequest
        {
            Method = context.Request.Method,
            Path = Uri.UnescapeDataString(rawPath),
            RawPath = rawPath,
            Query = query,
            ModelId = route.ModelId,
            Operation = route.Operation,
            AccessKeyId = accessKeyId,
            Headers = headers,
            Body = RecordRedaction.Body(route.Service, System.Text.Encoding.UTF8.GetString(body)),
            AuthKind = authKind,
            Protocol = context.Request.Protocol,
            Time = _options.TimeProvider.GetUtcNow(),
            RequestId = requestId,
        };
        lock (_gate)
        {
            _requests.Add(recorded);
        }
    }

    private static async Task<byte[]> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, cancellationToken).ConfigureAwait(false);
        return buffer.ToArray();
    }

    private static async Task WriteJsonOrErrorAsync(HttpResponse response, (AwsError? Error, byte[] Body) result, CancellationToken cancellationToken)
    {
        if (result.Error is not null)
        {
            await result.Error.WriteAsync(response, cancellationToken).ConfigureAwait(false);
            return;
        }

        response.StatusCode = 200;
        response.ContentType = "application/json";
        response.ContentLength = result.Body.Length;
        await response.Body.WriteAsync(result.Body, cancellationToken).ConfigureAwait(false);
    }
}
