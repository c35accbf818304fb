using Microsoft.Extensions.Logging;

namespace Clawdbot.Sdk;

/// <summary>
/// The log events of <see cref="BedrockClient"/> (category <c>Clawdbot.Sdk.BedrockClient</c>), its calls and the model
/// discovery run through it. They carry the model, operation, region, request id, latency, tokens and error
/// classification: never a prompt, an answer or a credential.
/// </summary>
internal static partial class BedrockLog
{
    public const string Category = "Clawdbot.Sdk.BedrockClient";

    [LoggerMessage(EventId = 1000, EventName = "BedrockCallStarting", Level = LogLevel.Debug,
        Message = "Calling {Operation} on model {ModelId} at {Endpoint}")]
    public static partial void CallStarting(ILogger logger, string operation, string modelId, string endpoint);

    [LoggerMessage(EventId = 1001, EventName = "BedrockCallCompleted", Level = LogLevel.Information,
        Message = "{Operation} on model {ModelId} completed in {ElapsedMs} ms (request {RequestId}, stop {StopReason}, {InputTokens} input / {OutputTokens} output tokens)")]
    public static partial void CallCompleted(ILogger logger, string operation, string modelId, long elapsedMs, string? requestId, string? stopReason, int? inputTokens, int? outputTokens);

    [LoggerMessage(EventId = 1002, EventName = "BedrockCallFailed", Level = LogLevel.Warning,
        Message = "{Operation} on model {ModelId} failed after {ElapsedMs} ms: {ErrorKind} (status {StatusCode}, code {ErrorCode}, request {RequestId}, attempts {Attempts})")]
    public static partial void CallFailed(ILogger logger, string operation, string modelId, long elapsedMs, BedrockErrorKind errorKind, int? statusCode, string? errorCode, string? requestId, int attempts, BedrockException exception);

    [LoggerMessage(EventId = 1003, EventName = "BedrockCallCancelled", Level = LogLevel.Debug,
        Message = "{Operation} on model {ModelId} was cancelled after {ElapsedMs} ms")]
    public static partial void CallCancelled(ILogger logger, string operation, string modelId, long elapsedMs);

    [LoggerMessage(EventId = 1004, EventName = "BedrockStreamAbandoned", Level = LogLevel.Debug,
        Message = "{Operation} on model {ModelId}: the caller stopped reading after {ElapsedMs} ms (request {RequestId})")]
    public static partial void StreamAbandoned(ILogger logger, string operation, string modelId, long elapsedMs, string? requestId);

    [LoggerMessage(EventId = 1005, EventName = "BedrockCallError", Level = LogLevel.Error,
        Message = "{Operation} on model {ModelId} failed after {ElapsedMs} ms with {ExceptionType}")]
    public static partial void CallError(ILogger logger, string operation, string modelId, long elapsedMs, string exceptionType, Exception exception);

    // Logged once per failure (as OnDiscoveryError is told), without the exception: its message is all a reader needs.
    [LoggerMessage(EventId = 1006, EventName = "BedrockDiscoveryFailed", Level = LogLevel.Warning,
        Message = "Bedrock model discovery in {Region} failed ({ErrorKind}): {ErrorMessage}; the declared models are listed without it")]
    public static partial void DiscoveryFailed(ILogger logger, string region, string errorKind, string errorMessage);

    [LoggerMessage(EventId = 1007, EventName = "BedrockRequestFieldsDropped", Level = LogLevel.Information,
        Message = "Left {Fields} out of the request to model {ModelId}: {Reason}")]
    public static partial void RequestFieldsDropped(ILogger logger, string fields, string modelId, string reason);

    // Logged once per profile until it resolves; the request is sent as it is.
    [LoggerMessage(EventId = 1008, EventName = "BedrockApplicationProfileUnresolved", Level = LogLevel.Warning,
        Message = "The model behind application inference profile {ProfileArn} could not be found ({Reason}); requests to it are sent without model-specific rules")]
    public static partial void ApplicationProfileUnresolved(ILogger logger, string profileArn, string reason);

    [LoggerMessage(EventId = 1009, EventName = "BedrockModelFailover", Level = LogLevel.Warning,
        Message = "Model {ModelRef} failed before its first event ({ErrorKind}, status {StatusCode}, code {ErrorCode}); failing over to {NextModelRef}; it cools down until {CoolingUntil:u}")]
    public static partial void ModelFailover(ILogger logger, string modelRef, BedrockErrorKind errorKind, int? statusCode, string? errorCode, string nextModelRef, DateTimeOffset coolingUntil);

    [LoggerMessage(EventId = 1010, EventName = "BedrockFallbackUnusable", Level = LogLevel.Warning,
        Message = "Fallback {Reference} is left out of the chain: {Reason}")]
    public static partial void FallbackUnusable(ILogger logger, string reference, string reason);
}
