using System.ComponentModel;
using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Clawdbot.Sdk.Testing;

namespace Clawdbot.Sdk.Tests.Emulator;

/// <summary>
/// The official AWS SDK for JavaScript, as <c>tests/interop/js</c> pins it: installs it with <c>npm ci</c> once per
/// run when <c>node_modules</c> is missing or was installed from another lockfile, then runs <c>interop.mjs</c>
/// against an emulator. Missing node or npm, or a failed install, fails every test that uses it.
/// </summary>
public sealed class JavaScriptSdk : IAsyncLifetime
{
    /// <summary>A generous bound for a hung process, not a performance expectation.</summary>
    private static readonly TimeSpan RunTimeout = TimeSpan.FromMinutes(2);

    private static readonly TimeSpan InstallTimeout = TimeSpan.FromMinutes(10);

    private const string InstalledMarker = ".clawdbot-installed";

    public static string Folder { get; } = Path.Combine(TestPaths.RepositoryRoot, "tests", "interop", "js");

    public async Task InitializeAsync()
    {
        var node = await RunToolAsync("node", ["--version"], RunTimeout);
        Assert.True(node.ExitCode == 0, $"`node --version` failed (exit {node.ExitCode}):\n{node.Stderr}");
        var npm = await RunToolAsync("npm", ["--version"], RunTimeout);
        Assert.True(npm.ExitCode == 0, $"`npm --version` failed (exit {npm.ExitCode}):\n{npm.Stderr}");

        var wanted = LockHash();
        var marker = Path.Combine(Folder, "node_modules", InstalledMarker);
        if (File.Exists(marker) && await File.ReadAllTextAsync(marker) == wanted)
        {
            return;
        }

        var install = await RunToolAsync("npm", ["ci", "--no-audit", "--no-fund"], InstallTimeout);
        Assert.True(install.ExitCode == 0,
            $"`npm ci` in {Folder} failed (exit {install.ExitCode}); the AWS SDK for JavaScript could not be installed:\n{install.Stdout}\n{install.Stderr}");
        await File.WriteAllTextAsync(marker, wanted);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    /// <summary>
    /// Runs <c>node interop.mjs OPERATION --endpoint ... --region ...</c> with only the given AWS settings in its
    /// environment, and returns the JSON lines it printed. A non-zero exit or a line that is not JSON fails the test.
    /// </summary>
    public async Task<JsRun> RunAsync(LocalBedrock bedrock, JsAuth auth, string operation, params string[] arguments)
    {
        string[] all = ["interop.mjs", operation, "--endpoint", bedrock.Endpoint.ToString().TrimEnd('/'), "--region", bedrock.Region, .. arguments];
        var environment = new Dictionary<string, string>();
        if (auth.BearerToken is { } token)
        {
            environment["AWS_BEARER_TOKEN_BEDROCK"] = token;
        }
        else
        {
            environment["AWS_ACCESS_KEY_ID"] = auth.AccessKeyId!;
            environment["AWS_SECRET_ACCESS_KEY"] = auth.SecretAccessKey!;
            if (auth.SessionToken is { } sessionToken)
            {
                environment["AWS_SESSION_TOKEN"] = sessionToken;
            }
        }

        var result = await RunToolAsync("node", all, RunTimeout, environment);
        Assert.True(result.ExitCode == 0, $"node {string.Join(' ', all)} exited with {result.ExitCode}:\n{result.Stdout}\n{result.Stderr}");
        var lines = new List<JsonElement>();
        foreach (var line in result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            try
            {
                lines.Add(JsonDocument.Parse(line).RootElement.Clone());
            }
            catch (JsonException exception)
            {
                Assert.Fail($"interop.mjs printed a line that is not JSON ({exception.Message}): {line}\nstderr:\n{result.Stderr}");
            }
        }

        return new JsRun(lines, result.Stderr);
    }

    private static string LockHash()
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var file in new[] { "package.json", "package-lock.json" })
        {
            var path = Path.Combine(Folder, file);
            Assert.True(File.Exists(path), $"{path} is missing");
            hash.AppendData(File.ReadAllBytes(path));
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    private static async Task<(int ExitCode, string Stdout, string Stderr)> RunToolAsync(
        string tool, IEnumerable<string> arguments, TimeSpan timeout, IReadOnlyDictionary<string, string>? aws = null)
    {
        var start = new ProcessStartInfo(tool)
        {
            WorkingDirectory = Folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // Nothing of the machine's AWS setup reaches the SDK: no keys, profiles, region, endpoint or retry settings.
        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("AWS_", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            start.Environment.Remove(name);
        }

        var nowhere = Path.Combine(Path.GetTempPath(), "clawdbot-js-interop-no-aws-" + Guid.NewGuid().ToString("N"));
        start.Environment["AWS_CONFIG_FILE"] = Path.Combine(nowhere, "config");
        start.Environment["AWS_SHARED_CREDENTIALS_FILE"] = Path.Combine(nowhere, "credentials");
        start.Environment["AWS_EC2_METADATA_DISABLED"] = "true";
        foreach (var (name, value) in aws ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException($"{tool} did not start");
        }
        catch (Win32Exception exception)
        {
            throw new InvalidOperationException(
                $"`{tool}` could not be started ({exception.Message}): the JavaScript interop tests need Node.js and npm on the PATH.", exception);
        }

        using (process)
        {
            process.StandardInput.Close();
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            using var timer = new CancellationTokenSource(timeout);
            try
            {
                await process.WaitForExitAsync(timer.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
                Assert.Fail($"`{tool} {string.Join(' ', start.ArgumentList)}` did not finish within {timeout.TotalSeconds:0} s and was killed.\n" +
                            $"stdout:\n{await stdout}\nstderr:\n{await stderr}");
            }

            return (process.ExitCode, await stdout, await stderr);
        }
    }
}

/// <summary>Which credentials the JavaScript SDK finds in its environment.</summary>
public sealed record JsAuth(string? AccessKeyId, string? SecretAccessKey, string? SessionToken, string? BearerToken)
{
    /// <summary>The emulator's own keys, read by the SDK's default chain from <c>AWS_ACCESS_KEY_ID</c>/<c>AWS_SECRET_ACCESS_KEY</c>.</summary>
    public static JsAuth SigV4(LocalBedrock bedrock) => new(bedrock.AccessKeyId, bedrock.SecretAccessKey, bedrock.SessionToken, null);

    public static JsAuth Keys(string accessKeyId, string secretAccessKey) => new(accessKeyId, secretAccessKey, null, null);

    /// <summary>A Bedrock API key in <c>AWS_BEARER_TOKEN_BEDROCK</c>, which also makes the SDK prefer bearer auth.</summary>
    public static JsAuth Bearer(string token) => new(null, null, null, token);
}

/// <summary>What <c>interop.mjs</c> printed: one JSON object per line, each with a <c>kind</c>.</summary>
public sealed record JsRun(IReadOnlyList<JsonElement> Lines, string Stderr)
{
    public IEnumerable<JsonElement> OfKind(string kind) => Lines.Where(line => line.GetProperty("kind").GetString() == kind);

    /// <summary>The stream's events as (name, data).</summary>
    public List<(string Name, JsonElement Data)> Events =>
        OfKind("event").Select(line => (line.GetProperty("event").GetString()!, line.GetProperty("data"))).ToList();

    public JsonElement Single(string kind)
    {
        var matches = OfKind(kind).ToList();
        Assert.True(matches.Count == 1, $"expected one '{kind}' line, got {matches.Count}:\n{this}");
        return matches[0];
    }

    public bool Has(string kind) => OfKind(kind).Any();

    public override string ToString() => string.Join('\n', Lines.Select(line => line.GetRawText())) + "\nstderr:\n" + Stderr;
}
