using System.IO.Compression;
using System.Xml.Linq;

namespace Clawdbot.Sdk.Packaging.Tests;

/// <summary>What the packed .nupkg files hold: the analyzer, the MSBuild glue, dependencies, the tool shim settings.</summary>
[Collection(PackagesCollection.Name)]
public sealed class PackageContentTests(LocalPackageFeed feed)
{
    [Fact]
    public void The_runtime_package_carries_the_generator_as_its_analyzer_and_the_msbuild_glue()
    {
        using var package = ZipFile.OpenRead(feed.PackagePath("Clawdbot.Sdk"));
        var entries = package.Entries.Select(entry => entry.FullName).ToHashSet(StringComparer.Ordinal);

        Assert.Contains("lib/net10.0/Clawdbot.Sdk.dll", entries);
        Assert.Contains("lib/net10.0/Clawdbot.Sdk.xml", entries);
        Assert.Contains("analyzers/dotnet/cs/Clawdbot.Sdk.Generators.dll", entries);
        Assert.DoesNotContain(entries, entry => entry.StartsWith("lib/", StringComparison.Ordinal) && entry.Contains("Generators", StringComparison.Ordinal));
        Assert.Contains("build/Clawdbot.Sdk.props", entries);
        Assert.Contains("build/Clawdbot.Sdk.targets", entries);
        Assert.Contains("buildTransitive/Clawdbot.Sdk.props", entries);
        Assert.Contains("buildTransitive/Clawdbot.Sdk.targets", entries);

        var metadata = ReadNuspec(package);
        Assert.Equal(feed.Version, Value(metadata, "version"));
        Assert.Equal("MIT", Value(metadata, "license"));
        Assert.Equal(
            [
                "AWSSDK.Core",
                "Microsoft.Extensions.AI.Abstractions",
                "Microsoft.Extensions.DependencyInjection.Abstractions",
                "Microsoft.Extensions.Http",
                "Microsoft.Extensions.Logging.Abstractions",
                "Microsoft.Extensions.Options.ConfigurationExtensions",
                "System.IO.Hashing",
            ],
            DependencyIds(metadata).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void The_testing_package_depends_on_the_runtime_package_of_the_same_version()
    {
        using var package = ZipFile.OpenRead(feed.PackagePath("Clawdbot.Sdk.Testing"));

        Assert.Contains(package.Entries, entry => entry.FullName == "lib/net10.0/Clawdbot.Sdk.Testing.dll");
        var metadata = ReadNuspec(package);
        var runtime = metadata.Descendants(metadata.Name.Namespace + "dependency").Single(dependency => (string?)dependency.Attribute("id") == "Clawdbot.Sdk");
        Assert.Equal(feed.Version, (string?)runtime.Attribute("version"));
        Assert.Contains(metadata.Descendants(metadata.Name.Namespace + "frameworkReference"), reference => (string?)reference.Attribute("name") == "Microsoft.AspNetCore.App");
    }

    [Fact]
    public void The_cli_packs_as_a_dotnet_tool_named_clawdbot()
    {
        using var package = ZipFile.OpenRead(feed.PackagePath("Clawdbot.Cli"));

        var metadata = ReadNuspec(package);
        var packageType = metadata.Descendants(metadata.Name.Namespace + "packageType").Single();
        Assert.Equal("DotnetTool", (string?)packageType.Attribute("name"));
        var settingsEntry = package.Entries.Single(entry => entry.FullName.EndsWith("/DotnetToolSettings.xml", StringComparison.Ordinal));
        Assert.StartsWith("tools/net10.0/any/", settingsEntry.FullName);
        using var settingsStream = settingsEntry.Open();
        var command = XDocument.Load(settingsStream).Descendants("Command").Single();
        Assert.Equal("clawdbot", (string?)command.Attribute("Name"));
        Assert.Equal("clawdbot.dll", (string?)command.Attribute("EntryPoint"));
        Assert.Contains(package.Entries, entry => entry.FullName == "tools/net10.0/any/Clawdbot.Sdk.dll");
    }

    [Fact]
    public async Task The_tool_package_installs_and_its_clawdbot_command_runs()
    {
        var tools = Path.Combine(feed.Root, "tools");
        var work = Path.Combine(feed.Root, "tool-run");
        Directory.CreateDirectory(work);
        File.WriteAllText(Path.Combine(work, "models.json5"), """
            {
              models: {
                providers: {
                  "amazon-bedrock": {
                    baseUrl: "https://bedrock-runtime.eu-west-1.amazonaws.com",
                    models: [{ id: "amazon.nova-lite-v1:0", name: "Nova Lite", contextWindow: 300000, maxTokens: 5000 }],
                  },
                },
                bedrockDiscovery: { enabled: false },
              },
            }
            """);

        var install = await DotnetCommand.RunAsync(
            feed.Root, "tool", "install", "Clawdbot.Cli", "--version", feed.Version, "--tool-path", tools, "--add-source", feed.Directory);
        Assert.True(install.ExitCode == 0, $"dotnet tool install failed, {install}");
        var list = await DotnetCommand.RunProcessAsync(
            Path.Combine(tools, OperatingSystem.IsWindows() ? "clawdbot.exe" : "clawdbot"),
            work,
            ["models", "list", "--all", "--plain"],
            new Dictionary<string, string?> { ["HOME"] = work, ["CLAWDBOT_CONFIG_PATH"] = null, ["AWS_EC2_METADATA_DISABLED"] = "true" });

        Assert.True(list.ExitCode == 0, $"clawdbot models list failed, {list}");
        Assert.Equal("amazon-bedrock/amazon.nova-lite-v1:0", list.StandardOutput.Trim());
    }

    private static XElement ReadNuspec(ZipArchive package)
    {
        var nuspec = package.Entries.Single(entry => entry.FullName.EndsWith(".nuspec", StringComparison.Ordinal));
        using var stream = nuspec.Open();
        var root = XDocument.Load(stream).Root!;
        return root.Element(root.Name.Namespace + "metadata")!;
    }

    private static string? Value(XElement metadata, string name) => (string?)metadata.Element(metadata.Name.Namespace + name);

    private static IEnumerable<string> DependencyIds(XElement metadata)
        => metadata.Descendants(metadata.Name.Namespace + "dependency").Select(dependency => (string)dependency.Attribute("id")!);
}
