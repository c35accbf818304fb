using System.Text.Json;
using Clawdbot.Sdk.Testing;

namespace Clawdbot.Sdk.Tests.Cli;

/// <summary><c>clawdbot embed</c> against LocalBedrock.</summary>
public sealed class EmbedCommandTests
{
    private const string Config = """
        {
          models: {
            providers: {
              "amazon-bedrock": {
                baseUrl: "https://bedrock-runtime.us-east-1.amazonaws.com",
                api: "bedrock-converse-stream",
                models: [
                  { id: "amazon.titan-embed-text-v2:0", name: "Titan Text Embeddings V2", input: ["text"] },
                ],
              },
            },
          },
          agents: {
            defaults: {
              models: {
                "amazon-bedrock/amazon.titan-embed-text-v2:0": { alias: "titan" },
              },
            },
          },
        }
        """;

    [Fact]
    public async Task Embed_prints_one_json_line_per_text_with_the_requested_dimensions()
    {
        await using var emulator = await LocalBedrock.StartAsync();
        using var cli = new CliHarness(emulator);
        cli.WriteConfig(Config);

        var (exitCode, output, error) = await cli.RunAsync("embed", "--model", "titan", "--dimensions", "256", "first text", "second");

        Assert.True(exitCode == 0, error);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => JsonDocument.Parse(line).RootElement).ToList();
        Assert.Equal(["first text", "second"], lines.Select(line => line.GetProperty("text").GetString()));
        Assert.All(lines, line => Assert.Equal(256, line.GetProperty("embedding").GetArrayLength()));
        Assert.All(lines, line => Assert.Equal(2, line.EnumerateObject().Count()));
        Assert.Contains("amazon.titan-embed-text-v2:0: 2 texts, 256 dimensions, 5 input tokens", error);

        // What the service returned, value for value.
        var answered = emulator.Requests.Select(r => JsonDocument.Parse(r.Body).RootElement.GetProperty("inputText").GetString()).ToList();
        Assert.Equal(["first text", "second"], answered.Order());
        using var client = Runtime.RuntimeTestSupport.Client(emulator);
        var direct = await client.EmbedAsync("amazon.titan-embed-text-v2:0", ["first text"], new EmbeddingOptions { Dimensions = 256 });
        Assert.Equal(direct.Embeddings[0].ToArray(), lines[0].GetProperty("embedding").EnumerateArray().Select(v => v.GetSingle()).ToArray());
    }

    [Fact]
    public async Task Embed_json_adds_a_usage_line_and_passes_the_cohere_input_type()
    {
        await using var emulator = await LocalBedrock.StartAsync();
        using var cli = new CliHarness(emulator);
        cli.WriteConfig(Config);

        var (exitCode, output, error) = await cli.RunAsync("embed", "--json", "--model", "amazon-bedrock/cohere.embed-english-v3", "--input-type", "search_query", "a query");

        Assert.True(exitCode == 0, error);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => JsonDocument.Parse(line).RootElement).ToList();
        Assert.Equal(2, lines.Count);
        Assert.Equal(1024, lines[0].GetProperty("embedding").GetArrayLength());
        var usage = lines[1].GetProperty("usage");
        Assert.Equal("cohere.embed-english-v3", usage.GetProperty("model").GetString());
        Assert.Equal(2, usage.GetProperty("inputTokens").GetInt32());
        Assert.Equal(1024, usage.GetProperty("dimensions").GetInt32());
        Assert.Equal(emulator.Requests[0].RequestId, usage.GetProperty("requestIds")[0].GetString());
        Assert.Equal("search_query", JsonDocument.Parse(emulator.Requests[0].Body).RootElement.GetProperty("input_type").GetString());
        Assert.Empty(error);
    }

    [Theory]
    [InlineData("amazon.titan-embed-text-v2:0", "is no alias, so it means 'anthropic/amazon.titan-embed-text-v2:0'")]
    [InlineData("amazon-bedrock/amazon.nova-pro-v1:0", "is not an embedding model")]
    [InlineData("titan", "gives vectors of 256, 512, 1024 dimensions, not 300.")]
    public async Task Embed_refuses_what_it_cannot_embed_with_exit_code_2_before_any_call(string model, string expected)
    {
        await using var emulator = await LocalBedrock.StartAsync();
        using var cli = new CliHarness(emulator);
        cli.WriteConfig(Config);

        var (exitCode, output, error) = await cli.RunAsync("embed", "--model", model, "--dimensions", "300", "hello");

        Assert.Equal(2, exitCode);
        Assert.Contains(expected, error);
        Assert.DoesNotContain("(Parameter", error);
        Assert.Empty(output);
        Assert.Empty(emulator.Requests);
    }

    [Fact]
    public async Task Embed_reports_a_service_error_with_exit_code_1()
    {
        await using var emulator = await LocalBedrock.StartAsync();
        emulator.SetStandingResponse("amazon.titan-embed-text-v2:0", Script.HttpError(403, "AccessDeniedException", "You don't have access to the model with the specified model ID."));
        using var cli = new CliHarness(emulator);
        cli.WriteConfig(Config);

        var (exitCode, output, error) = await cli.RunAsync("embed", "--json", "--model", "titan", "hello");

        Assert.Equal(1, exitCode);
        Assert.Contains("error (AccessDenied)", error);
        Assert.Equal("AccessDenied", JsonDocument.Parse(output).RootElement.GetProperty("error").GetProperty("kind").GetString());
        Assert.Equal(2, (await cli.RunAsync("embed", "--model", "titan", "--input-type", "poetry", "hello")).ExitCode);
        Assert.Equal(2, (await cli.RunAsync("embed", "hello")).ExitCode);
    }
}
