using Microsoft.AspNetCore.Http;

namespace Clawdbot.Sdk.Testing.Internal;

/// <summary>Plays one scripted response to a <c>converse-stream</c> or <c>converse</c> call.</summary>
/// <remarks>
/// A scripted delay is counted on the emulator's clock from a moment the client can observe: the first-byte delay from
/// the request's arrival (<c>receivedAt</c>, taken before it is recorded), the delay between events from
/// the write of the frame before. A test that has seen the request or the frame and then advances a fake clock by the
/// delay gets exactly that delay, however late this code starts waiting.
/// </remarks>
internal sealed class RuntimeResponder(HttpContext context, CancellationToken cancellationToken, Random padding, TimeProvider time, long receivedAt)
{
    private static readonly TimeSpan DropGracePeriod = TimeSpan.FromMilliseconds(100);

    private HttpResponse Response => context.Response;

    /// <summary>Plays an HTTP error or raw body outright; for a scripted stream, waits out its first-byte delay and hands it back.</summary>
    private async Task<StreamScript?> PlayUnlessStreamAsync(ScriptedResponse script)
    {
        switch (script)
        {
            case HttpErrorScript error:
                await ToAwsError(error).WriteAsync(Response, cancellationToken).ConfigureAwait(false);
                return null;
            case RawBodyScript raw:
                await WriteRawAsync(raw).ConfigureAwait(false);
                return null;
        }

        var stream = (StreamScript)script;
        await DelayAsync(stream.FirstByteDelay, receivedAt).ConfigureAwait(false);
        return stream;
    }

    public async Task StreamAsync(ScriptedResponse script, RequestText request)
    {
        if (await PlayUnlessStreamAsync(script).ConfigureAwait(false) is not { } stream)
        {
            return;
        }

        var frames = StreamScriptRenderer.RenderFrames(stream, request, padding);
        Response.StatusCode = 200;
        Response.ContentType = Script.EventStreamContentType;
        await Response.StartAsync(cancellationToken).ConfigureAwait(false);

        var lastWrite = time.GetTimestamp();
        for (var i = 0; i < frames.Count; i++)
        {
            if (stream.DropAfterFrames == i)
            {
                await AbortAsync().ConfigureAwait(false);
                return;
            }

            if (i > 0)
            {
                await DelayAsync(stream.EventDelay, lastWrite).ConfigureAwait(false);
            }

            lastWrite = time.GetTimestamp();
            await Response.Body.WriteAsync(frames[i], cancellationToken).ConfigureAwait(false);
            await Response.Body.FlushAsync(cancellationToken).ConfigureAwait(false);
        }

        if (stream.DropAfterFrames >= frames.Count)
        {
            await AbortAsync().ConfigureAwait(false);
        }
    }

    public async Task ConverseAsync(ScriptedResponse script, RequestText request)
    {
        if (await PlayUnlessStreamAsync(script).ConfigureAwait(false) is not { } stream)
        {
            return;
        }

        if (stream.DropAfterFrames is not null)
        {
            context.Abort();
            return;
        }

        if (stream.TerminalFrame is { } terminal)
        {
            var error = terminal.Kind == ScriptFrameKind.Exception
                ? AwsError.FromStreamException(terminal.Type, terminal.Payload?["message"]?.GetValue<string>() ?? "")
                : new AwsError(500, terminal.Type, terminal.ErrorMessage ?? "");
            await error.WriteAsync(Response, cancellationToken).ConfigureAwait(false);
            return;
        }

        var body = StreamScriptRenderer.RenderConverse(stream, request);
        Response.StatusCode = 200;
        Response.ContentType = "application/json";
        Response.ContentLength = body.Length;
        await Response.Body.WriteAsync(body, cancellationToken).ConfigureAwait(false);
    }

    private static AwsError ToAwsError(HttpErrorScript error) =>
        new(error.StatusCode, error.ErrorType, error.Message, error.QualifiedErrorType);

    private async Task WriteRawAsync(RawBodyScript raw)
    {
        Response.StatusCode = 200;
        Response.ContentType = raw.ContentType;
        Response.ContentLength = raw.Body.Length;

        // In pieces: Kestrel copies a write whole into its buffers before it applies backpressure, so one write of a
        // 90 MB recording took 90 MB of fresh memory per call and made the emulator, not the client, the slow side.
        for (var offset = 0; offset < raw.Body.Length; offset += RawWriteSize)
        {
            var piece = raw.Body.Slice(offset, Math.Min(RawWriteSize, raw.Body.Length - offset));
            await Response.Body.WriteAsync(piece, cancellationToken).ConfigureAwait(false);
        }
    }

    private const int RawWriteSize = 64 * 1024;

    private async Task AbortAsync()
    {
        // A completed flush only means Kestrel has the bytes, and aborting discards what it has not sent yet; the
        // grace period lets the frames before the drop reach the client, so it sees them and then a broken body. It is
        // on the real clock: it waits for the network, not for a scripted delay a test would advance.
        await Response.Body.FlushAsync(cancellationToken).ConfigureAwait(false);
        await Task.Delay(DropGracePeriod, cancellationToken).ConfigureAwait(false);
        context.Abort();
    }

    // The token (client gone, emulator disposed) ends the wait even when nobody advances a fake clock.
    private async Task DelayAsync(TimeSpan delay, long since)
    {
        var remaining = delay - time.GetElapsedTime(since);
        if (remaining > TimeSpan.Zero)
        {
            await Task.Delay(remaining, time, cancellationToken).ConfigureAwait(false);
        }
    }
}
