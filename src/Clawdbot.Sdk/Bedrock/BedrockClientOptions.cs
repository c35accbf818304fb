using System.Collections;
using System.Runtime.CompilerServices;
using Amazon.Runtime;
using Microsoft.Extensions.Logging;

namespace Clawdbot.Sdk;

/// <summary>
/// Settings of a <see cref="BedrockClient"/>. Every value is optional: unset ones come from the provider config,
/// the environment and the AWS defaults (see <see cref="BedrockClient"/>).
/// </summary>
/// <remarks>
/// A <see cref="BedrockClient"/> reads these options when it is created, and some of them (region, endpoints,
/// credentials, the HTTP handler) only then. So the options freeze when a client is created from them: setting one
/// afterwards throws <see cref="InvalidOperationException"/> naming it, instead of applying in part. Reading them, and
/// creating more clients from them, stays allowed. Create a new instance to change a value.
/// </remarks>
public sealed class BedrockClientOptions
{
    // Frozen, not snapshotted: System.ClientModel's ClientPipelineOptions (the base of the Azure SDK's and OpenAI's
    // .NET client options) freeze once a pipeline is built and throw InvalidOperationException on a later set. A
    // snapshot would ignore the change as silently as today's half-applied one; a throw tells the caller at the line
    // that is wrong. (Microsoft.Extensions.AI has no client options to follow: it configures through builders.)
    private volatile bool _frozen;

    /// <summary>Creates options with every value unset or at its default.</summary>
    public BedrockClientOptions()
    {
        Headers = new FreezableHeaders(this);
    }

    /// <summary>The AWS region for both invocation and discovery.</summary>
    public string? Region { get; set => field = Settable(value); }

    /// <summary>The runtime endpoint (<c>https://bedrock-runtime.{region}.amazonaws.com</c> by default).</summary>
    public Uri? Endpoint { get; set => field = Settable(value); }

    /// <summary>The control-plane endpoint used by discovery (<c>https://bedrock.{region}.amazonaws.com</c> by default).</summary>
    public Uri? ControlPlaneEndpoint { get; set => field = Settable(value); }

    /// <summary>
    /// The shared-config profile to take credentials (and region) from: any kind AWS defines (keys, assume role, web
    /// identity, IAM Identity Center, credential_process). Named here, it wins over the environment's credentials
    /// and <c>AWS_PROFILE</c>, as a client's profile does in the AWS SDKs.
    /// </summary>
    public string? Profile { get; set => field = Settable(value); }

    /// <summary>Credentials to sign with, instead of the credential chain.</summary>
    public AWSCredentials? Credentials { get; set => field = Settable(value); }

    /// <summary>A Bedrock API key sent as <c>Authorization: Bearer</c> (no SigV4), instead of the credential chain.</summary>
    public string? BearerToken { get; set => field = Settable(value); }

    /// <summary>Time allowed to open a connection (name resolution included), on <see cref="TimeProvider"/>'s clock. Default 10 s.</summary>
    public TimeSpan ConnectTimeout { get; set => field = Settable(value); } = TimeSpan.FromSeconds(10);

    /// <summary>Time from sending a request to its first event (or, for Converse, its response headers). Default 60 s.</summary>
    public TimeSpan FirstEventTimeout { get; set => field = Settable(value); } = TimeSpan.FromSeconds(60);

    /// <summary>Longest silence allowed between two events of a stream (and while reading a Converse body). Default 60 s.</summary>
    public TimeSpan IdleTimeout { get; set => field = Settable(value); } = TimeSpan.FromSeconds(60);

    /// <summary>Time allowed for a whole call, retries included. Default 10 min; <see cref="Timeout.InfiniteTimeSpan"/> for none.</summary>
    public TimeSpan OverallTimeout { get; set => field = Settable(value); } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// Time allowed to resolve credentials through the default chain (web identity, container credentials, EC2 instance
    /// role). Default 2 s: enough for a metadata or STS round trip, short enough that "no credentials" off EC2 is quick.
    /// When it elapses the error is <see cref="BedrockErrorKind.NoCredentials"/> with <see cref="BedrockException.Timeout"/>
    /// <see cref="BedrockTimeoutKind.CredentialResolution"/>, saying what was looked at.
    /// </summary>
    public TimeSpan CredentialResolutionTimeout { get; set => field = Settable(value); } = TimeSpan.FromSeconds(2);

    /// <summary>Attempts per call, the first included (1 disables retries). Default 3.</summary>
    public int MaxAttempts { get; set => field = Settable(value); } = 3;

    /// <summary>Base of the exponential backoff between attempts (full jitter). Default 100 ms.</summary>
    public TimeSpan RetryBaseDelay { get; set => field = Settable(value); } = TimeSpan.FromMilliseconds(100);

    /// <summary>Cap of the backoff between attempts. Default 20 s.</summary>
    public TimeSpan RetryMaxDelay { get; set => field = Settable(value); } = TimeSpan.FromSeconds(20);

    /// <summary>
    /// The clock behind every timeout (connect, first event, idle, overall, credential resolution) and the backoff
    /// delays. The connect timeout is on it only with the client's own network handler, not one from
    /// <see cref="HttpMessageHandlerFactory"/>.
    /// </summary>
    public TimeProvider TimeProvider { get; set => field = Settable(value); } = TimeProvider.System;

    /// <summary>
    /// Creates the innermost handler (the one that talks to the network); signing is layered on top of it. Use it
    /// for tests or to plug in <c>IHttpClientFactory</c> (<c>() =&gt; factory.CreateHandler(name)</c>). When unset, a
    /// <see cref="SocketsHttpHandler"/> honouring <see cref="ConnectTimeout"/> is used. The client disposes the handler.
    /// </summary>
    public Func<HttpMessageHandler>? HttpMessageHandlerFactory { get; set => field = Settable(value); }

    /// <summary>
    /// Where the client logs its calls (category <c>Clawdbot.Sdk.BedrockClient</c>: model, request id, latency,
    /// tokens, error classification; never prompts, answers or credentials). None when unset.
    /// </summary>
    public ILoggerFactory? LoggerFactory { get; set => field = Settable(value); }

    /// <summary>
    /// Where the discovery that routes a bare model id through an inference profile keeps its results (see
    /// <see cref="BedrockClient"/>), as do listings through the client (<see cref="BedrockModels"/>); when unset, the
    /// client has a cache of its own. Give clients one instance to share results between them.
    /// </summary>
    public BedrockDiscoveryCache? DiscoveryCache { get; set => field = Settable(value); }

    /// <summary>
    /// The guardrail applied to every Converse and ConverseStream call whose request sets no
    /// <see cref="ConverseRequest.GuardrailConfig"/> of its own. Null: the guardrail of the config the client is created
    /// from (<c>plugins.entries.amazon-bedrock.config.guardrail</c>), else none.
    /// </summary>
    public GuardrailConfig? DefaultGuardrail { get; set => field = Settable(value); }

    /// <summary>The HTTP version requested (default 2.0, falling back to 1.1 per <see cref="HttpVersionPolicy"/>).</summary>
    public Version HttpVersion { get; set => field = Settable(value); } = System.Net.HttpVersion.Version20;

    /// <summary>Default <see cref="System.Net.Http.HttpVersionPolicy.RequestVersionOrLower"/>: HTTP/2 over TLS via ALPN, HTTP/1.1 otherwise.</summary>
    public HttpVersionPolicy HttpVersionPolicy { get; set => field = Settable(value); } = HttpVersionPolicy.RequestVersionOrLower;

    /// <summary>Extra headers sent with every request (the provider's <c>headers</c> are added by <see cref="BedrockClient.FromConfig"/>).</summary>
    public IDictionary<string, string> Headers { get; }

    /// <summary>Reads environment variables; tests substitute an isolated environment. Default: the process environment.</summary>
    internal Func<string, string?> Environment { get; set => field = Settable(value); } = System.Environment.GetEnvironmentVariable;

    /// <summary>The last link of the credential chain (AWSSDK.Core's default resolver); tests substitute it.</summary>
    internal Func<CancellationToken, Task<AWSCredentials?>>? DefaultCredentialChain { get; set => field = Settable(value); }

    /// <summary>Whether a client was created from these options, so that they can no longer change.</summary>
    internal bool IsFrozen => _frozen;

    /// <summary>Called by the client that takes these options: from now on every setter throws.</summary>
    internal void Freeze() => _frozen = true;

    private T Settable<T>(T value, [CallerMemberName] string option = "")
    {
        ThrowIfFrozen(option);
        return value;
    }

    private void ThrowIfFrozen(string option)
    {
        if (_frozen)
        {
            throw new InvalidOperationException(
                $"BedrockClientOptions.{option} cannot be changed: a BedrockClient was created from these options and reads "
                + "them only when it is created. Set it before creating the client, or create new options and a new client.");
        }
    }

    internal void Validate()
    {
        if (Region is not null && Region.Trim().Length > 0 && !IsRegionName(Region.Trim()))
        {
            throw new ArgumentException($"'{Region}' is not an AWS region name.", nameof(Region));
        }

        ValidateEndpoint(Endpoint, nameof(Endpoint));
        ValidateEndpoint(ControlPlaneEndpoint, nameof(ControlPlaneEndpoint));
        RequirePositive(ConnectTimeout, nameof(ConnectTimeout));
        RequirePositive(FirstEventTimeout, nameof(FirstEventTimeout));
        RequirePositive(IdleTimeout, nameof(IdleTimeout));
        RequirePositive(OverallTimeout, nameof(OverallTimeout));
        RequirePositive(CredentialResolutionTimeout, nameof(CredentialResolutionTimeout));
        if (MaxAttempts is < 1 or > 20)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxAttempts), MaxAttempts, "MaxAttempts must be between 1 and 20.");
        }

        if (RetryBaseDelay < TimeSpan.Zero || RetryMaxDelay < RetryBaseDelay)
        {
            throw new ArgumentOutOfRangeException(nameof(RetryBaseDelay), "RetryBaseDelay must be >= 0 and <= RetryMaxDelay.");
        }

        ArgumentNullException.ThrowIfNull(TimeProvider, nameof(TimeProvider));
        ArgumentNullException.ThrowIfNull(HttpVersion, nameof(HttpVersion));
        if (Credentials is not null && !string.IsNullOrWhiteSpace(BearerToken))
        {
            throw new ArgumentException("Set either Credentials or BearerToken, not both.", nameof(BearerToken));
        }
    }

    internal static bool IsRegionName(string value)
        => value.Length is > 2 and < 40 && value.All(static c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-');

    private static void ValidateEndpoint(Uri? endpoint, string name)
    {
        if (endpoint is not null && (!endpoint.IsAbsoluteUri || (endpoint.Scheme != Uri.UriSchemeHttps && endpoint.Scheme != Uri.UriSchemeHttp)))
        {
            throw new ArgumentException($"{name} must be an absolute http or https URI.", name);
        }

        if (endpoint is not null && endpoint.UserInfo.Length > 0)
        {
            throw new ArgumentException($"{name} must not carry a user name or password: Bedrock takes credentials by signature or bearer token only.", name);
        }
    }

    private static void RequirePositive(TimeSpan value, string name)
    {
        if (value <= TimeSpan.Zero && value != Timeout.InfiniteTimeSpan)
        {
            throw new ArgumentOutOfRangeException(name, value, $"{name} must be positive or Timeout.InfiniteTimeSpan.");
        }
    }

    /// <summary>The header dictionary: an ordinary case-insensitive dictionary until the options freeze.</summary>
    private sealed class FreezableHeaders(BedrockClientOptions owner) : IDictionary<string, string>
    {
        private readonly Dictionary<string, string> _headers = new(StringComparer.OrdinalIgnoreCase);

        public ICollection<string> Keys => _headers.Keys;

        public ICollection<string> Values => _headers.Values;

        public int Count => _headers.Count;

        public bool IsReadOnly => owner._frozen;

        public string this[string key]
        {
            get => _headers[key];
            set
            {
                Mutating();
                _headers[key] = value;
            }
        }

        public void Add(string key, string value)
        {
            Mutating();
            _headers.Add(key, value);
        }

        public void Add(KeyValuePair<string, string> item) => Add(item.Key, item.Value);

        public bool Remove(string key)
        {
            Mutating();
            return _headers.Remove(key);
        }

        public bool Remove(KeyValuePair<string, string> item)
        {
            Mutating();
            return ((ICollection<KeyValuePair<string, string>>)_headers).Remove(item);
        }

        public void Clear()
        {
            Mutating();
            _headers.Clear();
        }

        public bool ContainsKey(string key) => _headers.ContainsKey(key);

        public bool Contains(KeyValuePair<string, string> item) => ((ICollection<KeyValuePair<string, string>>)_headers).Contains(item);

        public bool TryGetValue(string key, [System.Diagnostics.CodeAnalysis.MaybeNullWhen(false)] out string value) => _headers.TryGetValue(key, out value);

        public void CopyTo(KeyValuePair<string, string>[] array, int arrayIndex) => ((ICollection<KeyValuePair<string, string>>)_headers).CopyTo(array, arrayIndex);

        public IEnumerator<KeyValuePair<string, string>> GetEnumerator() => _headers.GetEnumerator();

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

        private void Mutating() => owner.ThrowIfFrozen(nameof(Headers));
    }
}
