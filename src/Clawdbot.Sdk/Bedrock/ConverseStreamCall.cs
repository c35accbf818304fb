using System.Text.Json;
using Clawdbot.Sdk.EventStreams;
using Clawdbot.Sdk.Wire;

namespace Clawdbot.Sdk;

/// <summary>
/// One ConverseStream call, enumerated: sends (retrying while nothing has arrived, and going through an inference
/// profile once when Bedrock refuses a bare profile-only id), then reads event frames,
/// yielding the updates each one decodes to. Every failure becomes a <see cref="BedrockException"/> carrying the
/// result assembled so far; a caller cancellation stays an <see cref="OperationCanceledException"/>.
/// </summary>
/// <remarks>
/// A stream delivers many small events per network read, so the path of an event that is already buffered is
/// synchronous and does no per-read work: the idle/first-event timer runs only while waiting on the network
/// (armed before a read, disarmed when it completes, so a slow consumer is never taken for a silent server), and
/// cancellation and the overall timeout are checked once per event with a flag read.
/// </remarks>
internal sealed class ConverseStreamCall : IAsyncEnumerator<StreamUpdate>
{
    private readonly CallPipeline _pipeline;
    private readonly ConverseRequest _request;
    private readonly ClawdbotConfig _discoveryConfig;
    private readonly CancellationToken _callerToken;
    private readonly CancellationTokenSource? _callerTokens;
    private readonly ConverseStreamDecoder _decoder;
    private readonly ConverseResultBuilder _builder;
    private readonly List<StreamUpdate> _updates = new(4);
    private CallTimeouts? _timeouts;
    private HttpResponseMessage? _response;
    private EventStreamReader? _reader;
    private string? _requestId;
    private string _invokedModelId;
    private int _next;
    private int _attempt;
    private bool _started;
    private bool _finished;
    private bool _receivedEvent;

    // callerToken is the one given to the call, enumeratorToken the one given to GetAsyncEnumerator; either cancels.
    public ConverseStreamCall(CallPipeline pipeline, ConverseRequest request, ClawdbotConfig discoveryConfig, CancellationToken callerToken, CancellationToken enumeratorToken)
    {
        _pipeline = pipeline;
        _request = request;
        _discoveryConfig = discoveryConfig;
        _invokedModelId = pipeline.Router.InvokedModelId(request.ModelId);
        _callerToken = EnumeratorCancellation.Combine(callerToken, enumeratorToken, out _callerTokens);

        _decoder = new ConverseStreamDecoder(request.Model);
        _builder = new ConverseResultBuilder(_invokedModelId);
    }

    public StreamUpdate Current { get; private set; } = null!;

    private CallTimeouts Timeouts => _timeouts!;

    public ValueTask<bool> MoveNextAsync()
    {
        if (_next < _updates.Count)
        {
            Current = _updates[_next++];
            return new ValueTask<bool>(true);
        }

        if (_reader is not null && !_finished && !Timeouts.Token.IsCancellationRequested)
        {
            try
            {
                while (_reader.TryReadBuffered())
                {
                    if (HandleFrame())
                    {
                        return new ValueTask<bool>(true);
                    }
                }
            }
            catch (EventStreamException ex)
            {
                _finished = true;
                return ValueTask.FromException<bool>(Corrupt(ex));
            }
            catch (BedrockException ex)
            {
                _finished = true;
                return ValueTask.FromException<bool>(ex);
            }
        }

        return MoveNextSlowAsync();
    }

    private async ValueTask<bool> MoveNextSlowAsync()
    {
        if (_finished)
        {
            return false;
        }

        try
        {
            if (_started ? await ReadEventAsync().ConfigureAwait(false) : await StartAsync().ConfigureAwait(false))
            {
                return true;
            }

            _finished = true;
            return false;
        }
        catch
        {
            _finished = true;
            throw;
        }
    }

    private async ValueTask<bool> StartAsync()
    {
        _started = true;
        _pipeline.Transport.ThrowIfDisposed();
        var body = await _pipeline.BodyAsync(_request, streaming: true, _discoveryConfig, _callerToken).ConfigureAwait(false);
        _timeouts = new CallTimeouts(_pipeline.Options, _callerToken);
        return await _pipeline.RunAsync(
            _request.ModelId,
            _discoveryConfig,
            _timeouts,
            async (invoked, attempt) =>
            {
                _attempt = attempt;
                if (!string.Equals(invoked, _invokedModelId, StringComparison.Ordinal))
                {
                    _invokedModelId = invoked;
                    _builder.ModelId = invoked;
                }

                await OpenAsync(body).ConfigureAwait(false);
                return await ReadEventAsync().ConfigureAwait(false);
            },
            () => _receivedEvent,
            CloseAttemptAsync).ConfigureAwait(false);
    }

    private async Task OpenAsync(byte[] body)
    {
        Timeouts.Arm(BedrockTimeoutKind.FirstEvent);
        var transport = _pipeline.Transport;
        var uri = transport.ModelUri(_invokedModelId, "converse-stream");
        _response = await transport.SendAsync(uri, body, "application/vnd.amazon.eventstream", Timeouts, _attempt).ConfigureAwait(false);
        _requestId = BedrockTransport.RequestIdOf(_response);
        _builder.RequestId = _requestId;
        Stream stream;
        try
        {
            stream = await _response.Content.ReadAsStreamAsync(Timeouts.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException)
        {
            throw Broken(BedrockErrorKind.ConnectionFailed, "The connection broke before the stream started: " + ex.Message, ex);
        }

        _reader = new EventStreamReader(stream);
    }

    /// <summary>Reads frames until one decodes to updates (true, positioned on the first) or the stream ends complete (false).</summary>
    private async ValueTask<bool> ReadEventAsync()
    {
        var reader = _reader!;
        var timeouts = Timeouts;
        while (true)
        {
            ThrowIfCancelled();
            bool hasFrame;
            try
            {
                hasFrame = reader.TryReadBuffered();
                if (!hasFrame)
                {
                    timeouts.Arm(_receivedEvent ? BedrockTimeoutKind.Idle : BedrockTimeoutKind.FirstEvent);
                    hasFrame = await reader.ReadNextAsync(timeouts.Token).ConfigureAwait(false);
                    timeouts.Disarm();
                }
            }
            catch (EventStreamException ex)
            {
                throw Corrupt(ex);
            }
            catch (OperationCanceledException ex) when (timeouts.Classify(ex) is { } kind)
            {
                throw BedrockTransport.TimeoutError(timeouts, kind, ex, _requestId, _attempt, Partial());
            }
            catch (Exception ex) when (ex is HttpRequestException or IOException or ObjectDisposedException)
            {
                if (timeouts.CallerToken.IsCancellationRequested)
                {
                    throw new OperationCanceledException(timeouts.CallerToken);
                }

                throw Broken(BedrockErrorKind.StreamBroken, "The connection dropped mid-stream: " + ex.Message, ex);
            }

            if (!hasFrame)
            {
                if (_decoder.IsComplete)
                {
                    return false;
                }

                throw Broken(BedrockErrorKind.StreamBroken, _decoder.SawMessageStop
                    ? "The stream ended without its metadata event (usage)."
                    : "The stream ended without messageStop.", null);
            }

            if (HandleFrame())
            {
                return true;
            }
        }
    }

    /// <summary>A caller cancellation or a timeout that fired while the consumer held the stream.</summary>
    private void ThrowIfCancelled()
    {
        var timeouts = Timeouts;
        if (!timeouts.Token.IsCancellationRequested)
        {
            return;
        }

        var cancelled = new OperationCanceledException(timeouts.Token);
        if (timeouts.Classify(cancelled) is not { } kind)
        {
            throw new OperationCanceledException(timeouts.CallerToken);
        }

        throw BedrockTransport.TimeoutError(timeouts, kind, cancelled, _requestId, _attempt, Partial());
    }

    /// <summary>Decodes the current frame; true when it produced updates (<see cref="Current"/> is the first).</summary>
    private bool HandleFrame()
    {
        var reader = _reader!;
        switch (reader.MessageType)
        {
            case EventStreamKnownStrings.Event:
                return DecodeEvent(reader.EventType, reader.Payload.Span);
            case EventStreamKnownStrings.Exception:
                throw ExceptionFrame(reader.ExceptionType, reader.Payload.Span);
            case EventStreamKnownStrings.Error:
                throw Broken(BedrockErrorKind.ServiceError, ServiceMessage.Scrub(reader.ErrorMessage) ?? "The service sent an error frame.", null, reader.ErrorCode);
            default:
                return false;
        }
    }

    /// <summary>Decodes an event frame; true when it produced updates (<see cref="Current"/> is the first).</summary>
    private bool DecodeEvent(string? eventType, ReadOnlySpan<byte> payload)
    {
        var updates = _updates;
        updates.Clear();
        _next = 0;
        TextDelta? plainText;
        try
        {
            if (!_decoder.Decode(eventType, payload, updates, out plainText))
            {
                return false;
            }
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or FormatException)
        {
            throw Broken(BedrockErrorKind.StreamBroken, $"The {eventType} event is malformed: {ex.Message}", ex);
        }

        _receivedEvent = true;
        if (plainText is not null)
        {
            _builder.Add(plainText);
            Current = plainText;
            return true;
        }

        for (var i = 0; i < updates.Count; i++)
        {
            if (updates[i] is MessageStart start)
            {
                updates[i] = start with { ModelId = _invokedModelId, RequestId = _requestId };
            }

            _builder.Add(updates[i]);
        }

        if (updates.Count == 0)
        {
            return false;
        }

        Current = updates[0];
        _next = 1;
        return true;
    }

    private BedrockException Corrupt(EventStreamException ex)
    {
        var crc = ex.Reason is EventStreamErrorReason.PreludeCrcMismatch or EventStreamErrorReason.MessageCrcMismatch;
        return Broken(crc ? BedrockErrorKind.CrcMismatch : BedrockErrorKind.StreamBroken, $"The event stream is corrupt ({ex.Reason}): {ex.Message}", ex);
    }

    private BedrockException ExceptionFrame(string? exceptionType, ReadOnlySpan<byte> payload)
    {
        var (kind, status) = BedrockErrorCodes.Classify(exceptionType);
        string? message = null;
        try
        {
            var body = JsonSerializer.Deserialize(payload, ConverseJsonContext.Default.ErrorBodyWire);
            message = ServiceMessage.Scrub(body?.Message ?? body?.MessageUpper);
        }
        catch (JsonException)
        {
            // A payload that is not JSON leaves the type as the only description.
        }

        return new BedrockException(kind, message ?? $"The service sent {exceptionType ?? "an exception"}.")
        {
            StatusCode = status,
            ErrorCode = exceptionType,
            RequestId = _requestId,
            PartialResult = Partial(),
            Attempts = _attempt,
        };
    }

    private BedrockException Broken(BedrockErrorKind kind, string message, Exception? inner, string? errorCode = null) => new(kind, message, inner)
    {
        RequestId = _requestId,
        ErrorCode = errorCode,
        PartialResult = Partial(),
        Attempts = _attempt,
    };

    private ConverseResult? Partial() => _builder.HasContent ? _builder.Build() : null;

    private async ValueTask CloseAttemptAsync()
    {
        if (_reader is not null)
        {
            await _reader.DisposeAsync().ConfigureAwait(false);
            _reader = null;
        }

        _response?.Dispose();
        _response = null;
    }

    public async ValueTask DisposeAsync()
    {
        _finished = true;
        _updates.Clear();
        await CloseAttemptAsync().ConfigureAwait(false);
        _builder.Dispose();
        _timeouts?.Dispose();
        _callerTokens?.Dispose();
    }
}
