namespace Clawdbot.Sdk.Tests.Config;

/// <summary>At run time, <c>${NAME}</c> in <c>mode</c>, <c>auth</c>, <c>api</c> and <c>input</c> is filled in when the file is loaded, then checked.</summary>
public sealed class EnumPlaceholderLoadingTests
{
    private const string File = """
        {
          models: {
            mode: "${M}",
            providers: {
              "amazon-bedrock": {
                baseUrl: "https://bedrock-runtime.us-east-1.amazonaws.com",
                auth: "${AUTH}",
                api: "${API}",
                models: [{ id: "amazon.nova-pro-v1:0", name: "Nova Pro", input: ["${I}"] }],
              },
              gateway: { baseUrl: "https://gw.example", api: "${GATEWAY_API}", models: [] },
            },
          },
        }
        """;

    private static readonly Dictionary<string, string> s_environment = new()
    {
        ["M"] = "replace",
        ["AUTH"] = "aws-sdk",
        ["API"] = "bedrock-converse-stream",
        ["I"] = "image",
        ["GATEWAY_API"] = "bedrock-converse-stream",
    };

    [Fact]
    public void PlaceholdersAreFilledBeforeTheValueIsInterpreted()
    {
        var config = ClawdbotConfig.Parse(File, "m.json5", Lookup(s_environment));

        Assert.Equal(ModelsMode.Replace, config.Models.Mode);
        var bedrock = config.Models.Providers[0];
        Assert.Equal("aws-sdk", bedrock.Auth);
        Assert.Equal("bedrock-converse-stream", bedrock.Api);
        Assert.Equal([ModelInput.Image], bedrock.Models[0].Input);
        Assert.True(ClawdbotConfigReader.IsBedrock(config.Models.Providers[1]));
    }

    [Fact]
    public void AFilledInValueIsCheckedLikeAWrittenOne()
    {
        var environment = new Dictionary<string, string>(s_environment) { ["M"] = "merged", ["API"] = "openai-responses" };
        var exception = Assert.Throws<ClawdbotConfigException>(() => ClawdbotConfig.Parse(File, "m.json5", Lookup(environment)));

        Assert.Contains("m.json5(3,11): CLAW2004: 'models.mode' must be one of 'merge', 'replace', not 'merged' (from '${M}'). Did you mean 'merge'?", exception.Message);
        Assert.Contains(exception.Diagnostics, d => d.Id == "CLAW3005" && d.Message.Contains("uses api 'openai-responses'", StringComparison.Ordinal));
    }

    [Fact]
    public void AnUnsetVariableIsALocatedError()
    {
        var environment = new Dictionary<string, string>(s_environment);
        environment.Remove("I");
        var exception = Assert.Throws<ClawdbotConfigException>(() => ClawdbotConfig.Parse(File, "m.json5", Lookup(environment)));

        var diagnostic = Assert.Single(exception.Diagnostics);
        Assert.Equal("CLAW2004", diagnostic.Id);
        Assert.Equal((9, 74), (diagnostic.Span.Line, diagnostic.Span.Column));
        Assert.Equal("'models.providers.amazon-bedrock.models[0].input[0]' must be one of 'text', 'image', not '${I}': the environment variable 'I' is not set", diagnostic.Message);
    }

    [Fact]
    public void WithoutAnEnvironmentTheyAreLeftForLaterAndNotReported()
    {
        var result = ClawdbotConfigReader.Read(File);
        Assert.Empty(result.Diagnostics);
        Assert.Equal("${API}", result.Config!.Models.Providers[0].Api);
    }

    private static Func<string, string?> Lookup(Dictionary<string, string> environment)
        => name => environment.TryGetValue(name, out var value) ? value : null;
}
