namespace Clawdbot.Sdk;

/// <summary>Maps Bedrock error names (exception frames, <c>x-amzn-ErrorType</c>, <c>__type</c>) to kinds and statuses.</summary>
internal static class BedrockErrorCodes
{
    /// <summary>
    /// The kind and the HTTP status AWS uses for <paramref name="code"/>, which may be camelCase
    /// (<c>throttlingException</c>), PascalCase, or carry a namespace (<c>com.amazon…#ValidationException</c>) or a
    /// <c>:http://…</c> suffix.
    /// </summary>
    public static (BedrockErrorKind Kind, int? Status) Classify(string? code)
    {
        var name = Normalize(code);
        return name.ToUpperInvariant() switch
        {
            "THROTTLINGEXCEPTION" => (BedrockErrorKind.Throttling, 429),
            "MODELSTREAMERROREXCEPTION" => (BedrockErrorKind.ModelStreamError, 424),
            "MODELERROREXCEPTION" => (BedrockErrorKind.ModelError, 424),
            "MODELNOTREADYEXCEPTION" => (BedrockErrorKind.ModelNotReady, 429),
            "MODELTIMEOUTEXCEPTION" => (BedrockErrorKind.ModelTimeout, 408),
            "VALIDATIONEXCEPTION" => (BedrockErrorKind.Validation, 400),
            "INTERNALSERVEREXCEPTION" => (BedrockErrorKind.InternalServer, 500),
            "SERVICEUNAVAILABLEEXCEPTION" => (BedrockErrorKind.ServiceUnavailable, 503),
            "ACCESSDENIEDEXCEPTION" => (BedrockErrorKind.AccessDenied, 403),
            "INVALIDSIGNATUREEXCEPTION" => (BedrockErrorKind.InvalidSignature, 403),
            "UNRECOGNIZEDCLIENTEXCEPTION" => (BedrockErrorKind.UnrecognizedClient, 403),
            "EXPIREDTOKENEXCEPTION" => (BedrockErrorKind.ExpiredToken, 403),
            "RESOURCENOTFOUNDEXCEPTION" => (BedrockErrorKind.ResourceNotFound, 404),
            "SERVICEQUOTAEXCEEDEDEXCEPTION" => (BedrockErrorKind.ServiceQuotaExceeded, 400),
            _ => (BedrockErrorKind.ServiceError, null),
        };
    }

    /// <summary>The kind for an HTTP error whose body named no known type.</summary>
    public static BedrockErrorKind FromStatus(int status) => status switch
    {
        429 => BedrockErrorKind.Throttling,
        400 => BedrockErrorKind.Validation,
        403 => BedrockErrorKind.AccessDenied,
        404 => BedrockErrorKind.ResourceNotFound,
        500 => BedrockErrorKind.InternalServer,
        503 => BedrockErrorKind.ServiceUnavailable,
        _ => BedrockErrorKind.ServiceError,
    };

    public static string Normalize(string? code)
    {
        if (string.IsNullOrWhiteSpace(code))
        {
            return string.Empty;
        }

        var name = code.Trim();
        var colon = name.IndexOf(':', StringComparison.Ordinal);
        if (colon >= 0)
        {
            name = name[..colon];
        }

        var hash = name.LastIndexOf('#');
        return hash >= 0 ? name[(hash + 1)..] : name;
    }
}
