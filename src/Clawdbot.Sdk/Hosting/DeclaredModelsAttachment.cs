using Microsoft.Extensions.Hosting;

namespace Clawdbot.Sdk;

/// <summary>
/// Registered by <c>AddBedrock</c> when its config is a generated <c>Bedrock.Config</c>: while the host runs, the
/// generated <c>Bedrock.Clients</c> hands out the host's clients (see <see cref="BedrockClientProvider"/>), so
/// <c>Bedrock.Models.X.StreamAsync(...)</c> goes through the host's handler, options and logging. Stopping or disposing
/// the host gives the descriptors back their own clients.
/// </summary>
internal sealed class DeclaredModelsAttachment(BedrockClientProvider declared, BedrockClientProvider host) : IHostedService, IDisposable
{
    private readonly Lock _gate = new();
    private IDisposable? _attachment;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            _attachment ??= declared.Attach(host);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        Dispose();
        return Task.CompletedTask;
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _attachment?.Dispose();
            _attachment = null;
        }
    }
}
