namespace Clawdbot.Sdk;

/// <summary>
/// The one rule of which failures move a <see cref="BedrockFallbackChain"/> on to its next model. Only failures before
/// the first event count (the chain never asks about a later one: a partial answer stays the caller's). The model's
/// own retries and inference-profile reroute (<see cref="CallPipeline"/>) have already run when this is asked.
/// </summary>
internal static class FailoverRule
{
    /// <summary>
    /// True for capacity and availability failures another model may not share: throttling and quotas ("too many
    /// tokens"), model not ready, 5xx, service unavailable, timeouts, and an on-demand refusal that routing through an
    /// inference profile could not cure. False for what another model would refuse too or what the caller must fix:
    /// validation, access and credential errors, a missing resource, content filtered, a model error.
    /// </summary>
    public static bool ShouldFailOver(BedrockException error, string modelId)
    {
        ArgumentNullException.ThrowIfNull(error);
        return error.Kind switch
        {
            BedrockErrorKind.Throttling or BedrockErrorKind.ServiceQuotaExceeded or BedrockErrorKind.ModelNotReady
                or BedrockErrorKind.ServiceUnavailable or BedrockErrorKind.InternalServer or BedrockErrorKind.ModelTimeout
                or BedrockErrorKind.Timeout => true,
            BedrockErrorKind.ServiceError => error.StatusCode is >= 500 || MentionsTokenQuota(error.Message),
            BedrockErrorKind.Validation => InferenceProfileIds.IsOnDemandRefusal(error, modelId) || MentionsTokenQuota(error.Message),
            _ => false,
        };
    }

    // Bedrock's per-minute token quota answers "Too many tokens, please wait before trying again." whatever the type says.
    private static bool MentionsTokenQuota(string message)
        => message.Contains("too many tokens", StringComparison.OrdinalIgnoreCase);
}
