using Microsoft.AspNetCore.Http;

namespace Clawdbot.Sdk.Testing.Internal;

/// <summary>Plays one scripted response to a <c>converse-stream</c> or <c>converse</c> call.</summary>
internal sealed class RuntimeResponder(HttpContext context, CancellationToken cancellationToken, Random padding)
{
    private HttpResponse Response => context.Response;

    public async Task StreamAsync(ScriptedResponse script, RequestText request)
    {
        switch (script)
        {
            case HttpErrorScript error:
                await ToAwsError(error).WriteAsync(Response, cancellationToken).ConfigureAwait(false);
                return;
            case RawBodyScript raw:
                await WriteRawAsync(raw).ConfigureAwait(false);
                return;
        }

        var stream = (StreamScript)script;
        await DelayAsync(stream.FirstByteDelay).ConfigureAwait(false);
        var frames = StreamScriptRenderer.RenderFrames(stream, request, padding);
        Response.StatusCode = 200;
        Response.ContentType = Script.EventStreamContentType;
        await Response.StartAsync(cancellationToken).ConfigureAwait(false);

        for (var i = 0; i < frames.Count; i++)
        {
            if (stream.DropAfterFrames == i)
            {
                await AbortAsync().ConfigureAwait(false);
                return;
            }

            if (i > 0)
            {
                await DelayAsync(stream.EventDelay).ConfigureAwait(false);
            }

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
        switch (script)
        {
            case HttpErrorScript error:
                await ToAwsError(error).WriteAsync(Response, cancellationToken).ConfigureAwait(false);
                return;
            case RawBodyScript raw:
                await WriteRawAsync(raw).ConfigureAwait(false);
                return;
        }

        var stream = (StreamScript)script;
        await DelayAsync(stream.FirstByteDelay).ConfigureAwait(false);
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
        await Response.Body.WriteAsync(raw.Body, cancellationToken).ConfigureAwait(false);
    }

    private async Task AbortAsync()
    {
        // Flush first so the client really holds the frames sent before the connection breaks.
        await Response.Body.FlushAsync(cancellationToken).ConfigureAwait(false);
        context.Abort();
    }

    private async Task DelayAsync(TimeSpan delay)
    {
        if (delay > TimeSpan.Zero)
        {
            await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
        }
    }
}
