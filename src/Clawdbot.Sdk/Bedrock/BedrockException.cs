namespace Clawdbot.Sdk;

/// <summary>
/// A failed Bedrock call. The message is the service's (or says what broke); it never holds a credential.
/// <see cref="PartialResult"/> holds whatever was assembled before the failure.
/// </summary>
public sealed class BedrockException : Exception
{
    /// <summary>
    /// Creates an error of <paramref name="kind"/> with <paramref name="message"/> (which must hold no secret) and the
    /// exception that caused it, if any.
    /// </summary>
    public BedrockException(BedrockErrorKind kind, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Kind = kind;
    }

    /// <summary>
    /// What went wrong, in a closed set callers can switch on (throttling, access denied, timeout, broken stream, …).
    /// </summary>
    public BedrockErrorKind Kind { get; }

    /// <summary>The HTTP status, or the status AWS maps an exception frame to (429, 424, 400, 500, 503).</summary>
    public int? StatusCode { get; init; }

    /// <summary>The <c>x-amzn-requestid</c> of the call.</summary>
    public string? RequestId { get; init; }

    /// <summary>The wire name of the error (<c>throttlingException</c>, <c>ValidationException</c>, an <c>:error-code</c>, …).</summary>
    public string? ErrorCode { get; init; }

    /// <summary>
    /// Set when <see cref="Kind"/> is <see cref="BedrockErrorKind.Timeout"/>; also <see cref="BedrockTimeoutKind.CredentialResolution"/>
    /// on <see cref="BedrockErrorKind.NoCredentials"/> when the default chain was cut off (still "no credentials":
    /// callers that fall back without credentials keep doing so).
    /// </summary>
    public BedrockTimeoutKind? Timeout { get; init; }

    /// <summary>Everything assembled before the failure, or null when nothing arrived.</summary>
    public ConverseResult? PartialResult { get; init; }

    /// <summary>How many attempts were made.</summary>
    public int Attempts { get; init; } = 1;

    /// <summary>
    /// From a <see cref="BedrockFallbackChain"/>: the models that failed (or were passed over) before this error, in
    /// order; when every model failed, all of them. Empty for a call to one model.
    /// </summary>
    public IReadOnlyList<FailoverAttempt> FailoverAttempts { get; init; } = [];

    /// <summary>Whether the same request may succeed if sent again (throttling, 5xx, connection failures, timeouts).</summary>
    public bool IsRetryable => Kind is BedrockErrorKind.Throttling or BedrockErrorKind.InternalServer
        or BedrockErrorKind.ServiceUnavailable or BedrockErrorKind.ModelNotReady or BedrockErrorKind.ConnectionFailed
        or BedrockErrorKind.ModelStreamError or BedrockErrorKind.StreamBroken or BedrockErrorKind.CrcMismatch
        || (Kind is BedrockErrorKind.Timeout && Timeout is not BedrockTimeoutKind.Overall)
        || (Kind is BedrockErrorKind.ServiceError && StatusCode is >= 500);

    /// <summary>
    /// The type, kind, status, error code, request id, message, the inner exception's type and message, and the stack
    /// trace; never a credential.
    /// </summary>
    public override string ToString()
        => $"{GetType().FullName} ({Kind}{(Timeout is null ? string.Empty : "/" + Timeout)}, status {StatusCode?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none"}, code {ErrorCode ?? "none"}, request {RequestId ?? "none"}): {Message}"
            + (InnerException is null ? string.Empty : Environment.NewLine + " ---> " + InnerException.GetType().FullName + ": " + InnerException.Message)
            + (StackTrace is null ? string.Empty : Environment.NewLine + StackTrace);

    internal BedrockException With(ConverseResult? partial, int attempts) => With(partial, attempts, Message, FailoverAttempts);

    internal BedrockException With(ConverseResult? partial, int attempts, string message, IReadOnlyList<FailoverAttempt> failoverAttempts) => new(Kind, message, InnerException)
    {
        FailoverAttempts = failoverAttempts,
        StatusCode = StatusCode,
        RequestId = RequestId,
        ErrorCode = ErrorCode,
        Timeout = Timeout,
        PartialResult = partial,
        Attempts = attempts,
    };
}
