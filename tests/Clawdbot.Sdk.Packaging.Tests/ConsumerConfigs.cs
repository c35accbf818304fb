namespace Clawdbot.Sdk.Packaging.Tests;

/// <summary>The <c>models.json5</c> files the consumer projects are built with.</summary>
internal static class ConsumerConfigs
{
    public const string NovaPro = """
        // One declared model, no discovery: the app must not need AWS to build or run.
        {
          models: {
            providers: {
              "amazon-bedrock": {
                baseUrl: "https://bedrock-runtime.us-east-1.amazonaws.com",
                api: "bedrock-converse-stream",
                models: [
                  {
                    id: "amazon.nova-pro-v1:0",
                    name: "Nova Pro",
                    reasoning: false,
                    input: ["text", "image"],
                    cost: { input: 0.8, output: 3.2, cacheRead: 0.2, cacheWrite: 0 },
                    contextWindow: 300000,
                    maxTokens: 5000,
                  },
                ],
              },
            },
            bedrockDiscovery: { enabled: false },
          },
          agents: { defaults: { model: { primary: "amazon-bedrock/amazon.nova-pro-v1:0" } } },
        }

        """;

    /// <summary>A config whose only fault is <c>contextWindow: "large"</c> (a string where a number belongs).</summary>
    public const string WrongValueType = """
        {
          models: {
            providers: {
              "amazon-bedrock": {
                baseUrl: "https://bedrock-runtime.us-east-1.amazonaws.com",
                models: [
                  {
                    id: "amazon.nova-pro-v1:0",
                    name: "Nova Pro",
                    contextWindow: "large",
                    maxTokens: 5000,
                  },
                ],
              },
            },
          },
        }

        """;

    public const string BrokenValue = "\"large\"";

    /// <summary>The 1-based line and column of <paramref name="fragment"/>'s first occurrence in <paramref name="text"/>.</summary>
    public static (int Line, int Column) PositionOf(string text, string fragment)
    {
        var index = text.IndexOf(fragment, StringComparison.Ordinal);
        Assert.True(index >= 0, fragment + " is not in the text");
        var lineStart = text.LastIndexOf('\n', Math.Max(index - 1, 0)) + 1;
        var line = 1 + text.AsSpan(0, index).Count('\n');
        return (line, index - lineStart + 1);
    }
}
