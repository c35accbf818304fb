namespace Clawdbot.Sdk.Packaging.Tests;

/// <summary>
/// A fresh <c>dotnet new console</c> app outside the repository that references the packed Clawdbot.Sdk and
/// Clawdbot.Sdk.Testing from the local feed (and everything else from the machine's usual sources).
/// </summary>
internal sealed class ConsumerProject
{
    private ConsumerProject(string directory, string name)
    {
        Directory = directory;
        Name = name;
    }

    public string Directory { get; }

    public string Name { get; }

    public string ProjectFile => Path.Combine(Directory, Name + ".csproj");

    /// <param name="properties">Extra MSBuild properties, as XML elements.</param>
    /// <param name="items">Extra items, as XML elements.</param>
    public static async Task<ConsumerProject> CreateAsync(LocalPackageFeed feed, string name, string properties = "", string items = "")
    {
        var root = Path.Combine(feed.Root, "consumers", name);
        System.IO.Directory.CreateDirectory(root);
        // Empty files stop MSBuild and central package management from looking further up the temp directory.
        File.WriteAllText(Path.Combine(root, "Directory.Build.props"), "<Project />");
        File.WriteAllText(Path.Combine(root, "Directory.Build.targets"), "<Project />");
        File.WriteAllText(Path.Combine(root, "Directory.Packages.props"), "<Project />");
        File.WriteAllText(Path.Combine(root, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <!-- Added to the machine's sources, which still serve AWSSDK.Core and the other dependencies. -->
                <add key="clawdbot-local" value="{feed.Directory}" />
              </packageSources>
            </configuration>
            """);

        var created = await DotnetCommand.RunAsync(root, "new", "console", "--name", name, "--output", name, "--no-restore");
        Assert.True(created.ExitCode == 0, $"dotnet new console failed, {created}");
        var project = new ConsumerProject(Path.Combine(root, name), name);

        var csproj = File.ReadAllText(project.ProjectFile);
        var end = csproj.LastIndexOf("</Project>", StringComparison.Ordinal);
        Assert.True(end > 0, "Unexpected project file:\n" + csproj);
        File.WriteAllText(project.ProjectFile, csproj[..end] + $"""
              <PropertyGroup>
                <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
                {properties}
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="Clawdbot.Sdk" Version="{feed.Version}" />
                <PackageReference Include="Clawdbot.Sdk.Testing" Version="{feed.Version}" />
                {items}
              </ItemGroup>
            </Project>

            """);
        return project;
    }

    public void WriteFile(string relativePath, string text) => File.WriteAllText(Path.Combine(Directory, relativePath), text);

    public Task<ProcessResult> BuildAsync()
        => DotnetCommand.RunAsync(Directory, ["build", ProjectFile, "-c", "Release", .. DotnetCommand.NoBuildServers]);

    /// <summary>The full paths of the project's <paramref name="itemType"/> items, as MSBuild evaluates them.</summary>
    public async Task<IReadOnlyList<string>> EvaluateItemsAsync(string itemType)
    {
        var result = await DotnetCommand.RunAsync(Directory, "msbuild", ProjectFile, "-getItem:" + itemType, "-p:Configuration=Release");
        Assert.True(result.ExitCode == 0, $"evaluating {itemType} failed, {result}");
        using var document = System.Text.Json.JsonDocument.Parse(result.StandardOutput);
        return document.RootElement.GetProperty("Items").GetProperty(itemType).EnumerateArray()
            .Select(item => item.GetProperty("FullPath").GetString()!)
            .ToList();
    }

    public Task<ProcessResult> RunBuiltAsync()
        => DotnetCommand.RunAsync(Directory, Path.Combine(Directory, "bin", "Release", "net10.0", Name + ".dll"));
}
