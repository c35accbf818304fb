namespace Clawdbot.Sdk;

/// <summary>
/// The cancellation of one call: the caller's token, the overall timeout, and a phase timeout for the first event,
/// then for each wait on the network. <see cref="Classify"/> tells a caller cancellation (rethrown as is) from the
/// timeout that fired.
/// </summary>
/// <remarks>
/// A stream waits on the network thousands of times a second, so the phase deadline is not a timer re-armed per
/// wait (each re-arm updates the shared timer queue and can wake its thread): <see cref="Arm"/> and
/// <see cref="Disarm"/> only record when a wait started and ended, and one watchdog timer, moved only when a
/// deadline comes earlier than it is set for, checks on firing whether the current wait has outlived its deadline,
/// and otherwise sets itself for that deadline. A deadline is enforced exactly, never earlier.
/// </remarks>
internal sealed class CallTimeouts : IDisposable
{
    private readonly BedrockClientOptions _options;
    private readonly TimeProvider _time;
    private readonly CancellationToken _callerToken;
    private readonly CancellationTokenSource _overall;
    private readonly ITimer _watchdog;
    private readonly long _origin;
    private readonly Lock _gate = new();
    private CancellationTokenSource _phase;
    private CancellationTokenSource _linked;

    // Guarded by _gate; times are offsets from _origin.
    private TimeSpan? _firstEventStart;
    private bool _waiting;
    private TimeSpan _deadline = TimeSpan.MaxValue;
    private TimeSpan _watchdogDue = TimeSpan.MaxValue;
    private bool _disposed;

    public CallTimeouts(BedrockClientOptions options, CancellationToken callerToken)
    {
        _options = options;
        _time = options.TimeProvider;
        _callerToken = callerToken;
        _origin = _time.GetTimestamp();
        _overall = new CancellationTokenSource(options.OverallTimeout, _time);
        _phase = new CancellationTokenSource();
        _linked = CancellationTokenSource.CreateLinkedTokenSource(callerToken, _overall.Token, _phase.Token);
        _watchdog = _time.CreateTimer(static state => ((CallTimeouts)state!).OnWatchdog(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    public CancellationToken Token => _linked.Token;

    public CancellationToken CallerToken => _callerToken;

    public BedrockTimeoutKind Phase { get; private set; } = BedrockTimeoutKind.FirstEvent;

    public bool OverallExpired => _overall.IsCancellationRequested;

    /// <summary>
    /// A wait on the network starts: in the idle phase it may last <see cref="BedrockClientOptions.IdleTimeout"/>;
    /// in the first-event phase it ends at <see cref="BedrockClientOptions.FirstEventTimeout"/> after the first
    /// <see cref="Arm"/> of the attempt (the request being sent).
    /// </summary>
    public void Arm(BedrockTimeoutKind phase)
    {
        Phase = phase;
        var now = Now();
        lock (_gate)
        {
            if (phase == BedrockTimeoutKind.FirstEvent)
            {
                _firstEventStart ??= now;
                _deadline = After(_firstEventStart.Value, _options.FirstEventTimeout);
            }
            else
            {
                _deadline = After(now, _options.IdleTimeout);
            }

            _waiting = true;
            if (_deadline < _watchdogDue)
            {
                ScheduleWatchdog(now);
            }
        }
    }

    /// <summary>The wait is over: time the consumer then spends on updates is not silence of the server.</summary>
    public void Disarm()
    {
        lock (_gate)
        {
            _waiting = false;
        }
    }

    /// <summary>A fresh phase for a new attempt (the old one may have fired).</summary>
    public void ResetForAttempt()
    {
        lock (_gate)
        {
            _waiting = false;
            _firstEventStart = null;
        }

        if (!_phase.TryReset())
        {
            var old = _linked;
            var oldPhase = _phase;
            _phase = new CancellationTokenSource();
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
        lock (_gate)
        {
            _disposed = true;
        }

        _watchdog.Dispose();
        _linked.Dispose();
        _phase.Dispose();
        _overall.Dispose();
    }

    private void OnWatchdog()
    {
        CancellationTokenSource phase;
        lock (_gate)
        {
            _watchdogDue = TimeSpan.MaxValue;
            if (_disposed || !_waiting)
            {
                return;
            }

            var now = Now();
            if (now < _deadline)
            {
                ScheduleWatchdog(now);
                return;
            }

            _waiting = false;
            phase = _phase;
        }

        try
        {
            phase.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // The call ended (or moved to a new attempt) while the deadline passed: nothing is waiting any more.
        }
    }

    // Under _gate.
    private void ScheduleWatchdog(TimeSpan now)
    {
        if (_deadline == TimeSpan.MaxValue || _disposed)
        {
            return;
        }

        _watchdogDue = _deadline;
        _watchdog.Change(_deadline > now ? _deadline - now : TimeSpan.Zero, Timeout.InfiniteTimeSpan);
    }

    private TimeSpan Now() => _time.GetElapsedTime(_origin);

    private static TimeSpan After(TimeSpan start, TimeSpan timeout)
        => timeout == Timeout.InfiniteTimeSpan || timeout >= TimeSpan.MaxValue - start ? TimeSpan.MaxValue : start + timeout;
}
