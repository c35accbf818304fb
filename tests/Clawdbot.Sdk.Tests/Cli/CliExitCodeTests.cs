using Clawdbot.Sdk.Testing;
using Xunit;

namespace Clawdbot.Sdk.Tests.Cli;

/// <summary>Whatever goes wrong, <c>clawdbot</c> exits 0, 1, 2 or 130 with a message of one line, never a stack trace.</summary>
public sealed class CliExitCodeTests
{
    private const string Config = """
        {
          models: {
            providers: {
              "amazon-bedrock": {
                baseUrl: "https://bedrock-runtime.us-east-1.amazonaws.com",
                api: "bedrock-converse-stream",
                models: [{ id: "amazon.nova-pro-v1:0", name: "Nova Pro" }],
              },
              openai: {
                baseUrl: "https://api.openai.com/v1",
                api: "openai-completions",
                apiKey: "sk-not-for-bedrock",
                models: [{ id: "gpt-4o", name: "GPT-4o" }],
              },
            },
            bedrockDiscovery: { enabled: false },
          },
        }
        """;

    [Theory]
    [InlineData("models", "list")]
    [InlineData("chat", "--model", "amazon-bedrock/amazon.nova-pro-v1:0", "hi")]
    public async Task A_malformed_endpoint_variable_exits_2_with_one_line(params string[] args)
    {
        using var cli = new CliHarness();
        cli.Environment["AWS_ENDPOINT_URL_BEDROCK"] = "not a url";
        cli.WriteConfig(Config);

        var (exitCode, _, error) = await cli.RunAsync(args);

        Assert.Equal(2, exitCode);
        Assert.Equal("The endpoint from env AWS_ENDPOINT_URL_BEDROCK, 'not a url', is not an absolute http(s) URL.", error.Trim());
    }

    [Fact]
    public async Task A_malformed_provider_base_url_exits_2()
    {
        using var cli = new CliHarness();
        cli.WriteConfig(Config.Replace("https://bedrock-runtime.us-east-1.amazonaws.com", "ftp://bedrock.example", StringComparison.Ordinal));

        var (exitCode, _, error) = await cli.RunAsync("models", "list");

        Assert.Equal(2, exitCode);
        Assert.Contains("The endpoint from provider baseUrl, 'ftp://bedrock.example', is not an absolute http(s) URL.", error);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Any_other_failure_exits_1_with_one_line_and_no_stack_trace()
    {
        using var cli = new CliHarness();
        // A name the file system takes but whose temporary sibling is too long for it: writing fails with an IOException.
        var config = Path.Combine(cli.Directory, new string('c', 250));

        var (exitCode, _, error) = await cli.RunAsync("--config", config, "config", "set", "models.mode", "merge");

        Assert.Equal(1, exitCode);
        var line = Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("clawdbot: ", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Chat_refuses_a_provider_that_is_not_bedrock_and_sends_nothing()
    {
        await using var emulator = await LocalBedrock.StartAsync();
        using var cli = new CliHarness(emulator); // its endpoint variables would take the request, were one made
        cli.WriteConfig(Config);

        var (exitCode, output, error) = await cli.RunAsync("chat", "--model", "openai/gpt-4o", "hi");

        Assert.Equal(2, exitCode);
        Assert.Equal("", output);
        Assert.Contains("provider 'openai' (api openai-completions) is not an Amazon Bedrock provider; this SDK streams only through Bedrock", error);
        Assert.Empty(emulator.Requests);
    }
}
