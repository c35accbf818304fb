using Clawdbot.Sdk;
using Clawdbot.Sdk.Testing;

namespace Clawdbot.Samples;

/// <summary>
/// Where a sample's calls go: Amazon Bedrock when the client's credential chain finds credentials, otherwise (or with
/// <c>--emulator</c>) a local Bedrock emulator playing scripted replies. Either way it says so in one line.
/// </summary>
internal sealed class SampleBedrock : IAsyncDisposable
{
    public const string EmulatorFlag = "--emulator";

    private SampleBedrock(LocalBedrock? emulator, BedrockClient? emulatorClient)
    {
        Emulator = emulator;
        EmulatorClient = emulatorClient;
    }

    /// <summary>The emulator, when the sample runs against it.</summary>
    public LocalBedrock? Emulator { get; }

    /// <summary>A client of the emulator, when the sample runs against it.</summary>
    public BedrockClient? EmulatorClient { get; }

    public bool IsEmulated => Emulator is not null;

    /// <summary>
    /// Decides where calls go, probing credentials with <paramref name="probe"/>. Against the emulator,
    /// <paramref name="script"/> queues the replies it will play.
    /// </summary>
    public static async Task<SampleBedrock> ConnectAsync(BedrockClient probe, string[] args, TextWriter output, Action<LocalBedrock> script, CancellationToken cancellationToken = default)
    {
        if (!args.Contains(EmulatorFlag, StringComparer.Ordinal))
        {
            try
            {
                var source = await probe.GetCredentialSourceAsync(cancellationToken);
                output.WriteLine($"Calling Amazon Bedrock in {probe.Region} with credentials from {source}.");
                return new SampleBedrock(null, null);
            }
            catch (BedrockException exception) when (exception.Kind == BedrockErrorKind.NoCredentials)
            {
                output.WriteLine("No AWS credentials found: running against the local Bedrock emulator (LocalBedrock) with scripted replies.");
            }
        }
        else
        {
            output.WriteLine("--emulator: running against the local Bedrock emulator (LocalBedrock) with scripted replies.");
        }

        var emulator = await LocalBedrock.StartAsync(cancellationToken: cancellationToken);
        script(emulator);
        var client = new BedrockClient(new BedrockClientOptions
        {
            Endpoint = emulator.Endpoint,
            Region = emulator.Region,
            Credentials = emulator.Credentials,
        });
        return new SampleBedrock(emulator, client);
    }

    public async ValueTask DisposeAsync()
    {
        EmulatorClient?.Dispose();
        if (Emulator is not null)
        {
            await Emulator.DisposeAsync();
        }
    }
}
