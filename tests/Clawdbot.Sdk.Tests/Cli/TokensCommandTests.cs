using System.Text.Json;
using Clawdbot.Sdk.Testing;
using Xunit;

namespace Clawdbot.Sdk.Tests.Cli;

public sealed class TokensCommandTests
{
    private const string Sonnet = "anthropic.claude-sonnet-4-5-20250929-v1:0";

    private const string Config = """
        {
          models: {
            providers: {
              "amazon-bedrock": {
                baseUrl: "https://bedrock-runtime.us-east-1.amazonaws.com",
                api: "bedrock-converse-stream",
                models: [
                  { id: "anthropic.claude-sonnet-4-5-20250929-v1:0", name: "Sonnet 4.5", input: ["text"], contextWindow: 200000, maxTokens: 8192 },
                  { id: "amazon.nova-pro-v1:0", name: "Nova Pro", input: ["text"], contextWindow: 300000, maxTokens: 5000 },
                ],
              },
            },
          },
          agents: {
            defaults: {
              model: { primary: "amazon-bedrock/anthropic.claude-sonnet-4-5-20250929-v1:0" },
              models: { "amazon-bedrock/anthropic.claude-sonnet-4-5-20250929-v1:0": { alias: "sonnet" } },
            },
          },
        }
        """;

    [Fact]
    public async Task Tokens_prints_the_count_bedrock_returned_for_the_prompt_and_system()
    {
        await using var emulator = await LocalBedrock.StartAsync();
        using var cli = new CliHarness(emulator);
        cli.WriteConfig(Config);

        var (exitCode, output, error) = await cli.RunAsync("tokens", "--model", "sonnet", "--system", "Be brief.", "How", "many", "tokens?");

        Assert.True(exitCode == 0, error);
        Assert.Equal("5", output.Trim());
        var recorded = Assert.Single(emulator.Requests, r => r.Operation == "CountTokens");
        Assert.Equal(Sonnet, recorded.ModelId);
        using var body = JsonDocument.Parse(recorded.Body);
        var converse = body.RootElement.GetProperty("input").GetProperty("converse");
        Assert.Equal("Be brief.", converse.GetProperty("system")[0].GetProperty("text").GetString());
        Assert.Equal("How many tokens?", converse.GetProperty("messages")[0].GetProperty("content")[0].GetProperty("text").GetString());
    }

    [Fact]
    public async Task Tokens_json_writes_one_object_and_the_default_model_is_the_primary()
    {
        await using var emulator = await LocalBedrock.StartAsync();
        using var cli = new CliHarness(emulator);
        cli.WriteConfig(Config);

        var (exitCode, output, error) = await cli.RunAsync("tokens", "--json", "one", "two");

        Assert.True(exitCode == 0, error);
        using var line = JsonDocument.Parse(output);
        Assert.Equal(2, line.RootElement.GetProperty("inputTokens").GetInt32());
        Assert.Equal(Sonnet, line.RootElement.GetProperty("model").GetString());
        Assert.StartsWith("00000000-", line.RootElement.GetProperty("requestId").GetString());
    }

    [Fact]
    public async Task Tokens_for_a_model_bedrock_does_not_count_is_a_service_error_with_its_message()
    {
        await using var emulator = await LocalBedrock.StartAsync();
        using var cli = new CliHarness(emulator);
        cli.WriteConfig(Config);

        var (exitCode, output, error) = await cli.RunAsync("tokens", "--model", "amazon-bedrock/amazon.nova-pro-v1:0", "hi");

        Assert.Equal(1, exitCode);
        Assert.Empty(output);
        Assert.Contains("error (Validation)", error);
        Assert.Contains("doesn't support counting tokens", error);
    }
}
