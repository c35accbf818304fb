namespace Clawdbot.Sdk;

/// <summary>
/// What <c>services.AddBedrock(...)</c> sets up. Every value is optional: unset ones come from the declared config,
/// the environment and the AWS defaults, as for <see cref="BedrockClient"/>. Bound from the configuration section
/// <see cref="SectionName"/> by <c>AddBedrock(IConfiguration)</c>: <c>Region</c>, <c>Endpoint</c>,
/// <c>ControlPlaneEndpoint</c>, <c>Profile</c>, <c>ConnectTimeout</c>, <c>FirstEventTimeout</c>, <c>IdleTimeout</c>,
/// <c>OverallTimeout</c>, <c>RetryBaseDelay</c>, <c>RetryMaxDelay</c> (a <see cref="TimeSpan"/> such as <c>00:00:30</c>,
/// seconds, or <c>Infinite</c>), <c>MaxAttempts</c>, <c>ConfigFile</c>, <c>ProviderId</c>, <c>DefaultModel</c> and the
/// <c>Guardrail</c> subsection (<see cref="DefaultGuardrail"/>); by the
/// configuration binding source generator (no reflection). Registered as <c>IOptions&lt;BedrockOptions&gt;</c> too.
/// </summary>
public sealed class BedrockOptions
{
    /// <summary>The configuration section read by convention: <c>Bedrock</c>.</summary>
    public const string SectionName = "Bedrock";

    /// <summary>The name of the <c>IHttpClientFactory</c> client whose handler chain carries the Bedrock calls.</summary>
    public const string HttpClientName = "Clawdbot.Sdk.Bedrock";

    /// <summary>
    /// The AWS region to call; null resolves it as <see cref="BedrockClientOptions.Region"/> does (the provider's
    /// <c>baseUrl</c>, <c>AWS_REGION</c>, …).
    /// </summary>
    public string? Region { get; set; }

    /// <summary>
    /// The Bedrock Runtime endpoint; null uses <c>AWS_ENDPOINT_URL_BEDROCK_RUNTIME</c>, the provider's <c>baseUrl</c>
    /// or the regional AWS endpoint.
    /// </summary>
    public Uri? Endpoint { get; set; }

    /// <summary>
    /// The Bedrock control-plane endpoint discovery lists models from; null uses <c>AWS_ENDPOINT_URL_BEDROCK</c> or the
    /// regional AWS endpoint.
    /// </summary>
    public Uri? ControlPlaneEndpoint { get; set; }

    /// <summary>
    /// The AWS shared-config profile to take credentials (and a region) from; null uses <c>AWS_PROFILE</c>, else
    /// <c>default</c>.
    /// </summary>
    public string? Profile { get; set; }

    /// <summary>Time allowed to open a connection; null keeps the client default (10 s).</summary>
    public TimeSpan? ConnectTimeout { get; set; }

    /// <summary>Time from sending a request to its first event; null keeps the client default (60 s).</summary>
    public TimeSpan? FirstEventTimeout { get; set; }

    /// <summary>Longest silence allowed between two events of a stream; null keeps the client default (60 s).</summary>
    public TimeSpan? IdleTimeout { get; set; }

    /// <summary>Time allowed for a whole call, retries included; null keeps the client default (10 min).</summary>
    public TimeSpan? OverallTimeout { get; set; }

    /// <summary>Attempts per call, the first included (1 disables retries); null keeps the client default (3).</summary>
    public int? MaxAttempts { get; set; }

    /// <summary>See <see cref="BedrockClientOptions.RetryBaseDelay"/>.</summary>
    public TimeSpan? RetryBaseDelay { get; set; }

    /// <summary>See <see cref="BedrockClientOptions.RetryMaxDelay"/>.</summary>
    public TimeSpan? RetryMaxDelay { get; set; }

    /// <summary>
    /// The declared models (<c>Bedrock.Config</c> of the generated code, or <see cref="ClawdbotConfig.Load"/>): its
    /// Bedrock providers configure the clients and each declared model gets a keyed <c>IChatClient</c>.
    /// </summary>
    public ClawdbotConfig? Config { get; set; }

    /// <summary>A <c>models.json5</c> to load when <see cref="Config"/> is not set.</summary>
    public string? ConfigFile { get; set; }

    /// <summary>The provider behind the unkeyed <see cref="BedrockClient"/>; default the config's Bedrock provider (<c>amazon-bedrock</c>).</summary>
    public string? ProviderId { get; set; }

    /// <summary>
    /// The model behind the unkeyed <c>IChatClient</c>: a key of a declared model (id, <c>provider/id</c>, alias or
    /// C# name) or any Bedrock model id. Default: <c>agents.defaults.model.primary</c> of the config.
    /// </summary>
    public string? DefaultModel { get; set; }

    /// <summary>
    /// The guardrail applied to every call whose request sets none (<see cref="BedrockClientOptions.DefaultGuardrail"/>);
    /// null takes the config file's (<c>plugins.entries.amazon-bedrock.config.guardrail</c>), else none. Bound from
    /// <c>Guardrail:GuardrailIdentifier</c>, <c>Guardrail:GuardrailVersion</c>, <c>Guardrail:Trace</c> and
    /// <c>Guardrail:StreamProcessingMode</c>.
    /// </summary>
    public GuardrailConfig? DefaultGuardrail { get; set; }

    /// <summary>Last say over each client's options (credentials, headers, handler factory, …).</summary>
    public Action<BedrockClientOptions>? ConfigureClient { get; set; }

    internal void ApplyTo(BedrockClientOptions options)
    {
        options.Region = Region ?? options.Region;
        options.Endpoint = Endpoint ?? options.Endpoint;
        options.ControlPlaneEndpoint = ControlPlaneEndpoint ?? options.ControlPlaneEndpoint;
        options.Profile = Profile ?? options.Profile;
        options.ConnectTimeout = ConnectTimeout ?? options.ConnectTimeout;
        options.FirstEventTimeout = FirstEventTimeout ?? options.FirstEventTimeout;
        options.IdleTimeout = IdleTimeout ?? options.IdleTimeout;
        options.OverallTimeout = OverallTimeout ?? options.OverallTimeout;
        options.MaxAttempts = MaxAttempts ?? options.MaxAttempts;
        options.RetryBaseDelay = RetryBaseDelay ?? options.RetryBaseDelay;
        options.RetryMaxDelay = RetryMaxDelay ?? options.RetryMaxDelay;
        options.DefaultGuardrail = DefaultGuardrail ?? options.DefaultGuardrail;
    }
}
