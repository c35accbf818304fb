namespace Clawdbot.Sdk;

/// <summary>
/// What <see cref="BedrockClient.ConverseStreamAsync(ConverseRequest, CancellationToken)"/> returns: each enumeration is one call
/// (<see cref="ConverseStreamCall"/>), started by its first <c>MoveNextAsync</c>. The token given to the method and
/// the one given to <see cref="GetAsyncEnumerator"/> (<c>WithCancellation</c>) both cancel it.
/// </summary>
internal sealed class ConverseStream(CallPipeline pipeline, ConverseRequest request, ClawdbotConfig discoveryConfig, CancellationToken callerToken) : IAsyncEnumerable<StreamUpdate>
{
    public IAsyncEnumerator<StreamUpdate> GetAsyncEnumerator(CancellationToken cancellationToken = default)
        => new ConverseStreamCall(pipeline, request, discoveryConfig, callerToken, cancellationToken);
}
