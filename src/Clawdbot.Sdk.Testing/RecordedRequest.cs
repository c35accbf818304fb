namespace Clawdbot.Sdk.Testing;

/// <summary>
/// One request the emulator received, recorded before it was authenticated. Secrets are redacted: the values of the
/// <c>Authorization</c>, <c>x-amz-security-token</c>, <c>x-amz-sso_bearer_token</c> and <c>x-aws-ec2-metadata-token</c>
/// headers, STS's <c>WebIdentityToken</c> and <c>TokenCode</c> parameters, and <c>CreateToken</c>'s
/// <c>clientSecret</c>, <c>refreshToken</c>, <c>code</c>, <c>codeVerifier</c> and <c>deviceCode</c> read <c>REDACTED</c>.
/// </summary>
public sealed record RecordedRequest
{
    /// <summary>The HTTP method, for example <c>POST</c>.</summary>
    public required string Method { get; init; }

    /// <summary>The decoded path.</summary>
    public required string Path { get; init; }

    /// <summary>The path exactly as sent on the wire (percent-encoding intact), without the query.</summary>
    public required string RawPath { get; init; }

    /// <summary>The query string including the leading <c>?</c>, or empty.</summary>
    public required string Query { get; init; }

    /// <summary>The decoded model id of a runtime call (<c>/model/{modelId}/...</c>), else null.</summary>
    public string? ModelId { get; init; }

    /// <summary>
    /// <c>ConverseStream</c>, <c>Converse</c>, <c>InvokeModel</c>, <c>ListFoundationModels</c>, <c>ListInferenceProfiles</c>, <c>GetInferenceProfile</c>; for the identity
    /// endpoints the STS action (<c>AssumeRole</c>, <c>AssumeRoleWithWebIdentity</c>, <c>GetCallerIdentity</c>, ...),
    /// <c>GetRoleCredentials</c>, <c>CreateToken</c>, <c>InstanceMetadataToken</c>, <c>InstanceMetadataRoles</c>,
    /// <c>InstanceMetadataCredentials</c>, <c>InstanceMetadataInfo</c>, <c>InstanceMetadataUnknown</c> or
    /// <c>ContainerCredentials</c>; otherwise <c>Unknown</c>.
    /// </summary>
    public required string Operation { get; init; }

    /// <summary>
    /// The access key id a SigV4 request was signed with (from its credential scope, whether or not it was then
    /// accepted), so a test can tell which credentials signed a call; null when the request was not SigV4-signed.
    /// </summary>
    public string? AccessKeyId { get; init; }

    /// <summary>
    /// The request headers by name (case-insensitive); a header sent more than once holds its values joined by commas.
    /// Secret values are redacted (see the type's remarks).
    /// </summary>
    public required IReadOnlyDictionary<string, string> Headers { get; init; }

    /// <summary>The request body as text (JSON for runtime calls, a form for STS, secrets redacted); empty when there is none.</summary>
    public required string Body { get; init; }

    /// <summary>How the request authenticated, or tried to: SigV4, a bearer token or neither.</summary>
    public required RequestAuthKind AuthKind { get; init; }

    /// <summary>The HTTP protocol, e.g. <c>HTTP/1.1</c> or <c>HTTP/2</c>.</summary>
    public required string Protocol { get; init; }

    /// <summary>When the request arrived, on <see cref="LocalBedrockOptions.TimeProvider"/>'s clock.</summary>
    public required DateTimeOffset Time { get; init; }

    /// <summary>The <c>x-amzn-RequestId</c> the emulator answered this request with (what AWS SDKs report as the request id).</summary>
    public required string RequestId { get; init; }
}
