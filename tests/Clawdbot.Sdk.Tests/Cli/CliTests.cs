using System.Text.Json;
using Clawdbot.Sdk.Testing;
using Xunit;

namespace Clawdbot.Sdk.Tests.Cli;

public sealed class CliTests
{
    private const string Opus45 = "anthropic.claude-opus-4-5-20251101-v1:0";

    private const string Config = """
        // Test config: comments must survive `config set`.
        {
          models: {
            providers: {
              "amazon-bedrock": {
                baseUrl: "https://bedrock-runtime.us-east-1.amazonaws.com",
                api: "bedrock-converse-stream",
                models: [
                  {
                    id: "anthropic.claude-opus-4-5-20251101-v1:0", // routed through a profile
                    name: "Claude Opus 4.5 (Bedrock)",
                    reasoning: true,
                    input: ["text", "image"],
                    cost: { input: 5, output: 25, cacheRead: 0.5, cacheWrite: 6.25 },
                    contextWindow: 200000,
                    maxTokens: 8192,
                  },
                ],
              },
            },
            bedrockDiscovery: {
              enabled: true,
              providerFilter: ["anthropic", "amazon"],
            },
          },
          agents: {
            defaults: {
              model: { primary: "amazon-bedrock/anthropic.claude-opus-4-5-20251101-v1:0" },
              models: {
                "amazon-bedrock/anthropic.claude-opus-4-5-20251101-v1:0": { alias: "opus" },
              },
            },
          },
        }

        """;

    [Fact]
    public async Task Models_list_json_merges_declared_and_discovered_models()
    {
        await using var emulator = await LocalBedrock.StartAsync();
        using var cli = new CliHarness(emulator);
        cli.WriteConfig(Config);

        var (exitCode, output, error) = await cli.RunAsync("models", "list", "--all", "--json");

        Assert.True(exitCode == 0, error);
        using var document = JsonDocument.Parse(output);
        var models = document.RootElement.GetProperty("models").EnumerateArray().ToList();
        Assert.Equal(models.Count, document.RootElement.GetProperty("count").GetInt32());
        var keys = models.Select(model => model.GetProperty("key").GetString()).ToList();
        Assert.Contains("amazon-bedrock/us." + Opus45, keys);
        Assert.Contains("amazon-bedrock/amazon.nova-pro-v1:0", keys);
        Assert.DoesNotContain(keys, key => key!.Contains("meta.", StringComparison.Ordinal)); // filtered out
        Assert.DoesNotContain(keys, key => key!.Contains("titan-embed", StringComparison.Ordinal));
        var opus = models.Single(model => model.GetProperty("id").GetString() == Opus45);
        Assert.Equal("declared", opus.GetProperty("origin").GetString()); // served only through profiles: not discovered bare
        Assert.Equal("discovered", models.Single(model => model.GetProperty("id").GetString() == "us." + Opus45).GetProperty("origin").GetString());
        Assert.Equal(25m, opus.GetProperty("cost").GetProperty("output").GetDecimal());
        Assert.Equal(["default", "configured", "alias:opus"], opus.GetProperty("tags").EnumerateArray().Select(tag => tag.GetString()));
        Assert.Equal(1, emulator.ListFoundationModelsCallCount);
    }

    [Fact]
    public async Task Models_list_without_all_shows_configured_models_and_counts_the_rest()
    {
        await using var emulator = await LocalBedrock.StartAsync();
        using var cli = new CliHarness(emulator);
        cli.WriteConfig(Config);

        var (exitCode, output, _) = await cli.RunAsync("models", "list");
        var (plainExit, plain, _) = await cli.RunAsync("models", "list", "--plain");

        Assert.Equal(0, exitCode);
        Assert.Contains("amazon-bedrock/" + Opus45, output);
        Assert.Contains("200k", output);
        Assert.Contains("$5.00/$25.00", output);
        Assert.Matches(@"\d+ discovered models not shown \(use --all\)", output);
        Assert.Equal(0, plainExit);
        Assert.Equal(["amazon-bedrock/" + Opus45], plain.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        Assert.Equal(1, emulator.ListFoundationModelsCallCount); // the second run used the cache
    }

    [Fact]
    public async Task Models_list_reports_a_discovery_failure_and_still_lists_declared_models()
    {
        using var cli = new CliHarness();
        cli.Environment["AWS_ENDPOINT_URL_BEDROCK"] = "http://127.0.0.1:9/";
        cli.Environment["AWS_ACCESS_KEY_ID"] = "AKIDEXAMPLE";
        cli.Environment["AWS_SECRET_ACCESS_KEY"] = "not-a-secret";
        cli.WriteConfig(Config);

        var (exitCode, output, error) = await cli.RunAsync("models", "list", "--plain");

        Assert.Equal(0, exitCode);
        Assert.Equal("amazon-bedrock/" + Opus45, output.Trim());
        Assert.Contains("Bedrock discovery failed", error);
    }

    [Fact]
    public async Task Config_set_changes_only_the_value_and_keeps_comments_byte_for_byte()
    {
        using var cli = new CliHarness();
        cli.WriteConfig(Config);

        var (exitCode, _, error) = await cli.RunAsync("config", "set", "models.bedrockDiscovery.refreshInterval", "60");
        Assert.True(exitCode == 0, error);
        var (replaceExit, _, _) = await cli.RunAsync("config", "set", "models.providers[amazon-bedrock].models[0].maxTokens", "16000");
        Assert.Equal(0, replaceExit);

        var expected = Config
            .Replace("maxTokens: 8192", "maxTokens: 16000", StringComparison.Ordinal)
            .Replace("providerFilter: [\"anthropic\", \"amazon\"],\n", "providerFilter: [\"anthropic\", \"amazon\"],\n      refreshInterval: 60,\n", StringComparison.Ordinal);
        Assert.Equal(expected, File.ReadAllText(cli.ConfigPath));
        Assert.True(File.Exists(cli.ConfigPath + ".bak"));

        var (getExit, value, _) = await cli.RunAsync("config", "get", "models.bedrockDiscovery.refreshInterval");
        Assert.Equal(0, getExit);
        Assert.Equal("60", value.Trim());
        var (stringExit, name, _) = await cli.RunAsync("config", "get", "models.providers.amazon-bedrock.models[0].name");
        Assert.Equal(0, stringExit);
        Assert.Equal("Claude Opus 4.5 (Bedrock)", name.Trim());
    }

    [Fact]
    public async Task Config_set_creates_missing_objects_indented_like_their_siblings()
    {
        using var cli = new CliHarness();
        cli.WriteConfig(Config);

        var (exitCode, _, error) = await cli.RunAsync("config", "set", "agents.defaults.model.fallbacks", "[\"amazon-bedrock/amazon.nova-pro-v1:0\"]");

        Assert.True(exitCode == 0, error);
        Assert.Contains("""
                  model: { primary: "amazon-bedrock/anthropic.claude-opus-4-5-20251101-v1:0", fallbacks: ["amazon-bedrock/amazon.nova-pro-v1:0"] },
            """, File.ReadAllText(cli.ConfigPath));
        var config = ClawdbotConfig.Load(cli.ConfigPath);
        Assert.Equal(["amazon-bedrock/amazon.nova-pro-v1:0"], config.AgentDefaults.FallbackModels);
    }

    [Fact]
    public async Task Config_set_creates_an_array_for_an_index_and_appends_at_the_end()
    {
        using var cli = new CliHarness();
        cli.WriteConfig(Config);

        var (first, _, firstError) = await cli.RunAsync("config", "set", "agents.defaults.model.fallbacks[0]", "amazon-bedrock/amazon.nova-pro-v1:0");
        var (second, _, secondError) = await cli.RunAsync("config", "set", "agents.defaults.model.fallbacks[1]", "anthropic/claude-sonnet-4-5");
        var (model, _, modelError) = await cli.RunAsync("config", "set", "models.providers[amazon-bedrock].models[1]", "{ id: \"amazon.nova-pro-v1:0\", name: \"Nova Pro\" }");
        var (filter, _, filterError) = await cli.RunAsync("config", "set", "models.bedrockDiscovery.providerFilter[2]", "meta");

        Assert.True(first == 0, firstError);
        Assert.True(second == 0, secondError);
        Assert.True(model == 0, modelError);
        Assert.True(filter == 0, filterError);
        var expected = Config
            .Replace(
                "model: { primary: \"amazon-bedrock/anthropic.claude-opus-4-5-20251101-v1:0\" },",
                "model: { primary: \"amazon-bedrock/anthropic.claude-opus-4-5-20251101-v1:0\", fallbacks: [\"amazon-bedrock/amazon.nova-pro-v1:0\", \"anthropic/claude-sonnet-4-5\"] },",
                StringComparison.Ordinal)
            .Replace(
                "            maxTokens: 8192,\n          },\n",
                "            maxTokens: 8192,\n          },\n          { id: \"amazon.nova-pro-v1:0\", name: \"Nova Pro\" },\n",
                StringComparison.Ordinal)
            .Replace("[\"anthropic\", \"amazon\"]", "[\"anthropic\", \"amazon\", \"meta\"]", StringComparison.Ordinal);
        Assert.Equal(expected, File.ReadAllText(cli.ConfigPath));
        var config = ClawdbotConfig.Load(cli.ConfigPath);
        Assert.Equal(["amazon-bedrock/amazon.nova-pro-v1:0", "anthropic/claude-sonnet-4-5"], config.AgentDefaults.FallbackModels);
    }

    [Theory]
    [InlineData("agents.defaults.model.fallbacks[1]", "'agents.defaults.model.fallbacks': it does not exist yet, so its first item is [0]")]
    [InlineData("models.bedrockDiscovery.providerFilter[5]", "[5] of 'models.bedrockDiscovery.providerFilter': it has 2 item(s), so [2] appends")]
    [InlineData("models.bedrockDiscovery.providerFilter.first", "'first' inside 'models.bedrockDiscovery.providerFilter': it is an array")]
    public async Task Config_set_refuses_a_gap_or_a_key_in_an_array_and_writes_nothing(string path, string message)
    {
        using var cli = new CliHarness();
        cli.WriteConfig(Config);
        var before = File.ReadAllBytes(cli.ConfigPath);

        var (exitCode, _, error) = await cli.RunAsync("config", "set", path, "meta");

        Assert.Equal(2, exitCode);
        Assert.Contains(message, error);
        Assert.Equal(before, File.ReadAllBytes(cli.ConfigPath));
    }

    [Fact]
    public async Task An_invalid_config_set_leaves_the_file_untouched_and_exits_2()
    {
        using var cli = new CliHarness();
        cli.WriteConfig(Config);
        var before = File.ReadAllBytes(cli.ConfigPath);

        var (exitCode, _, error) = await cli.RunAsync("config", "set", "models.bedrockDiscovery.refreshInterval", "\"soon\"");
        var (strictExit, _, strictError) = await cli.RunAsync("config", "set", "--json", "models.mode", "not json5");

        Assert.Equal(2, exitCode);
        Assert.Matches(@"models\.json5\(\d+,\d+\): CLAW\d{4}: ", error);
        Assert.Equal(2, strictExit);
        Assert.Contains("JSON5", strictError);
        Assert.Equal(before, File.ReadAllBytes(cli.ConfigPath));
        Assert.False(File.Exists(cli.ConfigPath + ".bak"));
    }

    [Fact]
    public async Task Chat_streams_text_through_the_profile_and_reports_usage_on_stderr()
    {
        await using var emulator = await LocalBedrock.StartAsync();
        emulator.Enqueue(Script.Stream().Text("Hello", ", world").Stop("end_turn").Usage(10, 4));
        using var cli = new CliHarness(emulator);
        cli.WriteConfig(Config);

        var (exitCode, output, error) = await cli.RunAsync("chat", "--model", "opus", "Say", "hello");

        Assert.True(exitCode == 0, error);
        Assert.Equal("Hello, world", output.TrimEnd());
        Assert.Contains("Using inference profile us." + Opus45, error);
        Assert.Contains("10 in, 4 out", error);
        Assert.Contains("$0.00015", error); // 10 × $5 + 4 × $25 per million
        Assert.Contains(emulator.Requests, request => request.ModelId == "us." + Opus45);
    }

    [Fact]
    public async Task Chat_applies_the_models_params_below_its_own_options()
    {
        await using var emulator = await LocalBedrock.StartAsync();
        using var cli = new CliHarness(emulator);
        cli.WriteConfig(Config.Replace("{ alias: \"opus\" }", "{ alias: \"opus\", params: { temperature: 0.25, maxTokens: 6000, thinking: \"off\", cacheRetention: \"long\" } }"));

        var (exitCode, _, error) = await cli.RunAsync("chat", "--model", "opus", "--system", "Be brief.", "--max-tokens", "5000", "hi");

        Assert.True(exitCode == 0, error);
        var body = JsonDocument.Parse(emulator.Requests[^1].Body).RootElement;
        Assert.Equal(5000, body.GetProperty("inferenceConfig").GetProperty("maxTokens").GetInt32());
        Assert.Equal(0.25f, body.GetProperty("inferenceConfig").GetProperty("temperature").GetSingle());
        Assert.False(body.TryGetProperty("additionalModelRequestFields", out _));
        Assert.Equal("1h", body.GetProperty("system")[1].GetProperty("cachePoint").GetProperty("ttl").GetString());
        Assert.Equal("1h", body.GetProperty("messages")[0].GetProperty("content")[1].GetProperty("cachePoint").GetProperty("ttl").GetString());
    }

    [Fact]
    public async Task Chat_streams_reasoning_to_stderr_and_keeps_stdout_for_the_answer()
    {
        await using var emulator = await LocalBedrock.StartAsync();
        emulator.Enqueue(Script.Stream().Reasoning("Weighing the greeting.", signature: "sig", chunks: 3).Text("Hello").Stop("end_turn").Usage(10, 4));
        using var cli = new CliHarness(emulator);
        cli.WriteConfig(Config);

        var (exitCode, output, error) = await cli.RunAsync("chat", "--model", "opus", "--reasoning", "low", "Say", "hello");

        Assert.True(exitCode == 0, error);
        Assert.Equal("Hello", output.TrimEnd());
        Assert.Contains("Weighing the greeting.\n", error.ReplaceLineEndings("\n"));
        Assert.True(error.IndexOf("Weighing", StringComparison.Ordinal) < error.IndexOf("10 in, 4 out", StringComparison.Ordinal), error);
    }

    [Fact]
    public async Task Chat_with_nova_2_at_high_reasoning_sends_its_reasoningConfig_and_streams_the_reasoning()
    {
        await using var emulator = await LocalBedrock.StartAsync();
        using var cli = new CliHarness(emulator);
        cli.WriteConfig(Config);

        var (exitCode, output, error) = await cli.RunAsync("chat", "--model", "amazon-bedrock/amazon.nova-2-lite-v1:0", "--reasoning", "high", "Say", "hello");

        Assert.True(exitCode == 0, error);
        var call = emulator.Requests.Single(r => r.Operation == "ConverseStream");
        Assert.Equal("amazon.nova-2-lite-v1:0", call.ModelId);
        var body = JsonDocument.Parse(call.Body).RootElement;
        var reasoning = body.GetProperty("additionalModelRequestFields").GetProperty("reasoningConfig");
        Assert.Equal("enabled", reasoning.GetProperty("type").GetString());
        Assert.Equal("high", reasoning.GetProperty("maxReasoningEffort").GetString());
        Assert.Equal("You said: Say hello", output.TrimEnd());
        Assert.Contains("Thinking it over at high effort.", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Chat_without_model_fails_over_from_a_throttled_primary_and_says_why_on_stderr()
    {
        await using var emulator = await LocalBedrock.StartAsync();
        emulator.SetStandingResponse("amazon.nova-pro-v1:0", Script.HttpError(429, "ThrottlingException", "Too many requests, please wait before trying again."));
        emulator.Enqueue(Script.Stream().Text("Fallback ", "answer").Stop("end_turn").Usage(7, 2), "amazon.nova-lite-v1:0");
        using var cli = new CliHarness(emulator);
        cli.WriteConfig("""
            {
              models: {
                providers: {
                  "amazon-bedrock": {
                    baseUrl: "https://bedrock-runtime.us-east-1.amazonaws.com",
                    api: "bedrock-converse-stream",
                    models: [
                      { id: "amazon.nova-pro-v1:0", name: "Nova Pro" },
                      { id: "amazon.nova-lite-v1:0", name: "Nova Lite" },
                    ],
                  },
                },
                bedrockDiscovery: { enabled: false },
              },
              agents: { defaults: { model: { primary: "amazon-bedrock/amazon.nova-pro-v1:0", fallbacks: ["openai/gpt-4o", "amazon-bedrock/amazon.nova-lite-v1:0"] } } },
            }
            """);

        var (exitCode, output, error) = await cli.RunAsync("chat", "hello");
        var (pinnedExit, _, pinnedError) = await cli.RunAsync("chat", "--model", "amazon-bedrock/amazon.nova-pro-v1:0", "hello");

        Assert.True(exitCode == 0, error);
        Assert.Equal("Fallback answer", output.TrimEnd());
        Assert.Contains("primary amazon-bedrock/amazon.nova-pro-v1:0: ThrottlingException (429); answered by amazon-bedrock/amazon.nova-lite-v1:0", error);
        Assert.Contains("skipped fallback: agents.defaults.model.fallbacks[0]: 'openai/gpt-4o' names provider 'openai'", error);
        Assert.Contains("amazon.nova-lite-v1:0: 7 in, 2 out", error);
        // --model names one model: no failover.
        Assert.Equal(1, pinnedExit);
        Assert.Contains("error (Throttling)", pinnedError);
        Assert.Single(emulator.Requests, r => r.ModelId == "amazon.nova-lite-v1:0");
    }

    [Fact]
    public async Task Chat_with_discovery_off_names_the_profiles_to_use_for_a_profile_only_model()
    {
        await using var emulator = await LocalBedrock.StartAsync();
        using var cli = new CliHarness(emulator);
        cli.WriteConfig(Config.Replace("enabled: true", "enabled: false"));

        var (exitCode, output, error) = await cli.RunAsync("chat", "--model", "opus", "hi");

        Assert.Equal(1, exitCode);
        Assert.Equal("", output.Trim());
        Assert.Contains("on-demand throughput", error);
        Assert.Contains($"Bedrock serves '{Opus45}' only through inference profiles (discovery is off); use one of: us.{Opus45}, global.{Opus45}.", error);
    }

    [Fact]
    public async Task Chat_json_writes_one_object_per_update_and_a_mid_stream_failure_exits_1()
    {
        await using var emulator = await LocalBedrock.StartAsync();
        emulator.Enqueue(Script.Stream().Text("partial").ThenException("throttlingException", "Too many requests"));
        using var cli = new CliHarness(emulator);
        cli.WriteConfig(Config);

        var (exitCode, output, _) = await cli.RunAsync("chat", "--json", "--model", "amazon-bedrock/amazon.nova-pro-v1:0", "hi");

        Assert.Equal(1, exitCode);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => JsonDocument.Parse(line).RootElement).ToList();
        Assert.Equal("text", lines[0].GetProperty("type").GetString());
        Assert.Equal("partial", lines[0].GetProperty("text").GetString());
        var last = lines[^1];
        Assert.Equal("error", last.GetProperty("type").GetString());
        Assert.Equal("Throttling", last.GetProperty("kind").GetString());
    }

    [Fact]
    public async Task Usage_and_config_errors_exit_2_and_help_works_for_every_command()
    {
        using var cli = new CliHarness();
        cli.WriteConfig("{ models: { mode: \"sideways\" } }");

        Assert.Equal(2, (await cli.RunAsync("models", "list", "--bogus")).ExitCode);
        var (configExit, _, configError) = await cli.RunAsync("models", "list");
        Assert.Equal(2, configExit);
        Assert.Matches(@"models\.json5\(1,\d+\): CLAW\d{4}: ", configError);
        Assert.Equal(2, (await cli.RunAsync("chat", "--reasoning", "loud", "hi")).ExitCode);
        foreach (var command in new[] { new[] { "--help" }, ["models", "list", "--help"], ["config", "get", "--help"], ["config", "set", "--help"], ["chat", "--help"] })
        {
            var (exitCode, output, _) = await cli.RunAsync(command);
            Assert.Equal(0, exitCode);
            Assert.Contains("Usage:", output);
        }
    }

    [Fact]
    public async Task Chat_cancelled_exits_130()
    {
        // The emulator's clock never moves: the answer never comes, and the cancel comes once the call is out.
        await using var emulator = await TestClock.StartBedrockAsync(TestClock.Create());
        emulator.Enqueue(Script.Stream().DelayFirstByte(TimeSpan.FromSeconds(30)).Text("late").Stop("end_turn").Usage(1, 1));
        using var cli = new CliHarness(emulator);
        cli.WriteConfig(Config);
        using var cancel = new CancellationTokenSource();

        var output = new StringWriter();
        var context = new Clawdbot.Cli.CliContext
        {
            Out = output,
            Error = new StringWriter(),
            GetEnvironmentVariable = name => cli.Environment.TryGetValue(name, out var value) ? value : null,
            CurrentDirectory = cli.Directory,
            HomeDirectory = cli.Home,
            DiscoveryCache = cli.Cache,
        };
        var run = Clawdbot.Cli.ClawdbotCli.RunAsync(["chat", "--model", "amazon-bedrock/amazon.nova-pro-v1:0", "hi"], context, cancel.Token);
        await Eventually.UntilAsync(() => emulator.Requests.Any(r => r.Operation == "ConverseStream"), "the chat call");
        await cancel.CancelAsync();
        var exitCode = await Eventually.Within(run, "the cancelled chat to exit");

        Assert.Equal(130, exitCode);
    }
}
