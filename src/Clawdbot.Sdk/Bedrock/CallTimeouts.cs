namespace Clawdbot.Sdk;

/// <summary>
/// The cancellation of one call: the caller's token, the overall timeout, and a phase timer that is re-armed for
/// the first event, then for each idle gap. <see cref="Classify"/> tells a caller cancellation (rethrown as is)
/// from the timeout that fired.
/// </summary>
internal sealed class CallTimeouts : IDisposable
{
    private readonly BedrockClientOptions _options;
    private readonly CancellationToken _callerToken;
    private readonly CancellationTokenSource _overall;
    private CancellationTokenSource _phase;
    private CancellationTokenSource _linked;
    private long _armedAt;

    public CallTimeouts(BedrockClientOptions options, CancellationToken callerToken)
    {
        _options = options;
        _callerToken = callerToken;
        _overall = new CancellationTokenSource(options.OverallTimeout, options.TimeProvider);
        _phase = new CancellationTokenSource(Timeout.InfiniteTimeSpan, options.TimeProvider);
        _linked = CancellationTokenSource.CreateLinkedTokenSource(callerToken, _overall.Token, _phase.Token);
    }

    public CancellationToken Token => _linked.Token;

    public CancellationToken CallerToken => _callerToken;

    public BedrockTimeoutKind Phase { get; private set; } = BedrockTimeoutKind.FirstEvent;

    public bool OverallExpired => _overall.IsCancellationRequested;

    /// <summary>Starts (or restarts) the phase timer.</summary>
    public void Arm(BedrockTimeoutKind phase)
    {
        var timeout = phase == BedrockTimeoutKind.Idle ? _options.IdleTimeout : _options.FirstEventTimeout;
        var now = _options.TimeProvider.GetTimestamp();

        // Re-arming a timer for every one of thousands of events per second is the single largest cost of a
        // stream; within an idle phase the timer is re-armed at most every 1/16 of the window, so a silence is
        // cut off after between 15/16 and all of IdleTimeout.
        if (phase == Phase && phase == BedrockTimeoutKind.Idle && timeout != Timeout.InfiniteTimeSpan
            && _options.TimeProvider.GetElapsedTime(_armedAt, now) < timeout / 16)
        {
            return;
        }

        Phase = phase;
        _armedAt = now;
        _phase.CancelAfter(timeout);
    }

    /// <summary>A fresh phase timer for a new attempt (the old one may have fired).</summary>
    public void ResetForAttempt()
    {
        if (!_phase.TryReset())
        {
            var old = _linked;
            var oldPhase = _phase;
            _phase = new CancellationTokenSource(Timeout.InfiniteTimeSpan, _options.TimeProvider);
            _linked = CancellationTokenSource.CreateLinkedTokenSource(_callerToken, _overall.Token, _phase.Token);
            old.Dispose();
            oldPhase.Dispose();
        }

        Phase = BedrockTimeoutKind.FirstEvent;
    }

    /// <summary>
    /// For an <see cref="OperationCanceledException"/> (or a failure caused by cancellation): null when the caller
    /// cancelled (rethrow), otherwise which timeout fired. A connect timeout is the handler's own
    /// (<see cref="SocketsHttpHandler.ConnectTimeout"/>), seen as a cancellation carrying a <see cref="TimeoutException"/>.
    /// </summary>
    public BedrockTimeoutKind? Classify(Exception exception)
    {
        if (_callerToken.IsCancellationRequested)
        {
            return null;
        }

        if (_overall.IsCancellationRequested)
        {
            return BedrockTimeoutKind.Overall;
        }

        if (_phase.IsCancellationRequested)
        {
            return Phase;
        }

        for (var inner = exception; inner is not null; inner = inner.InnerException)
        {
            if (inner is TimeoutException)
            {
                return BedrockTimeoutKind.Connect;
            }
        }

        return Phase;
    }

    public string Describe(BedrockTimeoutKind kind) => kind switch
    {
        BedrockTimeoutKind.Connect => $"No connection within the connect timeout ({_options.ConnectTimeout}).",
        BedrockTimeoutKind.FirstEvent => $"No response event within the first-event timeout ({_options.FirstEventTimeout}).",
        BedrockTimeoutKind.Idle => $"No event for the idle timeout ({_options.IdleTimeout}).",
        BedrockTimeoutKind.Overall => $"The call exceeded the overall timeout ({_options.OverallTimeout}).",
        _ => $"Timed out ({kind}).",
    };

    public void Dispose()
    {
        _linked.Dispose();
        _phase.Dispose();
        _overall.Dispose();
    }
}
