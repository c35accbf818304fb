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
        var wire = await BedrockTransport.ReadJsonReplyAsync(response, requestId, "Converse", ConverseJsonContext.Default.ConverseResponseWire, timeouts, attempt).ConfigureAwait(false);
        return ConverseResponseMapper.ToResult(wire, request, invoked, requestId);
    }
}
