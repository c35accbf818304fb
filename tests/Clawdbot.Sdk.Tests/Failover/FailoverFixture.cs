using Clawdbot.Sdk.Testing;
using Clawdbot.Sdk.Tests.Runtime;

namespace Clawdbot.Sdk.Tests.Failover;

/// <summary>A config with a primary, two declared Bedrock fallbacks and three fallbacks the SDK cannot call.</summary>
internal static class FailoverFixture
{
    public const string Primary = "amazon.nova-pro-v1:0";
    public const string Second = "amazon.nova-lite-v1:0";
    public const string Third = "amazon.nova-micro-v1:0";

    public const string Json5 = """
        {
          models: {
            providers: {
              "amazon-bedrock": {
                baseUrl: "https://bedrock-runtime.us-east-1.amazonaws.com",
                api: "bedrock-converse-stream",
                models: [
                  { id: "amazon.nova-pro-v1:0", name: "Nova Pro", maxTokens: 1111 },
                  { id: "amazon.nova-lite-v1:0", name: "Nova Lite", maxTokens: 2222 },
                  { id: "amazon.nova-micro-v1:0", name: "Nova Micro", maxTokens: 3333 },
                ],
              },
              openai: { baseUrl: "https://api.openai.com/v1", api: "openai-completions", models: [{ id: "gpt-4o", name: "GPT-4o" }] },
            },
            bedrockDiscovery: { enabled: false },
          },
          agents: {
            defaults: {
              model: {
                primary: "pro",
                fallbacks: ["openai/gpt-4o", "amazon-bedrock/amazon.nova-lite-v1:0", "amazon-bedrock/amazon.titan-text-express-v1", "lite", "micro", "claude-sonnet-4-5"],
              },
              models: {
                "amazon-bedrock/amazon.nova-pro-v1:0": { alias: "pro" },
                "amazon-bedrock/amazon.nova-lite-v1:0": { alias: "lite" },
                "amazon-bedrock/amazon.nova-micro-v1:0": { alias: "micro" },
              },
            },
          },
        }
        """;

    public static ClawdbotConfig Config() => ClawdbotConfig.Parse(Json5);

    /// <summary>The config's clients, all on one emulator client.</summary>
    public static BedrockClientProvider Clients(BedrockClient client)
    {
        var clients = new BedrockClientProvider(Config());
        clients.Use(client);
        return clients;
    }

    public static BedrockClient Client(LocalBedrock bedrock, TimeProvider? time = null, int maxAttempts = 3)
        => RuntimeTestSupport.Client(bedrock, options =>
        {
            options.MaxAttempts = maxAttempts;
            if (time is not null)
            {
                options.TimeProvider = time;
            }
        });

    /// <summary>The primary, then the two declared fallbacks, from the config.</summary>
    public static BedrockFallbackChain Chain(BedrockClient client) => BedrockFallbackChain.FromConfig(Clients(client));

    public static int CallsTo(LocalBedrock bedrock, string modelId) => bedrock.Requests.Count(r => r.ModelId == modelId);
}
