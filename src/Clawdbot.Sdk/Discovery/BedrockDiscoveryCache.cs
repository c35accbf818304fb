namespace Clawdbot.Sdk;

/// <summary>
/// The in-process cache of discovery results (listings, and the models behind application inference profiles). Entries are keyed by region, provider filter, defaults and credential
/// identity and live for the configured refresh interval (0: not kept). Concurrent callers with one key share one
/// upstream call; a failure is handed to everyone waiting on it and then forgotten, so the next caller tries again,
/// while an empty result is kept like any other. There is no process-wide instance: a cache belongs to a client (its
/// own, or <see cref="BedrockClientOptions.DiscoveryCache"/>) or to a host (<c>AddBedrock</c> registers one for all its
/// clients).
/// </summary>
public sealed class BedrockDiscoveryCache
{
    private readonly object _gate = new();
    private readonly Dictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly HashSet<string> _reportedFailures = new(StringComparer.Ordinal);

    /// <summary>
    /// Creates an empty cache whose entries expire on <paramref name="timeProvider"/>'s clock (the system clock when
    /// null).
    /// </summary>
    public BedrockDiscoveryCache(TimeProvider? timeProvider = null) => TimeProvider = timeProvider ?? TimeProvider.System;

    /// <summary>The clock entries expire on.</summary>
    public TimeProvider TimeProvider { get; }

    /// <summary>Forgets every result; calls in flight finish for their callers but are not kept.</summary>
    public void Clear()
    {
        lock (_gate)
        {
            _entries.Clear();
            _reportedFailures.Clear();
        }
    }

    // Keys of different result types never meet: each kind of result has its own key shape.
    internal async Task<T> GetAsync<T>(
        string key,
        TimeSpan timeToLive,
        TimeSpan timeout,
        bool refresh,
        Func<CancellationToken, Task<T>> load,
        CancellationToken cancellationToken)
    {
        Task<T> shared;
        TaskCompletionSource<T>? started = null;
        lock (_gate)
        {
            if (_entries.TryGetValue(key, out var entry)
                && (!entry.Task.IsCompleted || (!refresh && TimeProvider.GetUtcNow() < entry.ExpiresAt)))
            {
                shared = (Task<T>)entry.Task;
            }
            else
            {
                started = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
                _entries[key] = new Entry(started.Task, DateTimeOffset.MaxValue);
                shared = started.Task;
            }
        }

        if (started is not null)
        {
            _ = LoadAsync(key, timeToLive, timeout, load, started);
        }

        return await shared.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>True the first time a failure is seen for <paramref name="key"/> since its last success.</summary>
    internal bool ShouldReportFailure(string key)
    {
        lock (_gate)
        {
            return _reportedFailures.Add(key);
        }
    }

    // The upstream call runs under its own timeout rather than any caller's token: one caller giving up must not
    // fail the others sharing the call.
    private async Task LoadAsync<T>(
        string key,
        TimeSpan timeToLive,
        TimeSpan timeout,
        Func<CancellationToken, Task<T>> load,
        TaskCompletionSource<T> completion)
    {
        using var timeoutSource = new CancellationTokenSource(timeout, TimeProvider);
        try
        {
            var result = await load(timeoutSource.Token).ConfigureAwait(false);
            lock (_gate)
            {
                _reportedFailures.Remove(key);
                if (timeToLive > TimeSpan.Zero && IsCurrent(key, completion.Task))
                {
                    _entries[key] = new Entry(completion.Task, TimeProvider.GetUtcNow() + timeToLive);
                }
                else
                {
                    Forget(key, completion.Task);
                }
            }

            completion.SetResult(result);
        }
        catch (Exception exception)
        {
            lock (_gate)
            {
                Forget(key, completion.Task);
            }

            if (exception is OperationCanceledException && timeoutSource.IsCancellationRequested)
            {
                completion.SetException(new TimeoutException($"Bedrock model discovery did not finish within {timeout.TotalSeconds:0.###} s.", exception));
            }
            else
            {
                completion.SetException(exception);
            }
        }
    }

    private bool IsCurrent(string key, Task task) => _entries.TryGetValue(key, out var entry) && entry.Task == task;

    private void Forget(string key, Task task)
    {
        if (IsCurrent(key, task))
        {
            _entries.Remove(key);
        }
    }

    private readonly record struct Entry(Task Task, DateTimeOffset ExpiresAt);
}
