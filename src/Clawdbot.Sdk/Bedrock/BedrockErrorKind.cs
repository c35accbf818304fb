namespace Clawdbot.Sdk;

/// <summary>What went wrong in a Bedrock call; see <see cref="BedrockException"/>.</summary>
public enum BedrockErrorKind
{
    /// <summary><c>ThrottlingException</c> (429).</summary>
    Throttling,

    /// <summary><c>ModelStreamErrorException</c> (424): the model failed while streaming.</summary>
    ModelStreamError,

    /// <summary><c>ModelErrorException</c> (424) from Converse.</summary>
    ModelError,

    /// <summary><c>ModelNotReadyException</c> (429).</summary>
    ModelNotReady,

    /// <summary><c>ModelTimeoutException</c> (408).</summary>
    ModelTimeout,

    /// <summary><c>ValidationException</c> (400).</summary>
    Validation,

    /// <summary><c>InternalServerException</c> (500).</summary>
    InternalServer,

    /// <summary><c>ServiceUnavailableException</c> (503).</summary>
    ServiceUnavailable,

    /// <summary><c>AccessDeniedException</c> (403).</summary>
    AccessDenied,

    /// <summary><c>InvalidSignatureException</c> (403).</summary>
    InvalidSignature,

    /// <summary><c>UnrecognizedClientException</c> (403).</summary>
    UnrecognizedClient,

    /// <summary><c>ExpiredTokenException</c> (403).</summary>
    ExpiredToken,

    /// <summary><c>ResourceNotFoundException</c> (404).</summary>
    ResourceNotFound,

    /// <summary><c>ServiceQuotaExceededException</c> (400).</summary>
    ServiceQuotaExceeded,

    /// <summary>An untyped <c>error</c> frame, or an error response of a type not listed here.</summary>
    ServiceError,

    /// <summary>The stream ended early: dropped connection, truncated frame, or no <c>messageStop</c> + <c>metadata</c>.</summary>
    StreamBroken,

    /// <summary>A frame failed its CRC check.</summary>
    CrcMismatch,

    /// <summary>The connection could not be made (refused, DNS, TLS, reset before any response).</summary>
    ConnectionFailed,

    /// <summary>One of the client's timeouts elapsed; see <see cref="BedrockException.Timeout"/>.</summary>
    Timeout,

    /// <summary>No credentials were found.</summary>
    NoCredentials,

    /// <summary>
    /// A typed structured-output call got an answer that is not the requested JSON (cut off, not JSON, not the type);
    /// <see cref="BedrockException.PartialResult"/> holds the whole answer, usage and cost included. Not retried.
    /// </summary>
    InvalidStructuredOutput,
}

/// <summary>Which timeout of <see cref="BedrockClientOptions"/> elapsed.</summary>
public enum BedrockTimeoutKind
{
    /// <summary>Opening the connection took longer than <see cref="BedrockClientOptions.ConnectTimeout"/>.</summary>
    Connect,
    /// <summary>
    /// The first event (or, for Converse, the response headers) took longer than <see
    /// cref="BedrockClientOptions.FirstEventTimeout"/>.
    /// </summary>
    FirstEvent,
    /// <summary>
    /// The stream was silent between two events for longer than <see cref="BedrockClientOptions.IdleTimeout"/>.
    /// </summary>
    Idle,
    /// <summary>
    /// The whole call, retries included, took longer than <see cref="BedrockClientOptions.OverallTimeout"/>; not
    /// retried.
    /// </summary>
    Overall,

    /// <summary>The default credential chain did not answer in time; reported as <see cref="BedrockErrorKind.NoCredentials"/>.</summary>
    CredentialResolution,
}
