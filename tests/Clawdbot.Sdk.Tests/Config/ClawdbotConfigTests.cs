namespace Clawdbot.Sdk.Tests.Config;

/// <summary>The runtime entry points apply the generator's rules (one reader) and report them in the compiler's format.</summary>
public sealed class ClawdbotConfigTests
{
    private const string RealClawdbotFile = """
        // A config as Clawdbot users write it: gateway and channels beside models, built-in providers, aliases, env placeholders.
        {
          gateway: { mode: "local", port: 18789, auth: { token: "${GATEWAY_TOKEN}" } },
          channels: { telegram: { enabled: true, botToken: "${TELEGRAM_TOKEN}" } },
          models: {
            providers: {
              "amazon-bedrock": {
                baseUrl: "https://bedrock-runtime.eu-central-1.amazonaws.com",
                api: "bedrock-converse-stream",
                auth: "aws-sdk",
                models: [
                  { id: "eu.anthropic.claude-sonnet-4-5-20250929-v1:0", name: "Claude Sonnet 4.5 (EU)", reasoning: true, input: ["text", "image"],
                    cost: { input: 3, output: 15, cacheRead: 0.3, cacheWrite: 3.75 } },
                  { id: "amazon.nova-lite-v1:0", name: "Nova Lite", contextWindow: 4000 },
                ],
              },
            },
          },
          agents: {
            defaults: {
              workspace: "~/clawd",
              model: { primary: "sonnet", fallbacks: ["anthropic/claude-opus-4-5", "openai/gpt-5.2"] },
              models: {
                "amazon-bedrock/eu.anthropic.claude-sonnet-4-5-20250929-v1:0": { alias: "sonnet" },
                "anthropic/claude-opus-4-5": { alias: "opus", params: { temperature: 0.5 } },
              },
            },
          },
        }
        """;

    [Fact]
    public void ARealClawdbotFileLoadsUnchanged()
    {
        var config = ClawdbotConfig.Parse(RealClawdbotFile, "clawdbot.json");

        var provider = Assert.Single(config.Models.Providers);
        Assert.Equal("amazon-bedrock", provider.Id);
        Assert.Equal(2, provider.Models.Count);
        var sonnet = provider.Models[0];
        Assert.Equal(new ModelCost(3m, 15m, 0.3m, 3.75m), sonnet.Cost);
        Assert.Equal([ModelInput.Text, ModelInput.Image], sonnet.Input);
        Assert.Equal(ModelDefaults.ContextWindow, sonnet.ContextWindow);
        Assert.Equal(ModelDefaults.MaxTokens, sonnet.MaxTokens);

        var nova = provider.Models[1];
        Assert.Equal([ModelInput.Text], nova.Input);
        Assert.Equal(4000, nova.MaxTokens); // min(8192, contextWindow)
        Assert.Equal(ModelCost.Zero, nova.Cost);

        Assert.Equal("sonnet", config.AgentDefaults.PrimaryModel);
        Assert.Equal(["anthropic/claude-opus-4-5", "openai/gpt-5.2"], config.AgentDefaults.FallbackModels);
        Assert.Equal("{\"temperature\":0.5}", config.AgentDefaults.Models[1].ParamsJson);
        Assert.Null(config.Models.BedrockDiscovery);
    }

    [Theory]
    [InlineData("sonnet", "amazon-bedrock", "eu.anthropic.claude-sonnet-4-5-20250929-v1:0")]
    [InlineData("OPUS", "anthropic", "claude-opus-4-5")]
    [InlineData("claude-haiku-4-5", "anthropic", "claude-haiku-4-5")]
    [InlineData("amazon-bedrock/arn:aws:bedrock:us-east-1:123456789012:inference-profile/us.anthropic.x", "amazon-bedrock", "arn:aws:bedrock:us-east-1:123456789012:inference-profile/us.anthropic.x")]
    public void ReferencesResolveAliasesThenProviderSlashId(string text, string provider, string id)
    {
        var config = ClawdbotConfig.Parse(RealClawdbotFile);
        Assert.Equal(new ModelReference(provider, id), ModelReference.Resolve(config, text));
    }

    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData("/x")]
    [InlineData("x/")]
    [InlineData(" anthropic/x")]
    public void MalformedReferencesAreRejected(string text)
        => Assert.False(ModelReference.TryParse(text, out _));

    [Fact]
    public void EveryProblemIsListedInTheCompilerFormat()
    {
        const string broken = "{\n  models: {\n    mode: 'both',\n    providers: { 'corp-bedrock': { models: [{ id: 'a', name: 'A', maxTokens: -5 }] } },\n  },\n}";

        var exception = Assert.Throws<ClawdbotConfigException>(() => ClawdbotConfig.Parse(broken, "/etc/clawdbot/models.json5"));

        Assert.Equal(
            [
                "/etc/clawdbot/models.json5(3,11): CLAW2004: 'models.mode' must be one of 'merge', 'replace', not 'both'",
                "/etc/clawdbot/models.json5(4,34): CLAW2003: Provider 'corp-bedrock' is missing the required key 'baseUrl'",
                "/etc/clawdbot/models.json5(4,78): CLAW2005: 'models.providers.corp-bedrock.models[0].maxTokens' must be a whole number ≥ 1, not -5",
            ],
            exception.Message.Split(Environment.NewLine).Skip(1));
        Assert.StartsWith("The config file has 3 errors:", exception.Message);
        Assert.Equal(3, exception.Diagnostics.Count);
    }

    [Fact]
    public void ASyntaxErrorIsLocatedAndKeepsTheReferenceMessage()
    {
        var exception = Assert.Throws<ClawdbotConfigException>(() => ClawdbotConfig.Parse("{\n  models: {,}\n}", "m.json5"));
        Assert.EndsWith("m.json5(2,12): CLAW1001: invalid character ',' at 2:12", exception.Message);
    }

    [Fact]
    public void WarningsAloneDoNotThrow()
    {
        var config = ClawdbotConfig.Parse("{ models: { mode: 'merge', mode: 'replace' } }");
        Assert.Equal(ModelsMode.Replace, config.Models.Mode);
        Assert.True(ClawdbotConfigReader.Read("{ models: { mode: 'merge', mode: 'replace' } }").Diagnostics.Single().Id == "CLAW1002");
    }

    [Fact]
    public void LoadReadsTheSeedFile()
    {
        var root = TestPaths.RepositoryRoot;
        var config = ClawdbotConfig.Load(Path.Combine(root, "models.json5"));
        Assert.Equal("anthropic.claude-opus-4-5-20251101-v1:0", config.Models.Providers.Single().Models.Single().Id);
        Assert.Equal("amazon-bedrock/anthropic.claude-opus-4-5-20251101-v1:0", config.AgentDefaults.PrimaryModel);
        Assert.Equal(["anthropic", "amazon"], config.Models.BedrockDiscovery!.ProviderFilter);
    }

    [Fact]
    public void ApiKeysNeverReachToString()
    {
        var config = ClawdbotConfig.Parse("{ models: { providers: { openai: { baseUrl: 'u', apiKey: 'sk-canary-secret', headers: { Authorization: 'Bearer canary-token' }, models: [] } } } }");
        var provider = config.Models.Providers[0];
        Assert.Equal("sk-canary-secret", provider.ApiKey);

        // The printed form names the key (masked), so a record printing its members unmasked would fail here.
        var printed = provider.ToString();
        Assert.Contains("Id = openai", printed);
        Assert.Contains("ApiKey = ***", printed);
        Assert.DoesNotContain("canary", printed);
        Assert.DoesNotContain("canary", (provider with { Id = "copy" }).ToString());
    }

    [Theory]
    [InlineData("https://${HOST}/v1", "https://bedrock.example/v1")]
    [InlineData("$${HOST} stays", "${HOST} stays")]
    [InlineData("${lower} is not a placeholder", "${lower} is not a placeholder")]
    [InlineData("no placeholder", "no placeholder")]
    public void PlaceholdersExpandFromTheEnvironment(string text, string expected)
        => Assert.Equal(expected, EnvironmentPlaceholders.Expand(text, name => name == "HOST" ? "bedrock.example" : null));

    [Fact]
    public void AMissingVariableIsNamedInTheError()
    {
        var exception = Assert.Throws<InvalidOperationException>(() => EnvironmentPlaceholders.Expand("${MISSING_KEY}", _ => null));
        Assert.Contains("'MISSING_KEY'", exception.Message);
    }

    [Theory]
    [InlineData("Claude Opus 4.5 (Bedrock)", "x", "ClaudeOpus45")]
    [InlineData("claude-3.5 sonnet v2", "x", "Claude35SonnetV2")]
    [InlineData("3 Sonnet", "x", "_3Sonnet")]
    [InlineData("(Bedrock)", "amazon.nova-pro-v1:0", "AmazonNovaProV10")]
    [InlineData("Llama 3.3 70B (EU)", "x", "Llama3370B")]
    public void ModelNamesBecomePascalCaseIdentifiers(string name, string id, string expected)
        => Assert.Equal(expected, ModelIdentifier.FromModel(name, id));

    [Fact]
    public void TheReaderNeverThrowsOnGarbage()
    {
        var random = new Random(1234);
        var seed = File.ReadAllText(Path.Combine(TestPaths.RepositoryRoot, "models.json5"));
        for (var i = 0; i < 2000; i++)
        {
            var chars = seed.ToCharArray();
            for (var m = 0; m < 1 + random.Next(8); m++)
            {
                chars[random.Next(chars.Length)] = "{}[]:,'\"-0.eE/*\\ a1\n"[random.Next(20)];
            }

            var result = ClawdbotConfigReader.Read(new string(chars));
            Assert.True(result.Config is not null || result.HasErrors);
        }
    }
}
