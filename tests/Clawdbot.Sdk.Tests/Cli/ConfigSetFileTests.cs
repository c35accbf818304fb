using Xunit;

namespace Clawdbot.Sdk.Tests.Cli;

/// <summary>What <c>config set</c> leaves on disk: the parsed value, the file's permissions, and symbolic links intact.</summary>
public sealed class ConfigSetFileTests
{
    private const string Config = """
        {
          // keep me
          models: {
            bedrockDiscovery: {
              refreshInterval: 1, // one second
              defaultMaxTokens: 2,
            },
          },
        }

        """;

    [Fact]
    public async Task A_comment_in_the_value_does_not_swallow_the_rest_of_the_line()
    {
        using var cli = new CliHarness();
        cli.WriteConfig("{ models: { bedrockDiscovery: { refreshInterval: 1, defaultMaxTokens: 2 } } }\n");

        var (exitCode, _, error) = await cli.RunAsync("config", "set", "models.bedrockDiscovery.refreshInterval", "5 // x");

        Assert.True(exitCode == 0, error);
        Assert.Equal("{ models: { bedrockDiscovery: { refreshInterval: 5, defaultMaxTokens: 2 } } }\n", File.ReadAllText(cli.ConfigPath));
        Assert.Equal(2, ClawdbotConfig.Load(cli.ConfigPath).Models.BedrockDiscovery!.DefaultMaxTokens);
    }

    [Theory]
    [InlineData("0x10", "16")]
    [InlineData("{ b: 'x', /* why */ \"c-d\": [1, 2,], }", "{ b: \"x\", \"c-d\": [1, 2] }")]
    [InlineData("plain words", "\"plain words\"")]
    public async Task The_value_is_written_as_parsed_and_the_rest_of_the_file_byte_for_byte(string argument, string written)
    {
        using var cli = new CliHarness();
        cli.WriteConfig(Config);

        var (exitCode, _, error) = await cli.RunAsync("config", "set", "gateway", argument); // a section this SDK does not read

        Assert.True(exitCode == 0, error);
        Assert.Equal(
            Config.Replace("  },\n}\n", "  },\n  gateway: " + written + ",\n}\n", StringComparison.Ordinal),
            File.ReadAllText(cli.ConfigPath));
    }

    [Fact]
    public async Task The_file_keeps_its_permissions()
    {
        if (OperatingSystem.IsWindows())
        {
            return; // no Unix modes to keep
        }

        using var cli = new CliHarness();
        cli.WriteConfig(Config);
        const UnixFileMode ownerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        File.SetUnixFileMode(cli.ConfigPath, ownerOnly);

        var (exitCode, _, error) = await cli.RunAsync("config", "set", "models.bedrockDiscovery.refreshInterval", "60");

        Assert.True(exitCode == 0, error);
        Assert.Equal(ownerOnly, File.GetUnixFileMode(cli.ConfigPath));
        Assert.Equal(ownerOnly, File.GetUnixFileMode(cli.ConfigPath + ".bak"));
    }

    [Fact]
    public async Task A_symbolic_link_stays_a_link_and_its_target_is_changed()
    {
        using var cli = new CliHarness();
        var real = Path.Combine(cli.Directory, "real", "clawdbot.json");
        Directory.CreateDirectory(Path.GetDirectoryName(real)!);
        File.WriteAllText(real, Config);
        File.CreateSymbolicLink(cli.ConfigPath, Path.Combine("real", "clawdbot.json"));

        var (exitCode, _, error) = await cli.RunAsync("config", "set", "models.bedrockDiscovery.refreshInterval", "60");

        Assert.True(exitCode == 0, error);
        Assert.NotNull(new FileInfo(cli.ConfigPath).LinkTarget);
        Assert.Equal(Config.Replace("refreshInterval: 1,", "refreshInterval: 60,", StringComparison.Ordinal), File.ReadAllText(real));
        Assert.True(File.Exists(real + ".bak"));
    }
}
