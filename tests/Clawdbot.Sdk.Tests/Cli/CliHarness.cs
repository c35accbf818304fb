using Clawdbot.Cli;
using Clawdbot.Sdk.Testing;

namespace Clawdbot.Sdk.Tests.Cli;

/// <summary>Runs <c>clawdbot</c> in-process in a temporary directory, with an environment of its own pointing at an emulator.</summary>
internal sealed class CliHarness : IDisposable
{
    private readonly Dictionary<string, string> _environment = new(StringComparer.Ordinal);

    public CliHarness(LocalBedrock? emulator = null)
    {
        Directory = Path.Combine(Path.GetTempPath(), "clawdbot-cli-" + Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(Directory);
        Home = Path.Combine(Directory, "home");
        System.IO.Directory.CreateDirectory(Home);
        // Nothing of the developer's AWS setup may leak in: shared files point into the temporary home.
        _environment["AWS_CONFIG_FILE"] = Path.Combine(Home, "aws-config");
        _environment["AWS_SHARED_CREDENTIALS_FILE"] = Path.Combine(Home, "aws-credentials");
        _environment["AWS_EC2_METADATA_DISABLED"] = "true";
        if (emulator is not null)
        {
            _environment["AWS_ENDPOINT_URL_BEDROCK_RUNTIME"] = emulator.Endpoint.ToString();
            _environment["AWS_ENDPOINT_URL_BEDROCK"] = emulator.Endpoint.ToString();
            _environment["AWS_ACCESS_KEY_ID"] = emulator.AccessKeyId;
            _environment["AWS_SECRET_ACCESS_KEY"] = emulator.SecretAccessKey;
            _environment["AWS_REGION"] = emulator.Region;
        }
    }

    public string Directory { get; }

    public string Home { get; }

    public IDictionary<string, string> Environment => _environment;

    public BedrockDiscoveryCache Cache { get; } = new();

    public string ConfigPath => Path.Combine(Directory, "models.json5");

    public void WriteConfig(string text) => File.WriteAllText(ConfigPath, text);

    public async Task<(int ExitCode, string Out, string Error)> RunAsync(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exitCode = await RunAsync(output, error, args);
        return (exitCode, output.ToString(), error.ToString());
    }

    /// <summary>Runs with writers of the test's own, e.g. to watch when the CLI flushes.</summary>
    public async Task<int> RunAsync(TextWriter output, TextWriter error, params string[] args)
    {
        var context = new CliContext
        {
            Out = output,
            Error = error,
            GetEnvironmentVariable = name => _environment.TryGetValue(name, out var value) ? value : null,
            CurrentDirectory = Directory,
            HomeDirectory = Home,
            IsTerminal = false,
            DiscoveryCache = Cache,
        };
        return await ClawdbotCli.RunAsync(args, context);
    }

    public void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
