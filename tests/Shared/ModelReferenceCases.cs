namespace Clawdbot.Sdk.Tests.Shared;

/// <summary>
/// One table for the one model-reference rule (an alias, else <c>provider/id</c>, else <c>anthropic/&lt;id&gt;</c>),
/// compiled into the generator tests (<c>Bedrock.Models.Default</c>) and the runtime tests (listings, hosting, the
/// CLI), so the four readers are held to the same cases.
/// </summary>
internal static class ModelReferenceCases
{
    /// <summary>A config whose <c>agents.defaults.model.primary</c> is the placeholder <c>PRIMARY</c>.</summary>
    public const string Json5 = """
        {
          models: {
            mode: "replace",
            providers: {
              "amazon-bedrock": {
                baseUrl: "https://bedrock-runtime.us-east-1.amazonaws.com",
                api: "bedrock-converse-stream",
                auth: "aws-sdk",
                models: [
                  { id: "amazon.nova-pro-v1:0", name: "Nova Pro" },
                  { id: "amazon.nova-lite-v1:0", name: "Nova Lite" },
                ],
              },
            },
            bedrockDiscovery: { enabled: false },
          },
          agents: {
            defaults: {
              model: { primary: "PRIMARY" },
              models: { "amazon-bedrock/amazon.nova-pro-v1:0": { alias: "nova" } },
            },
          },
        }
        """;

    /// <summary>
    /// primary → the declared Bedrock model it names (id and generated C# name), or nulls: a bare id that is no alias
    /// means <c>anthropic/&lt;id&gt;</c>, even when a Bedrock model of that id is declared.
    /// </summary>
    public static readonly (string Primary, string? ModelId, string? CSharpName)[] All =
    [
        ("nova", "amazon.nova-pro-v1:0", "NovaPro"),
        ("amazon-bedrock/amazon.nova-lite-v1:0", "amazon.nova-lite-v1:0", "NovaLite"),
        ("amazon.nova-lite-v1:0", null, null),
    ];

    /// <summary>The config with <paramref name="primary"/> as its primary model.</summary>
    public static string ConfigWith(string primary) => Json5.Replace("PRIMARY", primary, StringComparison.Ordinal);
}
