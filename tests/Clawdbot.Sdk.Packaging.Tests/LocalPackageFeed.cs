namespace Clawdbot.Sdk.Packaging.Tests;

/// <summary>
/// Packs Clawdbot.Sdk, Clawdbot.Sdk.Testing and the Clawdbot.Cli tool once per test run into a folder feed, with a
/// version no earlier run used: a package of the same version already in the machine's NuGet cache would otherwise be
/// used instead of the one just packed. The build is isolated (its own artifacts folder), so the repository's
/// bin/obj are left alone; the feed, the artifacts and the cached copies of this version are removed afterwards.
/// Shared by the tests of <see cref="PackagesCollection"/>.
/// </summary>
public sealed class LocalPackageFeed : IAsyncLifetime
{
    public LocalPackageFeed()
    {
        Root = Path.Combine(Path.GetTempPath(), "clawdbot-pack-" + Guid.NewGuid().ToString("N")[..12]);
        // A letter first: a prerelease identifier of digits only must not start with 0.
        Version = "0.0.0-test.t" + Guid.NewGuid().ToString("N")[..16];
    }

    public static readonly string[] PackedProjects =
    [
        "src/Clawdbot.Sdk/Clawdbot.Sdk.csproj",
        "src/Clawdbot.Sdk.Testing/Clawdbot.Sdk.Testing.csproj",
        "samples/Clawdbot.Cli/Clawdbot.Cli.csproj",
    ];

    /// <summary>The platforms the tool package maps to a platform package of its own (the CLI's RuntimeIdentifiers).</summary>
    public static readonly string[] ToolRuntimeIdentifiers = ["linux-x64", "linux-arm64", "osx-x64", "osx-arm64", "win-x64", "any"];

    /// <summary>A scratch directory for this run (feed, artifacts, consumer projects).</summary>
    public string Root { get; }

    public string Directory => Path.Combine(Root, "feed");

    public string Version { get; }

    public string PackagePath(string id) => Path.Combine(Directory, $"{id}.{Version}.nupkg");

    public async Task InitializeAsync()
    {
        System.IO.Directory.CreateDirectory(Directory);

        foreach (var project in PackedProjects)
        {
            var result = await DotnetCommand.RunAsync(
                RepositoryPaths.Root,
                [
                    "pack", RepositoryPaths.Project(project), "-c", "Release",
                    "-o", Directory,
                    "--artifacts-path", Path.Combine(Root, "artifacts"),
                    // MinVer computes the version from git tags; the override replaces it for this run.
                    "-p:MinVerVersionOverride=" + Version,
                    .. DotnetCommand.NoBuildServers,
                ]);
            if (result.ExitCode != 0)
            {
                throw new InvalidOperationException($"dotnet pack {project} failed, {result}");
            }
        }
    }

    public Task DisposeAsync()
    {
        TryDeleteDirectory(Root);
        var globalPackages = Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } configured
            ? configured
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        var ids = new[] { "clawdbot.sdk", "clawdbot.sdk.testing", "clawdbot.cli" }.Concat(ToolRuntimeIdentifiers.Select(rid => "clawdbot.cli." + rid));
        foreach (var id in ids)
        {
            TryDeleteDirectory(Path.Combine(globalPackages, id, Version));
            if (System.IO.Directory.Exists(Path.Combine(globalPackages, id))
                && !System.IO.Directory.EnumerateFileSystemEntries(Path.Combine(globalPackages, id)).Any())
            {
                TryDeleteDirectory(Path.Combine(globalPackages, id));
            }
        }

        return Task.CompletedTask;
    }

    private static void TryDeleteDirectory(string path)
    {
        try
        {
            if (System.IO.Directory.Exists(path))
            {
                System.IO.Directory.Delete(path, recursive: true);
            }
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
