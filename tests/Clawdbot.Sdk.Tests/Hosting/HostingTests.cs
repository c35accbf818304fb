using System.Net;
using Amazon.Runtime;
using Clawdbot.Sdk.Testing;
using Clawdbot.Sdk.Tests.Runtime;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Clawdbot.Sdk.Tests.Hosting;

/// <summary><c>services.AddBedrock(...)</c>: options binding, the client, keyed chat clients, the catalogue and logging.</summary>
public sealed class HostingTests
{
    private const string ModelsJson5 = """
        {
          models: {
            mode: "replace",
            providers: {
              "amazon-bedrock": {
                baseUrl: "https://bedrock-runtime.us-west-2.amazonaws.com",
                api: "bedrock-converse-stream",
                auth: "aws-sdk",
                models: [
                  { id: "us.anthropic.claude-opus-4-5-20251101-v1:0", name: "Claude Opus 4.5 (Bedrock)", reasoning: true },
                  { id: "amazon.nova-pro-v1:0", name: "Nova Pro" },
                ],
              },
            },
          },
          agents: {
            defaults: {
              model: { primary: "amazon-bedrock/amazon.nova-pro-v1:0" },
              models: { "amazon-bedrock/us.anthropic.claude-opus-4-5-20251101-v1:0": { alias: "opus" } },
            },
          },
        }
        """;

    [Fact]
    public void The_Bedrock_section_is_bound_without_reflection()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Bedrock:Region"] = "eu-west-3",
            ["Bedrock:Endpoint"] = "http://127.0.0.1:9/",
            ["Bedrock:ControlPlaneEndpoint"] = "http://127.0.0.1:10/",
            ["Bedrock:Profile"] = "dev",
            ["Bedrock:ConnectTimeout"] = "00:00:03",
            ["Bedrock:FirstEventTimeout"] = "12.5",
            ["Bedrock:IdleTimeout"] = "30",
            ["Bedrock:OverallTimeout"] = "Infinite",
            ["Bedrock:MaxAttempts"] = "5",
            ["Bedrock:RetryBaseDelay"] = "0.25",
            ["Bedrock:RetryMaxDelay"] = "00:00:05",
        }).Build();
        using var provider = new ServiceCollection().AddBedrock(configuration.GetSection(BedrockOptions.SectionName)).BuildServiceProvider();
        using var fromRoot = new ServiceCollection().AddBedrock(configuration).BuildServiceProvider();

        var client = provider.GetRequiredService<BedrockClient>();
        Assert.Equal(client.RuntimeEndpoint, fromRoot.GetRequiredService<BedrockClient>().RuntimeEndpoint);
        Assert.Equal(5, fromRoot.GetRequiredService<BedrockClient>().Options.MaxAttempts);

        Assert.Equal("eu-west-3", client.Region);
        Assert.Equal(new Uri("http://127.0.0.1:9/"), client.RuntimeEndpoint);
        Assert.Equal(new Uri("http://127.0.0.1:10/"), client.ControlPlaneEndpoint);
        Assert.Equal("dev", client.Options.Profile);
        Assert.Equal(TimeSpan.FromSeconds(3), client.Options.ConnectTimeout);
        Assert.Equal(TimeSpan.FromSeconds(12.5), client.Options.FirstEventTimeout);
        Assert.Equal(TimeSpan.FromSeconds(30), client.Options.IdleTimeout);
        Assert.Equal(Timeout.InfiniteTimeSpan, client.Options.OverallTimeout);
        Assert.Equal(5, client.Options.MaxAttempts);
        Assert.Equal(TimeSpan.FromMilliseconds(250), client.Options.RetryBaseDelay);
        Assert.Equal(TimeSpan.FromSeconds(5), client.Options.RetryMaxDelay);
        Assert.Same(provider.GetRequiredService<BedrockOptions>(), provider.GetRequiredService<Microsoft.Extensions.Options.IOptions<BedrockOptions>>().Value);
        Assert.NotNull(client.Options.LoggerFactory);
        Assert.NotNull(client.Options.HttpMessageHandlerFactory);
    }

    [Fact]
    public void A_bad_value_names_its_key()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Bedrock:MaxAttempts"] = "many" }).Build();

        var error = Assert.Throws<InvalidOperationException>(() => new ServiceCollection().AddBedrock(configuration.GetSection("Bedrock")));

        Assert.Contains("Bedrock:MaxAttempts", error.Message);
    }

    [Fact]
    public async Task Declared_models_are_keyed_chat_clients_going_through_the_handler_chain()
    {
        await using var bedrock = await LocalBedrock.StartAsync();
        var counter = new CountingHandler();
        var services = new ServiceCollection();
        services.AddBedrock(ClawdbotConfig.Parse(ModelsJson5), options => ConfigureForEmulator(options, bedrock));
        services.AddHttpClient(BedrockOptions.HttpClientName).AddHttpMessageHandler(() => counter);
        await using var provider = services.BuildServiceProvider();

        var byId = provider.GetRequiredKeyedService<IChatClient>("us.anthropic.claude-opus-4-5-20251101-v1:0");
        Assert.Same(byId, provider.GetRequiredKeyedService<IChatClient>("amazon-bedrock/us.anthropic.claude-opus-4-5-20251101-v1:0"));
        Assert.Same(byId, provider.GetRequiredKeyedService<IChatClient>("ClaudeOpus45"));
        Assert.Same(byId, provider.GetRequiredKeyedService<IChatClient>("opus"));
        Assert.Same(provider.GetRequiredKeyedService<IChatClient>("NovaPro"), provider.GetRequiredService<IChatClient>());
        Assert.Same(provider.GetRequiredService<BedrockClient>(), provider.GetRequiredKeyedService<BedrockClient>("amazon-bedrock"));

        var opus = await byId.GetResponseAsync("Hello opus");
        var standard = await provider.GetRequiredService<IChatClient>().GetResponseAsync("Hello default");

        Assert.Equal("You said: Hello opus", opus.Text);
        Assert.Equal("You said: Hello default", standard.Text);
        Assert.Equal(["us.anthropic.claude-opus-4-5-20251101-v1:0", "amazon.nova-pro-v1:0"], bedrock.Requests.Select(r => r.ModelId));
        Assert.Equal(2, counter.Count);
    }

    [Fact]
    public async Task Declared_embedding_models_are_keyed_embedding_generators()
    {
        await using var bedrock = await LocalBedrock.StartAsync();
        var services = new ServiceCollection();
        var config = ClawdbotConfig.Parse(ModelsJson5.Replace(
            "{ id: \"amazon.nova-pro-v1:0\", name: \"Nova Pro\" },",
            "{ id: \"amazon.nova-pro-v1:0\", name: \"Nova Pro\" },\n{ id: \"amazon.titan-embed-text-v2:0\", name: \"Titan Embeddings\", input: [\"text\"] },",
            StringComparison.Ordinal));
        services.AddBedrock(config, options => ConfigureForEmulator(options, bedrock));
        await using var provider = services.BuildServiceProvider();

        var byId = provider.GetRequiredKeyedService<IEmbeddingGenerator<string, Embedding<float>>>("amazon.titan-embed-text-v2:0");
        var vector = await byId.GenerateVectorAsync("hello", new EmbeddingGenerationOptions { Dimensions = 256 });

        Assert.Same(byId, provider.GetRequiredKeyedService<IEmbeddingGenerator<string, Embedding<float>>>("amazon-bedrock/amazon.titan-embed-text-v2:0"));
        Assert.Null(provider.GetKeyedService<IEmbeddingGenerator<string, Embedding<float>>>("NovaPro"));
        Assert.Equal(256, vector.Length);
        Assert.Equal("InvokeModel", Assert.Single(bedrock.Requests).Operation);
    }

    [Fact]
    public async Task Keyed_and_default_chat_clients_apply_the_models_params()
    {
        await using var bedrock = await LocalBedrock.StartAsync();
        var config = ClawdbotConfig.Parse(ModelsJson5
            .Replace("{ alias: \"opus\" }", "{ alias: \"opus\", params: { maxTokens: 3000, cacheRetention: \"long\" } }, \"amazon-bedrock/amazon.nova-lite-v1:0\": { params: { temperature: 0.4 } }")
            .Replace("primary: \"amazon-bedrock/amazon.nova-pro-v1:0\"", "primary: \"amazon-bedrock/amazon.nova-lite-v1:0\""));
        var services = new ServiceCollection();
        services.AddBedrock(config, options => ConfigureForEmulator(options, bedrock));
        await using var provider = services.BuildServiceProvider();

        await provider.GetRequiredKeyedService<IChatClient>("opus").GetResponseAsync("Hello opus");
        await provider.GetRequiredService<IChatClient>().GetResponseAsync("Hello default");

        var opus = System.Text.Json.Nodes.JsonNode.Parse(bedrock.Requests[0].Body)!;
        var lite = System.Text.Json.Nodes.JsonNode.Parse(bedrock.Requests[1].Body)!;
        Assert.Equal("amazon.nova-lite-v1:0", bedrock.Requests[1].ModelId);
        Assert.Equal(3000, opus["inferenceConfig"]!["maxTokens"]!.GetValue<int>());
        Assert.Equal("1h", opus["messages"]![0]!["content"]![1]!["cachePoint"]!["ttl"]!.GetValue<string>());
        Assert.Equal(0.4f, lite["inferenceConfig"]!["temperature"]!.GetValue<float>());
    }

    [Fact]
    public void The_section_can_name_a_models_file_and_the_default_model()
    {
        var file = Path.Combine(Path.GetTempPath(), "clawdbot-hosting-" + Guid.NewGuid().ToString("N") + ".json5");
        File.WriteAllText(file, ModelsJson5);
        try
        {
            var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Bedrock:ConfigFile"] = file,
                ["Bedrock:DefaultModel"] = "opus",
                ["Bedrock:Endpoint"] = "http://127.0.0.1:9/",
            }).Build();
            using var provider = new ServiceCollection().AddBedrock(configuration.GetSection("Bedrock")).BuildServiceProvider();

            var chat = Assert.IsType<BedrockChatClient>(provider.GetRequiredService<IChatClient>());

            Assert.Equal("us.anthropic.claude-opus-4-5-20251101-v1:0", chat.ModelId);
            Assert.True(chat.Model?.Reasoning);
            // The declared provider's baseUrl gives the region; the configured endpoint wins.
            Assert.Equal("us-west-2", chat.Client.Region);
            Assert.Equal(new Uri("http://127.0.0.1:9/"), chat.Client.RuntimeEndpoint);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task The_catalogue_lists_the_declared_models()
    {
        await using var bedrock = await LocalBedrock.StartAsync();
        var services = new ServiceCollection().AddBedrock(ClawdbotConfig.Parse(ModelsJson5), options => ConfigureForEmulator(options, bedrock));
        await using var provider = services.BuildServiceProvider();

        var listing = await provider.GetRequiredService<BedrockModelCatalog>().ListAsync();

        Assert.Equal(["us.anthropic.claude-opus-4-5-20251101-v1:0", "amazon.nova-pro-v1:0"], listing.Models.Select(m => m.Definition.Id));
    }

    [Fact]
    public async Task A_default_model_id_without_a_config_gets_the_unkeyed_chat_client()
    {
        await using var bedrock = await LocalBedrock.StartAsync();
        var services = new ServiceCollection().AddBedrock(options =>
        {
            ConfigureForEmulator(options, bedrock);
            options.DefaultModel = "amazon.nova-lite-v1:0";
        });
        await using var provider = services.BuildServiceProvider();

        var response = await provider.GetRequiredService<IChatClient>().GetResponseAsync("Hi");

        Assert.Equal("You said: Hi", response.Text);
        Assert.Equal("amazon.nova-lite-v1:0", bedrock.Requests[^1].ModelId);
    }

    [Fact]
    public async Task The_unkeyed_chat_client_for_a_bare_profile_only_id_goes_through_the_regions_profile()
    {
        const string opus = "anthropic.claude-opus-4-5-20251101-v1:0";
        await using var bedrock = await LocalBedrock.StartAsync();
        var services = new ServiceCollection().AddBedrock(options =>
        {
            ConfigureForEmulator(options, bedrock);
            options.DefaultModel = opus;
        });
        await using var provider = services.BuildServiceProvider();

        var response = await provider.GetRequiredService<IChatClient>().GetResponseAsync("Hi");

        Assert.Equal("You said: Hi", response.Text);
        Assert.Equal("us." + opus, response.ModelId);
        Assert.Equal("us." + opus, bedrock.Requests[^1].ModelId);
    }

    [Theory]
    [InlineData("sigv4")]
    [InlineData("bearer")]
    public async Task Logs_carry_calls_and_never_a_secret(string auth)
    {
        const string accessKey = "AKIACANARYACCESSKEY1";
        const string secretKey = "canary-secret-key-must-never-be-logged";
        const string sessionToken = "canary-session-token-must-never-be-logged";
        const string bearerToken = "canary-bearer-token-must-never-be-logged";
        await using var bedrock = await LocalBedrock.StartAsync(new LocalBedrockOptions
        {
            AccessKeyId = accessKey,
            SecretAccessKey = secretKey,
            SessionToken = sessionToken,
            BearerToken = bearerToken,
        });
        bedrock.Enqueue(Script.Stream().Text("fine").Usage(11, 3));
        bedrock.Enqueue(Script.HttpError(400, "ValidationException", "The prompt is too long"));
        var logs = new CapturingLoggerProvider();
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Trace).AddProvider(logs));
        services.AddBedrock(options =>
        {
            options.Endpoint = bedrock.Endpoint;
            options.Region = bedrock.Region;
            options.MaxAttempts = 1;
            options.DefaultModel = "amazon.nova-lite-v1:0";
            options.ConfigureClient = client =>
            {
                client.Environment = RuntimeTestSupport.Environment();
                if (auth == "bearer")
                {
                    client.BearerToken = bearerToken;
                }
                else
                {
                    client.Credentials = new SessionAWSCredentials(accessKey, secretKey, sessionToken);
                }
            };
        });
        await using (var provider = services.BuildServiceProvider())
        {
            var chat = provider.GetRequiredService<IChatClient>();
            await chat.GetStreamingResponseAsync("Hi").ToChatResponseAsync();
            await Assert.ThrowsAsync<BedrockException>(() => chat.GetResponseAsync("Hi"));
        }

        var completed = Assert.Single(logs.Entries, e => e.EventId.Id == 1001);
        Assert.Equal(LogLevel.Information, completed.Level);
        Assert.Contains(completed.State, kv => kv.Key == "InputTokens" && Equals(kv.Value, 11));
        Assert.Contains(completed.State, kv => kv.Key == "RequestId" && kv.Value is string id && id.StartsWith("00000000-", StringComparison.Ordinal));
        var failed = Assert.Single(logs.Entries, e => e.EventId.Id == 1002);
        Assert.Equal(LogLevel.Warning, failed.Level);
        Assert.Contains("Validation", failed.Message);
        // The HTTP client factory logs too (at Trace with headers): the whole capture is searched.
        Assert.Contains(logs.Entries, e => e.Category.StartsWith("System.Net.Http.HttpClient", StringComparison.Ordinal));
        var text = logs.AllText();
        Assert.DoesNotContain(secretKey, text);
        Assert.DoesNotContain(sessionToken, text);
        Assert.DoesNotContain(bearerToken, text);
        Assert.DoesNotContain("Signature=", text);
        Assert.DoesNotContain(accessKey, text);
    }

    private static void ConfigureForEmulator(BedrockOptions options, LocalBedrock bedrock)
    {
        options.Endpoint = bedrock.Endpoint;
        options.Region = bedrock.Region;
        options.ControlPlaneEndpoint = bedrock.Endpoint;
        options.ConfigureClient = client =>
        {
            client.Credentials = bedrock.Credentials;
            client.Environment = RuntimeTestSupport.Environment();
        };
    }

    private sealed class CountingHandler : DelegatingHandler
    {
        private int _count;

        public int Count => Volatile.Read(ref _count);

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _count);
            return base.SendAsync(request, cancellationToken);
        }
    }
}
