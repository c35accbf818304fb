using Clawdbot.Sdk.Wire;
using Microsoft.Extensions.Logging;

namespace Clawdbot.Sdk;

/// <summary>
/// The one retry-and-reroute loop of every model call (Converse, ConverseStream and InvokeModel): runs an attempt through the
/// <see cref="BedrockTransport"/>; while nothing has arrived, retries a retryable failure (throttling, 5xx, connection
/// failures, timeouts; up to <see cref="BedrockClientOptions.MaxAttempts"/>, with backoff, within the overall timeout),
/// and sends the call once more through an inference profile when Bedrock refuses a bare profile-only id (the
/// <see cref="IInferenceProfileRouter"/> finds it; attempts count again from one). A stream is never replayed.
/// </summary>
internal sealed class CallPipeline
{
    private readonly ApplicationProfileResolver? _profiles;
    private readonly ILogger? _logger;

    public CallPipeline(BedrockTransport transport, IInferenceProfileRouter router, ApplicationProfileResolver? profiles = null, GuardrailConfig? defaultGuardrail = null)
    {
        Transport = transport;
        DefaultGuardrail = defaultGuardrail;
        Router = router;
        _profiles = profiles;
        _logger = transport.Options.LoggerFactory?.CreateLogger(BedrockLog.Category);
    }

    public BedrockTransport Transport { get; }

    public IInferenceProfileRouter Router { get; }

    public BedrockClientOptions Options => Transport.Options;

    /// <summary>The guardrail of a request that sets none: the options', else the config's; null for none.</summary>
    public GuardrailConfig? DefaultGuardrail { get; }

    /// <summary>
    /// Runs <paramref name="attempt"/> (given the id to invoke and the attempt number) until it succeeds or fails for
    /// good. <paramref name="hasDelivered"/> says whether the failed attempt already delivered anything (then it is
    /// neither retried nor rerouted); <paramref name="closeAttempt"/> releases what a failed attempt holds before the next.
    /// With <paramref name="routeThroughProfiles"/> false the id is invoked as given (CountTokens takes bare ids only).
    /// </summary>
    public async ValueTask<T> RunAsync<T>(
        string modelId,
        ClawdbotConfig discoveryConfig,
        CallTimeouts timeouts,
        Func<string, int, ValueTask<T>> attempt,
        Func<bool>? hasDelivered = null,
        Func<ValueTask>? closeAttempt = null,
        bool routeThroughProfiles = true)
    {
        Transport.ThrowIfDisposed();
        var invoked = routeThroughProfiles ? Router.InvokedModelId(modelId) : modelId;
        var rerouted = !routeThroughProfiles;
        for (var number = 1; ; number++)
        {
            try
            {
                return await attempt(invoked, number).ConfigureAwait(false);
            }
            catch (BedrockException ex) when (!rerouted && hasDelivered?.Invoke() != true && InferenceProfileRouter.NeedsProfile(ex, invoked))
            {
                // Nothing has arrived, so sending again through the profile loses nothing.
                await CloseAsync(closeAttempt).ConfigureAwait(false);
                invoked = await RouteThroughProfileAsync(modelId, ex, discoveryConfig, timeouts).ConfigureAwait(false);
                rerouted = true;
                number = 0;
            }
            catch (BedrockException ex) when (hasDelivered?.Invoke() != true && ex.IsRetryable && number < Options.MaxAttempts && !timeouts.OverallExpired)
            {
                await CloseAsync(closeAttempt).ConfigureAwait(false);
                await BackoffAsync(number, timeouts).ConfigureAwait(false);
            }
            catch (BedrockException ex) when (ex.Attempts != number)
            {
                throw ex.With(ex.PartialResult, number);
            }
        }
    }

    /// <summary>
    /// The request's body, written for its model's family: the model behind an application inference profile's ARN
    /// when it resolves, else the id itself. What the family refuses is left out and logged.
    /// </summary>
    public async ValueTask<byte[]> BodyAsync(ConverseRequest request, bool streaming, ClawdbotConfig discoveryConfig, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var family = _profiles is null ? null : await _profiles.FoundationModelIdAsync(request.ModelId, discoveryConfig, cancellationToken).ConfigureAwait(false);
        var dropped = new List<DroppedFields>();
        var body = ConverseRequestWriter.Serialize(request, streaming, family, dropped, DefaultGuardrail);
        if (_logger is not null)
        {
            foreach (var drop in dropped)
            {
                BedrockLog.RequestFieldsDropped(_logger, drop.Fields, family ?? request.ModelId, drop.Reason);
            }
        }

        return body;
    }

    /// <summary>
    /// The foundation model id behind <paramref name="modelId"/>: the id itself when bare, without its geo prefix for a
    /// system profile, from the ARN for a foundation-model or system-profile ARN, by discovery for an application
    /// profile's ARN (null when that fails).
    /// </summary>
    public async ValueTask<string?> FoundationModelIdAsync(string modelId, ClawdbotConfig discoveryConfig, CancellationToken cancellationToken)
        => InferenceProfileIds.FoundationModelIdOf(modelId)
            ?? (_profiles is null ? null : await _profiles.FoundationModelIdAsync(modelId, discoveryConfig, cancellationToken).ConfigureAwait(false));

    private static ValueTask CloseAsync(Func<ValueTask>? closeAttempt) => closeAttempt?.Invoke() ?? ValueTask.CompletedTask;

    // The attempt's timers stop while routing; the overall timeout and the caller's token still apply.
    private async Task<string> RouteThroughProfileAsync(string modelId, BedrockException refusal, ClawdbotConfig discoveryConfig, CallTimeouts timeouts)
    {
        timeouts.ResetForAttempt();
        try
        {
            return await Router.RouteAsync(modelId, refusal, discoveryConfig, timeouts.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException ex) when (timeouts.Classify(ex) is { } kind)
        {
            throw BedrockTransport.TimeoutError(timeouts, kind, ex, refusal.RequestId, refusal.Attempts);
        }
    }

    private async Task BackoffAsync(int failedAttempts, CallTimeouts timeouts)
    {
        var delay = RetryBackoff.Delay(failedAttempts, Options.RetryBaseDelay, Options.RetryMaxDelay);
        timeouts.ResetForAttempt();
        if (delay > TimeSpan.Zero)
        {
            try
            {
                await Task.Delay(delay, Options.TimeProvider, timeouts.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException ex) when (timeouts.Classify(ex) is { } kind)
            {
                throw BedrockTransport.TimeoutError(timeouts, kind, ex, null, failedAttempts);
            }
        }
    }
}
