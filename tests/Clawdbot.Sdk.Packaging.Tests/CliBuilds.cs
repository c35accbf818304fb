namespace Clawdbot.Sdk.Packaging.Tests;

/// <summary>The two ways the <c>clawdbot</c> CLI ships: compiled to native code, or IL on the .NET runtime.</summary>
public enum CliBuild
{
    /// <summary><c>dotnet publish -p:PublishAot=true</c>: a native executable, trimmed.</summary>
    NativeAot,

    /// <summary><c>dotnet publish</c>: framework-dependent IL run by the JIT, as <c>dotnet tool install</c> gives it.</summary>
    Jit,
}

/// <summary>
/// Publishes the CLI once per build kind for the whole run (into a temporary folder with its own artifacts, so the
/// repository's bin/obj stay as the solution build left them) and hands out the executable.
/// </summary>
public sealed class CliBuilds : IAsyncLifetime
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "clawdbot-cli-builds-" + Guid.NewGuid().ToString("N")[..12]);
    private readonly Dictionary<CliBuild, Lazy<Task<(ProcessResult Publish, string Executable)>>> _builds = [];

    public CliBuilds()
    {
        foreach (var build in Enum.GetValues<CliBuild>())
        {
            _builds[build] = new(() => PublishAsync(build));
        }
    }

    /// <summary>The publish's output (to check for warnings) and the path of the executable it made.</summary>
    internal Task<(ProcessResult Publish, string Executable)> GetAsync(CliBuild build) => _builds[build].Value;

    /// <summary>The executable of <paramref name="build"/>, failing the test when the publish failed.</summary>
    public async Task<string> ExecutableAsync(CliBuild build)
    {
        var (publish, executable) = await GetAsync(build);
        Assert.True(publish.ExitCode == 0, $"{build} publish failed, {publish}");
        Assert.True(File.Exists(executable), $"no executable at {executable}");
        return executable;
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync()
    {
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
        }

        return Task.CompletedTask;
    }

    private async Task<(ProcessResult, string)> PublishAsync(CliBuild build)
    {
        if (build == CliBuild.NativeAot)
        {
            NativeToolchain.Require();
        }

        var output = Path.Combine(_root, build.ToString(), "out");
        string[] aot = build == CliBuild.NativeAot ? ["-p:PublishAot=true"] : [];
        var publish = await DotnetCommand.RunAsync(
            RepositoryPaths.Root,
            [
                "publish", RepositoryPaths.Project("samples/Clawdbot.Cli/Clawdbot.Cli.csproj"), "-c", "Release", .. aot,
                "-o", output, "--artifacts-path", Path.Combine(_root, build.ToString(), "artifacts"),
                .. DotnetCommand.NoBuildServers,
            ]);
        return (publish, Path.Combine(output, OperatingSystem.IsWindows() ? "clawdbot.exe" : "clawdbot"));
    }
}

/// <summary>The tests that run the published CLI: one publish of each kind for all of them.</summary>
[CollectionDefinition(Name)]
public sealed class CliBuildsCollection : ICollectionFixture<CliBuilds>
{
    public const string Name = "Published CLI";
}

/// <summary>What Native AOT links with: never a skip, a machine without it fails saying what to install.</summary>
internal static class NativeToolchain
{
    /// <summary>What a machine needs for Native AOT on Linux (clang links; zlib1g-dev provides the libz it links against).</summary>
    public const string Hint = "Native AOT needs clang and zlib: apt-get install clang zlib1g-dev (macOS: xcode-select --install).";

    public static void Require()
        => Assert.True(OperatingSystem.IsWindows() || IsOnPath("clang"), "clang is not on the PATH. " + Hint);

    private static bool IsOnPath(string program)
        => (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Any(directory => File.Exists(Path.Combine(directory, program)));
}
