using Clawdbot.Sdk.Wire;

namespace Clawdbot.Sdk;

/// <summary>
/// One CountTokens call (<c>POST /model/{id}/count-tokens</c>), sent through the <see cref="CallPipeline"/> like
/// Converse: signed, timed out, retried. It takes bare foundation model ids only, so a profile id or ARN is first
/// mapped to its model, and the call is never rerouted through a profile.
/// </summary>
internal static class CountTokensCall
{
    internal const string Operation = "count-tokens";

    public static async Task<TokenCount> RunAsync(CallPipeline pipeline, ConverseRequest request, ClawdbotConfig discoveryConfig, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        pipeline.Transport.ThrowIfDisposed();
        var modelId = await pipeline.FoundationModelIdAsync(request.ModelId, discoveryConfig, cancellationToken).ConfigureAwait(false)
            ?? throw new BedrockException(
                BedrockErrorKind.Validation,
                $"CountTokens takes a foundation model id, and the model behind application inference profile '{request.ModelId}' could not be found (GetInferenceProfile failed or discovery is off); count with the model's id.");
        var body = ConverseRequestWriter.SerializeCountTokens(request, modelId);
        using var timeouts = new CallTimeouts(pipeline.Options, cancellationToken);
        try
        {
            return await pipeline.RunAsync(
                modelId,
                discoveryConfig,
                timeouts,
                (invoked, attempt) => AttemptAsync(pipeline.Transport, body, invoked, timeouts, attempt),
                routeThroughProfiles: false).ConfigureAwait(false);
        }
        catch (BedrockException ex) when (ex.Kind == BedrockErrorKind.Validation)
        {
            // Bedrock's own text says only that the input is invalid; the reason it most often is, is the model.
            throw ex.With(null, ex.Attempts,
                $"Bedrock refused to count tokens for '{modelId}': {ex.Message} (CountTokens serves some Anthropic Claude models, by foundation model id, in some regions.)",
                ex.FailoverAttempts);
        }
    }

    private static async ValueTask<TokenCount> AttemptAsync(BedrockTransport transport, byte[] body, string modelId, CallTimeouts timeouts, int attempt)
    {
        timeouts.Arm(BedrockTimeoutKind.FirstEvent);
        using var response = await transport.SendAsync(transport.ModelUri(modelId, Operation), body, "application/json", timeouts, attempt).ConfigureAwait(false);
        var requestId = BedrockTransport.RequestIdOf(response);
        var wire = await BedrockTransport.ReadJsonReplyAsync(response, requestId, "CountTokens", ConverseJsonContext.Default.CountTokensResponseWire, timeouts, attempt).ConfigureAwait(false);
        return wire?.InputTokens is { } tokens
            ? new TokenCount(tokens, modelId) { RequestId = requestId }
            : throw new BedrockException(BedrockErrorKind.ServiceError, "The CountTokens response holds no inputTokens.") { RequestId = requestId, StatusCode = (int)response.StatusCode, Attempts = attempt };
    }
}
