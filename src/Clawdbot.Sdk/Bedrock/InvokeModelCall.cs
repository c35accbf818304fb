namespace Clawdbot.Sdk;

/// <summary>What one InvokeModel call answered: the body as sent, and what the headers say.</summary>
/// <param name="Body">The model's own JSON.</param>
/// <param name="RequestId">The <c>x-amzn-RequestId</c>.</param>
/// <param name="ModelId">The id invoked (an inference profile's when the call was rerouted through one).</param>
/// <param name="InputTokenCount">The <c>X-Amzn-Bedrock-Input-Token-Count</c> header, when Bedrock sent it.</param>
internal sealed record InvokeModelResponse(byte[] Body, string? RequestId, string ModelId, int? InputTokenCount);

/// <summary>
/// One InvokeModel call (<c>POST /model/{id}/invoke</c>, the model's own JSON both ways) sent through the
/// <see cref="CallPipeline"/>: the same credentials, signing, timeouts, retries, rerouting and errors as Converse.
/// </summary>
internal static class InvokeModelCall
{
    public const string InputTokenCountHeader = "X-Amzn-Bedrock-Input-Token-Count";

    public static async Task<InvokeModelResponse> RunAsync(CallPipeline pipeline, string modelId, byte[] body, ClawdbotConfig discoveryConfig, CancellationToken cancellationToken)
    {
        pipeline.Transport.ThrowIfDisposed();
        using var timeouts = new CallTimeouts(pipeline.Options, cancellationToken);
        return await pipeline.RunAsync(
            modelId,
            discoveryConfig,
            timeouts,
            (invoked, attempt) => AttemptAsync(pipeline.Transport, body, invoked, timeouts, attempt)).ConfigureAwait(false);
    }

    private static async ValueTask<InvokeModelResponse> AttemptAsync(BedrockTransport transport, byte[] body, string invoked, CallTimeouts timeouts, int attempt)
    {
        timeouts.Arm(BedrockTimeoutKind.FirstEvent);
        using var response = await transport.SendAsync(transport.ModelUri(invoked, "invoke"), body, "application/json", timeouts, attempt).ConfigureAwait(false);
        var requestId = BedrockTransport.RequestIdOf(response);
        var answer = await BedrockTransport.ReadReplyAsync(response, requestId, "InvokeModel", timeouts, attempt, static (content, token) => content.ReadAsByteArrayAsync(token)).ConfigureAwait(false);
        var tokens = response.Headers.TryGetValues(InputTokenCountHeader, out var values)
            && int.TryParse(values.FirstOrDefault(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var count)
                ? count
                : (int?)null;
        return new InvokeModelResponse(answer, requestId, invoked, tokens);
    }
}
