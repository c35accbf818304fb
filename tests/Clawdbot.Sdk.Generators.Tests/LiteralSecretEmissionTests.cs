namespace Clawdbot.Sdk.Generators.Tests;

/// <summary>A literal key or credential header stays out of the generated code, with a CLAW3010 warning; placeholders go in.</summary>
public sealed class LiteralSecretEmissionTests
{
    private const string Config = """
        {
          models: {
            providers: {
              "amazon-bedrock": {
                baseUrl: "https://bedrock-runtime.us-east-1.amazonaws.com",
                apiKey: "APIKEY",
                headers: { "x-team": "ml", "x-api-key": "HEADER", "X-Auth-Token": "${TEAM_TOKEN}" },
                models: [{ id: "amazon.nova-pro-v1:0", name: "Nova Pro", headers: { Authorization: "Bearer canary-model" } }],
              },
            },
          },
        }
        """;

    [Fact]
    public void LiteralSecretsAreLeftOutAndReported()
    {
        var (run, _) = GeneratorHarness.Run(Config.Replace("APIKEY", "canary-key").Replace("HEADER", "canary-header"));
        var source = Assert.Single(run.GeneratedTrees).ToString();
        Assert.DoesNotContain("canary", source);
        Assert.DoesNotContain("ApiKey =", source);
        Assert.DoesNotContain("x-api-key", source);
        Assert.DoesNotContain("Authorization", source);
        Assert.Contains("[\"x-team\"] = \"ml\",", source);
        Assert.Contains("[\"X-Auth-Token\"] = \"${TEAM_TOKEN}\",", source);
        Assert.Equal(["CLAW3010", "CLAW3010", "CLAW3010"], run.Diagnostics.Select(d => d.Id));
        Assert.All(run.Diagnostics, d => Assert.DoesNotContain("canary", d.GetMessage()));
    }

    [Fact]
    public void PlaceholdersAreCompiledInWithoutAWarning()
    {
        var (run, _) = GeneratorHarness.Run(Config.Replace("APIKEY", "${BEDROCK_KEY}").Replace("HEADER", "${TEAM_KEY}").Replace("Bearer canary-model", "Bearer ${MODEL_TOKEN}"));
        Assert.Empty(run.Diagnostics);
        var source = Assert.Single(run.GeneratedTrees).ToString();
        Assert.Contains("ApiKey = \"${BEDROCK_KEY}\",", source);
        Assert.Contains("[\"x-api-key\"] = \"${TEAM_KEY}\",", source);
        Assert.Contains("[\"Authorization\"] = \"Bearer ${MODEL_TOKEN}\",", source);
    }
}
