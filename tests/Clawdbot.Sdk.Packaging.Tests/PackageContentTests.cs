using System.IO.Compression;
using System.Reflection.PortableExecutable;
using System.Runtime.InteropServices;
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
                // The clients AWSSDK.Core's credential providers call: STS (roles, web identity), IAM Identity Center.
                "AWSSDK.SSO",
                "AWSSDK.SSOOIDC",
                "AWSSDK.SecurityToken",
                "Microsoft.Extensions.AI.Abstractions",
                "Microsoft.Extensions.DependencyInjection.Abstractions",
                "Microsoft.Extensions.Hosting.Abstractions",
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
    public void The_cli_packs_as_a_dotnet_tool_named_clawdbot_that_maps_each_platform_to_its_package()
    {
        using var package = ZipFile.OpenRead(feed.PackagePath("Clawdbot.Cli"));

        var metadata = ReadNuspec(package);
        var packageType = metadata.Descendants(metadata.Name.Namespace + "packageType").Single();
        Assert.Equal("DotnetTool", (string?)packageType.Attribute("name"));
        var settings = ToolSettings(package);
        Assert.Equal("clawdbot", (string?)settings.Descendants("Command").Single().Attribute("Name"));
        var platforms = settings.Descendants("RuntimeIdentifierPackage")
            .ToDictionary(entry => (string)entry.Attribute("RuntimeIdentifier")!, entry => (string)entry.Attribute("Id")!);
        Assert.Equal(LocalPackageFeed.ToolRuntimeIdentifiers.Order(), platforms.Keys.Order());
        Assert.All(platforms, platform => Assert.Equal("Clawdbot.Cli." + platform.Key, platform.Value));
        Assert.DoesNotContain(package.Entries, entry => entry.FullName.EndsWith(".dll", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("linux-x64")]
    [InlineData("osx-arm64")]
    [InlineData("win-x64")]
    public void A_platform_package_of_the_tool_holds_ReadyToRun_code(string runtimeIdentifier)
    {
        using var package = ZipFile.OpenRead(feed.PackagePath("Clawdbot.Cli." + runtimeIdentifier));

        Assert.Equal("DotnetToolRidPackage", PackageType(package));
        // A platform package starts its own apphost rather than `dotnet clawdbot.dll`.
        var command = ToolSettings(package).Descendants("Command").Single();
        Assert.Equal(runtimeIdentifier.StartsWith("win-", StringComparison.Ordinal) ? "clawdbot.exe" : "clawdbot", (string?)command.Attribute("EntryPoint"));
        Assert.Equal("executable", (string?)command.Attribute("Runner"));
        var folder = $"tools/net10.0/{runtimeIdentifier}/";
        Assert.True(IsReadyToRun(package, folder + "clawdbot.dll"), "clawdbot.dll is IL only");
        Assert.True(IsReadyToRun(package, folder + "Clawdbot.Sdk.dll"), "Clawdbot.Sdk.dll is IL only");
    }

    [Fact]
    public void The_portable_package_of_the_tool_is_IL_for_any_platform()
    {
        using var package = ZipFile.OpenRead(feed.PackagePath("Clawdbot.Cli.any"));

        Assert.Equal("DotnetToolRidPackage", PackageType(package));
        Assert.False(IsReadyToRun(package, "tools/net10.0/any/Clawdbot.Sdk.dll"), "the portable package holds platform code");
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
        var platform = LocalPackageFeed.ToolRuntimeIdentifiers.Contains(RuntimeInformation.RuntimeIdentifier) ? RuntimeInformation.RuntimeIdentifier : "any";
        var entryPoint = Assert.Single(Directory.EnumerateFiles(tools, "clawdbot.dll", SearchOption.AllDirectories));
        Assert.EndsWith(Path.Combine("tools", "net10.0", platform, "clawdbot.dll"), entryPoint, StringComparison.Ordinal);
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

    private static XDocument ToolSettings(ZipArchive package)
    {
        using var stream = package.Entries.Single(entry => entry.FullName.EndsWith("/DotnetToolSettings.xml", StringComparison.Ordinal)).Open();
        return XDocument.Load(stream);
    }

    private static string? PackageType(ZipArchive package)
    {
        var metadata = ReadNuspec(package);
        return (string?)metadata.Descendants(metadata.Name.Namespace + "packageType").Single().Attribute("name");
    }

    /// <summary>True when the assembly carries precompiled native code (a ReadyToRun header) besides its IL.</summary>
    private static bool IsReadyToRun(ZipArchive package, string entryName)
    {
        var entry = package.GetEntry(entryName) ?? throw new InvalidOperationException(entryName + " is not in the package");
        using var copy = new MemoryStream();
        using (var stream = entry.Open())
        {
            stream.CopyTo(copy);
        }

        copy.Position = 0;
        using var reader = new PEReader(copy);
        return reader.PEHeaders.CorHeader is { ManagedNativeHeaderDirectory.Size: > 0 };
    }

    private static string? Value(XElement metadata, string name) => (string?)metadata.Element(metadata.Name.Namespace + name);

    private static IEnumerable<string> DependencyIds(XElement metadata)
        => metadata.Descendants(metadata.Name.Namespace + "dependency").Select(dependency => (string)dependency.Attribute("id")!);
}
