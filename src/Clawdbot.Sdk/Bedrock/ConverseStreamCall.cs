using System.Text.Json;
using Clawdbot.Sdk.EventStreams;
using Clawdbot.Sdk.Wire;

namespace Clawdbot.Sdk;

/// <summary>
/// One ConverseStream call: sends (retrying while nothing has arrived), then reads event frames one at a time,
/// decoding each into <see cref="Updates"/>. Every failure becomes a <see cref="BedrockException"/> carrying the
/// result assembled so far; a caller cancellation stays an <see cref="OperationCanceledException"/>.
/// </summary>
internal sealed class ConverseStreamCall : IAsyncDisposable
{
    private readonly BedrockClient _client;
    private readonly ConverseRequest _request;
    private readonly byte[] _body;
    private readonly CallTimeouts _timeouts;
    private readonly ConverseStreamDecoder _decoder;
    private readonly ConverseResultBuilder _builder;
    private HttpResponseMessage? _response;
    private EventStreamReader? _reader;
    private string? _requestId;
    private int _attempt;
    private bool _started;
    private bool _receivedEvent;

    public ConverseStreamCall(BedrockClient client, ConverseRequest request, byte[] body, CancellationToken cancellationToken)
    {
        _client = client;
        _request = request;
        _body = body;
        _timeouts = new CallTimeouts(client.OptionsInternal, cancellationToken);
        _decoder = new ConverseStreamDecoder(request.Model);
        _builder = new ConverseResultBuilder(request.ModelId);
    }

    /// <summary>The updates of the last event read (reused between events).</summary>
    public List<StreamUpdate> Updates { get; } = new(4);

    /// <summary>Reads until an event produced updates (true) or the stream ended complete (false).</summary>
    public async ValueTask<bool> MoveNextAsync()
    {
        if (_started)
        {
            return await ReadEventAsync().ConfigureAwait(false);
        }

        _started = true;
        var maxAttempts = _client.OptionsInternal.MaxAttempts;
        for (_attempt = 1; ; _attempt++)
        {
            try
            {
                await OpenAsync().ConfigureAwait(false);
                return await ReadEventAsync().ConfigureAwait(false);
            }
            catch (BedrockException ex) when (!_receivedEvent && ex.IsRetryable && _attempt < maxAttempts && !_timeouts.OverallExpired)
            {
                await CloseAttemptAsync().ConfigureAwait(false);
                await _client.BackoffAsync(_attempt, _timeouts).ConfigureAwait(false);
            }
        }
    }

    private async Task OpenAsync()
    {
        _timeouts.Arm(BedrockTimeoutKind.FirstEvent);
        var uri = _client.ModelUri(_request.ModelId, "converse-stream");
        _response = await _client.SendAsync(uri, _body, "application/vnd.amazon.eventstream", _timeouts, _attempt).ConfigureAwait(false);
        _requestId = BedrockClient.RequestIdOf(_response);
        _builder.RequestId = _requestId;
        Stream stream;
        try
        {
            stream = await _response.Content.ReadAsStreamAsync(_timeouts.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException)
        {
            throw Broken(BedrockErrorKind.ConnectionFailed, "The connection broke before the stream started: " + ex.Message, ex);
        }

        _reader = new EventStreamReader(stream);
    }

    private async ValueTask<bool> ReadEventAsync()
    {
        var reader = _reader!;
        while (true)
        {
            _timeouts.Arm(_receivedEvent ? BedrockTimeoutKind.Idle : BedrockTimeoutKind.FirstEvent);
            bool hasFrame;
            try
            {
                hasFrame = await reader.ReadNextAsync(_timeouts.Token).ConfigureAwait(false);
            }
            catch (EventStreamException ex)
            {
                var crc = ex.Reason is EventStreamErrorReason.PreludeCrcMismatch or EventStreamErrorReason.MessageCrcMismatch;
                throw Broken(crc ? BedrockErrorKind.CrcMismatch : BedrockErrorKind.StreamBroken, $"The event stream is corrupt ({ex.Reason}): {ex.Message}", ex);
            }
            catch (OperationCanceledException ex) when (_timeouts.Classify(ex) is { } kind)
            {
                throw BedrockClient.TimeoutError(_timeouts, kind, ex, _requestId, _attempt, Partial());
            }
            catch (Exception ex) when (ex is HttpRequestException or IOException or ObjectDisposedException)
            {
                if (_timeouts.CallerToken.IsCancellationRequested)
                {
                    throw new OperationCanceledException(_timeouts.CallerToken);
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

            switch (reader.MessageType)
            {
                case "event":
                    if (DecodeEvent(reader.EventType, reader.Payload.Span))
                    {
                        return true;
                    }

                    break;
                case "exception":
                    throw ExceptionFrame(reader.ExceptionType, reader.Payload.Span);
                case "error":
                    throw Broken(BedrockErrorKind.ServiceError, reader.ErrorMessage ?? "The service sent an error frame.", null, reader.ErrorCode);
            }
        }
    }

    private bool DecodeEvent(string? eventType, ReadOnlySpan<byte> payload)
    {
        Updates.Clear();
        try
        {
            if (!_decoder.Decode(eventType, payload, Updates))
            {
                return false;
            }
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or FormatException)
        {
            throw Broken(BedrockErrorKind.StreamBroken, $"The {eventType} event is malformed: {ex.Message}", ex);
        }

        _receivedEvent = true;
        for (var i = 0; i < Updates.Count; i++)
        {
            if (Updates[i] is MessageStart start)
            {
                Updates[i] = start with { ModelId = _request.ModelId, RequestId = _requestId };
            }

            _builder.Add(Updates[i]);
        }

        return Updates.Count > 0;
    }

    private BedrockException ExceptionFrame(string? exceptionType, ReadOnlySpan<byte> payload)
    {
        var (kind, status) = BedrockErrorCodes.Classify(exceptionType);
        string? message = null;
        try
        {
            var body = JsonSerializer.Deserialize(payload, ConverseJsonContext.Default.ErrorBodyWire);
            message = body?.Message ?? body?.MessageUpper;
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
        await CloseAttemptAsync().ConfigureAwait(false);
        _timeouts.Dispose();
    }
}
