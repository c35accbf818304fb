using System.Text.Json;
using Clawdbot.Sdk.Wire;

namespace Clawdbot.Sdk;

/// <summary>One Converse call (the whole answer at once), sent through the <see cref="CallPipeline"/>.</summary>
internal static class ConverseCall
{
    public static async Task<ConverseResult> RunAsync(CallPipeline pipeline, ConverseRequest request, ClawdbotConfig discoveryConfig, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        pipeline.Transport.ThrowIfDisposed();
        var body = await pipeline.BodyAsync(request, streaming: false, discoveryConfig, cancellationToken).ConfigureAwait(false);
        using var timeouts = new CallTimeouts(pipeline.Options, cancellationToken);
        return await pipeline.RunAsync(
            request.ModelId,
            discoveryConfig,
            timeouts,
            (invoked, attempt) => AttemptAsync(pipeline.Transport, request, body, invoked, timeouts, attempt)).ConfigureAwait(false);
    }

    private static async ValueTask<ConverseResult> AttemptAsync(BedrockTransport transport, ConverseRequest request, byte[] body, string invoked, CallTimeouts timeouts, int attempt)
    {
        timeouts.Arm(BedrockTimeoutKind.FirstEvent);
        using var response = await transport.SendAsync(transport.ModelUri(invoked, "converse"), body, "application/json", timeouts, attempt).ConfigureAwait(false);
        var requestId = BedrockTransport.RequestIdOf(response);
        timeouts.Arm(BedrockTimeoutKind.Idle);
        ConverseResponseWire? wire;
        try
        {
            await using var stream = await response.Content.ReadAsStreamAsync(timeouts.Token).ConfigureAwait(false);
            wire = await JsonSerializer.DeserializeAsync(stream, ConverseJsonContext.Default.ConverseResponseWire, timeouts.Token).ConfigureAwait(false);
        }
        catch (JsonException ex)
        {
            throw new BedrockException(BedrockErrorKind.ServiceError, "The Converse response is not valid JSON: " + ex.Message) { RequestId = requestId, StatusCode = (int)response.StatusCode };
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException)
        {
            throw new BedrockException(BedrockErrorKind.StreamBroken, "The connection broke while reading the Converse response: " + ex.Message, ex) { RequestId = requestId };
        }
        catch (OperationCanceledException ex) when (timeouts.Classify(ex) is { } kind)
        {
            throw BedrockTransport.TimeoutError(timeouts, kind, ex, requestId);
        }

        return ConverseResponseMapper.ToResult(wire, request, invoked, requestId);
    }
}
