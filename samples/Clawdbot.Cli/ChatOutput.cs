using System.Text;

namespace Clawdbot.Cli;

/// <summary>
/// What <c>clawdbot chat</c> writes while a stream runs: the answer to stdout, thinking and notes to stderr, in the
/// order written, flushed in batches. A flush per delta costs a system call per delta (500,000 of them for a long
/// answer); a person at a terminal only needs the text to appear before the command waits for more. So the output is
/// flushed when the stream has no update that already arrived (<see cref="NextAsync{T}"/> sees a
/// <c>MoveNextAsync</c> that would wait), when <see cref="FlushInterval"/> has passed since the last flush while
/// updates keep arriving (checked every <see cref="ClockReadEvery"/> updates), and at the end.
/// </summary>
/// <remarks>
/// stdout is expected to be buffered (the process's own is, see <see cref="CliContext.ForProcess"/>). The process's
/// stderr flushes every write, and a spinner of other commands relies on that, so stderr text is held here and
/// written in one piece per flush. Whatever goes to one stream is flushed before the other is written, so a terminal
/// that shows both keeps their order.
/// </remarks>
internal sealed class ChatOutput
{
    /// <summary>
    /// How long a written update waits for a flush while updates keep arriving without a pause, give or take the
    /// <see cref="ClockReadEvery"/> updates between two clock reads.
    /// </summary>
    public static readonly TimeSpan FlushInterval = TimeSpan.FromMilliseconds(50);

    /// <summary>While updates keep arriving, the clock is checked for <see cref="FlushInterval"/> at every this many.</summary>
    public const int ClockReadEvery = 64;

    private readonly TextWriter _out;
    private readonly TextWriter _error;
    private readonly TimeProvider _time;
    private readonly StringBuilder _pendingError = new();
    private long _lastFlush;
    private int _updatesSinceClockRead;
    private bool _outPending;

    public ChatOutput(TextWriter output, TextWriter error, TimeProvider time)
    {
        _out = output;
        _error = error;
        _time = time;
        _lastFlush = time.GetTimestamp();
    }

    /// <summary>
    /// The enumerator's next update, flushing first when it has none at hand (the wait would hold written text back)
    /// or the flush interval has passed.
    /// </summary>
    public ValueTask<bool> NextAsync<T>(IAsyncEnumerator<T> updates)
    {
        var next = updates.MoveNextAsync();
        if (next.IsCompleted && !(HasPending && IntervalPassed()))
        {
            return next;
        }

        return FlushThenAsync(next);
    }

    /// <summary>Answer text for stdout.</summary>
    public ValueTask WriteAsync(string? text) => Write(text, newLine: false);

    /// <summary>A line (or the end of the current one) for stdout.</summary>
    public ValueTask WriteLineAsync(string? text = null) => Write(text, newLine: true);

    /// <summary>Text for stderr.</summary>
    public ValueTask WriteErrorAsync(string text) => WriteError(text, newLine: false);

    /// <summary>A line (or the end of the current one) for stderr.</summary>
    public ValueTask WriteErrorLineAsync(string? text = null) => WriteError(text, newLine: true);

    /// <summary>Writes out everything held back.</summary>
    public async ValueTask FlushAsync()
    {
        if (_outPending)
        {
            _outPending = false;
            await _out.FlushAsync().ConfigureAwait(false);
        }

        if (_pendingError.Length > 0)
        {
            await _error.WriteAsync(_pendingError).ConfigureAwait(false);
            _pendingError.Clear();
            await _error.FlushAsync().ConfigureAwait(false);
        }

        _lastFlush = _time.GetTimestamp();
    }

    private bool HasPending => _outPending || _pendingError.Length > 0;

    // Reading the clock costs about as much as handling a delta, so while updates keep arriving it is read once every
    // ClockReadEvery of them: a long answer's deltas arrive far faster than that many per flush interval.
    private bool IntervalPassed() => ++_updatesSinceClockRead % ClockReadEvery == 0 && _time.GetElapsedTime(_lastFlush) >= FlushInterval;

    private async ValueTask<bool> FlushThenAsync(ValueTask<bool> next)
    {
        await FlushAsync().ConfigureAwait(false);
        return await next.ConfigureAwait(false);
    }

    private ValueTask Write(string? text, bool newLine)
    {
        if (_pendingError.Length > 0)
        {
            return WriteAfterFlushAsync(text, newLine);
        }

        if (newLine)
        {
            _out.WriteLine(text);
        }
        else
        {
            _out.Write(text);
        }

        _outPending = true;
        return ValueTask.CompletedTask;
    }

    private async ValueTask WriteAfterFlushAsync(string? text, bool newLine)
    {
        await FlushAsync().ConfigureAwait(false);
        await Write(text, newLine).ConfigureAwait(false);
    }

    private ValueTask WriteError(string? text, bool newLine)
    {
        if (_outPending)
        {
            return WriteErrorAfterFlushAsync(text, newLine);
        }

        _pendingError.Append(text);
        if (newLine)
        {
            _pendingError.Append(_error.NewLine);
        }

        return ValueTask.CompletedTask;
    }

    private async ValueTask WriteErrorAfterFlushAsync(string? text, bool newLine)
    {
        await FlushAsync().ConfigureAwait(false);
        await WriteError(text, newLine).ConfigureAwait(false);
    }
}
