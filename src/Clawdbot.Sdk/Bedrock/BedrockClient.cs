namespace Clawdbot.Sdk;

// Contract placeholder: the runtime issue (#4) replaces this file with the real client.
public sealed class BedrockClient : IDisposable
{
    public BedrockClient(BedrockClientOptions? options = null) => Options = options ?? new BedrockClientOptions();

    public BedrockClientOptions Options { get; }

    public static BedrockClient FromConfig(ClawdbotConfig config, string providerId = "amazon-bedrock", BedrockClientOptions? options = null)
        => new(options);

    public IAsyncEnumerable<StreamUpdate> ConverseStreamAsync(ConverseRequest request, CancellationToken cancellationToken = default)
        => throw new NotImplementedException();

    public Task<ConverseResult> ConverseAsync(ConverseRequest request, CancellationToken cancellationToken = default)
        => throw new NotImplementedException();

    public void Dispose()
    {
    }
}
