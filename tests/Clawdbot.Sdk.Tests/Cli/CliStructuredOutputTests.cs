using System.Text.Json;
using System.Text.Json.Nodes;
using Clawdbot.Sdk.Testing;
using Xunit;

namespace Clawdbot.Sdk.Tests.Cli;

/// <summary><c>clawdbot chat --output-schema FILE</c>, and the rule that an unknown option is a usage error in every command.</summary>
public sealed class CliStructuredOutputTests
{
    private const string NovaPro = "amazon-bedrock/amazon.nova-pro-v1:0";

    private const string Config = """
        {
          models: {
            providers: {
              "amazon-bedrock": {
                baseUrl: "https://bedrock-runtime.us-east-1.amazonaws.com",
                api: "bedrock-converse-stream",
                models: [{ id: "amazon.nova-pro-v1:0", name: "Nova Pro" }],
              },
            },
            bedrockDiscovery: { enabled: false },
          },
        }
        """;

    private const string WeatherSchema = """
        {"type":"object","properties":{"city":{"type":"string"},"celsius":{"type":"number"},"sky":{"enum":["clear","cloudy"]}},"required":["city","celsius","sky"],"additionalProperties":false}
        """;

    [Fact]
    public async Task Chat_with_an_output_schema_sends_it_and_prints_the_json_answer()
    {
        await using var emulator = await LocalBedrock.StartAsync();
        using var cli = new CliHarness(emulator);
        cli.WriteConfig(Config);
        File.WriteAllText(Path.Combine(cli.Directory, "weather.json"), WeatherSchema);

        var (exitCode, output, error) = await cli.RunAsync("chat", "--model", NovaPro, "--output-schema", "weather.json", "Weather", "in", "Paris?");

        Assert.True(exitCode == 0, error);
        Assert.Equal("""{"city":"text","celsius":0,"sky":"clear"}""", output.Trim());
        var body = JsonNode.Parse(Assert.Single(emulator.Requests).Body)!;
        var definition = body["outputConfig"]!["textFormat"]!["structure"]!["jsonSchema"]!;
        Assert.Equal(WeatherSchema, definition["schema"]!.GetValue<string>());
        Assert.Equal("Weather in Paris?", body["messages"]![0]!["content"]![0]!["text"]!.GetValue<string>());
    }

    [Fact]
    public async Task Chat_prints_what_the_service_returned_even_when_it_does_not_fit()
    {
        await using var emulator = await LocalBedrock.StartAsync();
        emulator.Enqueue(Script.Stream().Text("""{"city":""", "\"Oslo\"}"));
        using var cli = new CliHarness(emulator);
        cli.WriteConfig(Config);
        File.WriteAllText(Path.Combine(cli.Directory, "weather.json"), WeatherSchema);

        var (exitCode, output, _) = await cli.RunAsync("chat", "--model", NovaPro, "--output-schema", "weather.json", "hi");

        Assert.Equal(0, exitCode);
        Assert.Equal("""{"city":"Oslo"}""", output.Trim());
    }

    [Theory]
    [InlineData(null, "no such file")]
    [InlineData("{ not json", "is not a JSON schema: The JSON schema is not valid JSON")]
    [InlineData("[]", "is not a JSON schema: A JSON schema must be a JSON object, not Array.")]
    public async Task A_missing_or_malformed_schema_file_exits_2_naming_the_file(string? content, string expected)
    {
        await using var emulator = await LocalBedrock.StartAsync();
        using var cli = new CliHarness(emulator);
        cli.WriteConfig(Config);
        var file = Path.Combine(cli.Directory, "schema.json");
        if (content is not null)
        {
            File.WriteAllText(file, content);
        }

        var (exitCode, output, error) = await cli.RunAsync("chat", "--model", NovaPro, "--output-schema", "schema.json", "hi");

        Assert.Equal(2, exitCode);
        Assert.Equal("", output);
        Assert.Contains($"--output-schema: ", error, StringComparison.Ordinal);
        Assert.Contains(file, error, StringComparison.Ordinal);
        Assert.Contains(expected, error, StringComparison.Ordinal);
        Assert.Empty(emulator.Requests);
    }

    [Theory]
    [InlineData("Unknown option '--output-schemaa' for 'clawdbot chat'", "chat", "--model", NovaPro, "--output-schemaa", "f.json", "hi")]
    [InlineData("Unknown option '-x' for 'clawdbot chat'", "chat", "hi", "-x")]
    [InlineData("Unknown option '--bogus' for 'clawdbot config get'", "config", "get", "--bogus")]
    [InlineData("'--bogus'", "models", "list", "--bogus")]
    public async Task An_unknown_option_is_a_usage_error_never_part_of_the_prompt(string expected, params string[] args)
    {
        await using var emulator = await LocalBedrock.StartAsync();
        using var cli = new CliHarness(emulator);
        cli.WriteConfig(Config);

        var (exitCode, output, error) = await cli.RunAsync(args);

        Assert.Equal(2, exitCode);
        Assert.Equal("", output);
        Assert.Contains(expected, error, StringComparison.Ordinal);
        Assert.Empty(emulator.Requests);
    }

    [Theory]
    [InlineData("You said: -x starts it", "--", "-x", "starts", "it")]
    [InlineData("You said: what is -5 plus 3", "what", "is", "-5", "plus", "3")]
    public async Task A_prompt_after_double_dash_or_a_negative_number_is_sent(string expected, params string[] prompt)
    {
        await using var emulator = await LocalBedrock.StartAsync();
        using var cli = new CliHarness(emulator);
        cli.WriteConfig(Config);

        var (exitCode, output, error) = await cli.RunAsync(["chat", "--model", NovaPro, .. prompt]);

        Assert.True(exitCode == 0, error);
        Assert.Equal(expected, output.Trim());
    }
}
