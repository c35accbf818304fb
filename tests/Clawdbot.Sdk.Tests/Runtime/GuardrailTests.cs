using System.Text.Json;
using System.Text.Json.Nodes;
using Clawdbot.Sdk.Testing;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Xunit;
using static Clawdbot.Sdk.Tests.Runtime.RuntimeTestSupport;

namespace Clawdbot.Sdk.Tests.Runtime;

public sealed class GuardrailTests
{
    private const string Model = "anthropic.claude-3-haiku-20240307-v1:0";

    private const string ConfigWithGuardrail = """
        {
          models: {
            providers: {
              "amazon-bedrock": {
                baseUrl: "https://bedrock-runtime.us-east-1.amazonaws.com",
                api: "bedrock-converse-stream",
                models: [{ id: "anthropic.claude-3-haiku-20240307-v1:0", name: "Haiku" }],
              },
            },
          },
          plugins: {
            entries: {
              "amazon-bedrock": {
                config: {
                  discovery: { enabled: false },
                  guardrail: { guardrailIdentifier: "${GUARDRAIL_ID}", guardrailVersion: "DRAFT", trace: "enabled_full", streamProcessingMode: "async" },
                },
              },
            },
          },
        }
        """;

    private static JsonObject? GuardrailOf(RecordedRequest recorded) => JsonNode.Parse(recorded.Body)!["guardrailConfig"]?.AsObject();

    [Fact]
    public async Task The_default_guardrail_of_the_options_goes_with_every_call_and_a_request_s_own_wins()
    {
        await using var bedrock = await LocalBedrock.StartAsync();
        using var client = Client(bedrock, o => o.DefaultGuardrail = new GuardrailConfig("gr-default", "3") { Trace = "enabled", StreamProcessingMode = "sync" });
        var own = Request(Model);
        own.GuardrailConfig = new GuardrailConfig("gr-own", "1");

        await client.ConverseAsync(Request(Model));
        await client.ConverseStreamAsync(Request(Model)).ToResultAsync();
        await client.ConverseAsync(own);

        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"guardrailIdentifier":"gr-default","guardrailVersion":"3","trace":"enabled"}"""), GuardrailOf(bedrock.Requests[0])));
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"guardrailIdentifier":"gr-default","guardrailVersion":"3","trace":"enabled","streamProcessingMode":"sync"}"""), GuardrailOf(bedrock.Requests[1])));
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"guardrailIdentifier":"gr-own","guardrailVersion":"1"}"""), GuardrailOf(bedrock.Requests[2])));
        Assert.Null(own.GuardrailConfig.Trace); // the caller's request is not changed
    }

    [Fact]
    public async Task Without_a_default_no_guardrail_is_sent()
    {
        await using var bedrock = await LocalBedrock.StartAsync();
        using var client = Client(bedrock);

        var result = await client.ConverseAsync(Request(Model));

        Assert.Null(GuardrailOf(Assert.Single(bedrock.Requests)));
        Assert.Null(result.Trace);
    }

    [Fact]
    public async Task The_config_file_s_plugin_guardrail_is_the_default_of_its_clients_and_options_win_over_it()
    {
        await using var bedrock = await LocalBedrock.StartAsync();
        var environment = Environment(("GUARDRAIL_ID", "gr-file"));
        var config = ClawdbotConfig.Parse(ConfigWithGuardrail);
        Assert.Equal("${GUARDRAIL_ID}", config.BedrockGuardrail!.GuardrailIdentifier);

        BedrockClientOptions Options(GuardrailConfig? guardrail)
        {
            var options = RuntimeTestSupport.Options(environment);
            options.Endpoint = bedrock.Endpoint;
            options.Region = bedrock.Region;
            options.Credentials = bedrock.Credentials;
            options.DefaultGuardrail = guardrail;
            return options;
        }

        using (var fromFile = BedrockClient.FromConfig(config, options: Options(null)))
        {
            await fromFile.ConverseStreamAsync(Request(Model)).ToResultAsync();
        }

        using (var overridden = BedrockClient.FromConfig(config, options: Options(new GuardrailConfig("gr-options", "2"))))
        {
            await overridden.ConverseAsync(Request(Model));
        }

        Assert.True(JsonNode.DeepEquals(
            JsonNode.Parse("""{"guardrailIdentifier":"gr-file","guardrailVersion":"DRAFT","trace":"enabled_full","streamProcessingMode":"async"}"""),
            GuardrailOf(bedrock.Requests[0])));
        Assert.Equal("gr-options", GuardrailOf(bedrock.Requests[1])!["guardrailIdentifier"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("guardrail: { guardrailVersion: \"1\" }", "CLAW2003")]
    [InlineData("guardrail: { guardrailIdentifier: \"g\", guardrailVersion: 1 }", "CLAW2002")]
    [InlineData("guardrail: { guardrailIdentifier: \"g\", guardrailVersion: \"1\", trace: \"on\" }", "CLAW2004")]
    [InlineData("guardrail: { guardrailIdentifier: \"g\", guardrailVersion: \"1\", traces: \"enabled\" }", "CLAW2001")]
    public void A_wrong_plugin_guardrail_is_a_located_config_error(string guardrail, string id)
    {
        var text = "{\n  plugins: { entries: { \"amazon-bedrock\": { config: {\n    " + guardrail + "\n  } } } },\n}";

        var exception = Assert.Throws<ClawdbotConfigException>(() => ClawdbotConfig.Parse(text, "m.json5"));

        Assert.Contains(exception.Diagnostics, d => d.Id == id && d.Span.Line == 3);
        Assert.Contains("plugins.entries.amazon-bedrock.config.guardrail", exception.Message);
    }

    [Fact]
    public void Other_plugins_and_plugin_settings_are_left_alone()
    {
        var config = ClawdbotConfig.Parse("""{ plugins: { entries: { other: { anything: 1 }, "amazon-bedrock": { config: { awsRegion: "eu-west-1" } } } } }""");

        Assert.Null(config.BedrockGuardrail);
    }

    [Fact]
    public void The_hosting_section_binds_a_default_guardrail_and_refuses_half_of_one()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Bedrock:Region"] = "us-east-1",
            ["Bedrock:Guardrail:GuardrailIdentifier"] = "gr-host",
            ["Bedrock:Guardrail:GuardrailVersion"] = "4",
            ["Bedrock:Guardrail:Trace"] = "enabled",
        }).Build();
        using var provider = new ServiceCollection().AddBedrock(configuration).BuildServiceProvider();
        var half = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Bedrock:Guardrail:GuardrailIdentifier"] = "gr" }).Build();
        var badTrace = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Bedrock:Guardrail:GuardrailIdentifier"] = "gr",
            ["Bedrock:Guardrail:GuardrailVersion"] = "1",
            ["Bedrock:Guardrail:Trace"] = "yes",
        }).Build();

        Assert.Equal(new GuardrailConfig("gr-host", "4") { Trace = "enabled" }, provider.GetRequiredService<BedrockClient>().Options.DefaultGuardrail);
        Assert.Contains("Bedrock:Guardrail:GuardrailVersion", Assert.Throws<InvalidOperationException>(() => new ServiceCollection().AddBedrock(half)).Message);
        Assert.Contains("Bedrock:Guardrail:Trace", Assert.Throws<InvalidOperationException>(() => new ServiceCollection().AddBedrock(badTrace)).Message);
    }

    [Fact]
    public async Task The_guardrail_trace_reaches_the_result_of_both_apis_and_the_stream_s_metadata_update()
    {
        await using var bedrock = await LocalBedrock.StartAsync();
        using var client = Client(bedrock, o => o.DefaultGuardrail = new GuardrailConfig("gr-t", "1") { Trace = "enabled" });
        const string Scripted = """{"guardrail":{"inputAssessment":{"gr-t":{"topicPolicy":{"topics":[{"name":"Finance","type":"DENY","action":"BLOCKED"}]}}}}}""";
        bedrock.Enqueue(Script.Stream().Text("Sorry.").Stop("guardrail_intervened").Trace(Scripted));

        var updates = await CollectAsync(client.ConverseStreamAsync(Request(Model)));
        var streamed = updates.ToAsyncEnumerable().ToResultAsync();
        var converse = await client.ConverseAsync(Request(Model));

        var trace = Assert.Single(updates.OfType<TraceUpdate>());
        Assert.Equal("BLOCKED", trace.Trace.GetProperty("guardrail").GetProperty("inputAssessment").GetProperty("gr-t").GetProperty("topicPolicy").GetProperty("topics")[0].GetProperty("action").GetString());
        Assert.Equal("guardrail_intervened", (await streamed).StopReason!.Value.Value);
        Assert.Equal(trace.Trace.GetRawText(), (await streamed).Trace!.Value.GetRawText());
        // Unscripted, the emulator sends its small default trace for a guardrail with trace enabled.
        Assert.True(converse.Trace!.Value.GetProperty("guardrail").GetProperty("inputAssessment").TryGetProperty("gr-t", out _));
    }

    [Fact]
    public async Task Guard_content_blocks_go_on_the_wire_in_bedrock_shape()
    {
        await using var bedrock = await LocalBedrock.StartAsync();
        using var client = Client(bedrock);
        var request = new ConverseRequest(Model);
        request.Messages.Add(Message.User(
            new TextBlock("Answer from the source."),
            GuardContentBlock.FromText("The sky is blue.", "grounding_source"),
            GuardContentBlock.FromText("What colour is the sky?", "query"),
            GuardContentBlock.FromImage("png", new byte[] { 1, 2, 3 })));

        await client.ConverseAsync(request);

        var content = JsonNode.Parse(Assert.Single(bedrock.Requests).Body)!["messages"]![0]!["content"]!;
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""
            [
              {"text":"Answer from the source."},
              {"guardContent":{"text":{"text":"The sky is blue.","qualifiers":["grounding_source"]}}},
              {"guardContent":{"text":{"text":"What colour is the sky?","qualifiers":["query"]}}},
              {"guardContent":{"image":{"format":"png","source":{"bytes":"AQID"}}}}
            ]
            """), content), content.ToJsonString());
        Assert.DoesNotContain("AQID", GuardContentBlock.FromImage("png", new byte[] { 1, 2, 3 }).ToString());
    }

    [Fact]
    public async Task The_trace_reaches_chat_responses_and_streamed_chat_updates()
    {
        await using var bedrock = await LocalBedrock.StartAsync();
        using var client = Client(bedrock, o => o.DefaultGuardrail = new GuardrailConfig("gr-chat", "1") { Trace = "enabled" });
        var chat = client.AsIChatClient(Model);

        var response = await chat.GetResponseAsync("Hi");
        var updates = new List<ChatResponseUpdate>();
        await foreach (var update in chat.GetStreamingResponseAsync("Hi"))
        {
            updates.Add(update);
        }

        var trace = (JsonElement)response.AdditionalProperties![BedrockChatUsage.TraceKey]!;
        Assert.True(trace.GetProperty("guardrail").GetProperty("inputAssessment").TryGetProperty("gr-chat", out _));
        var streamed = Assert.Single(updates, u => u.AdditionalProperties?.ContainsKey(BedrockChatUsage.TraceKey) == true);
        Assert.Equal(trace.GetRawText(), ((JsonElement)streamed.AdditionalProperties![BedrockChatUsage.TraceKey]!).GetRawText());
    }
}
