namespace Clawdbot.Sdk.Tests.Config;

/// <summary>
/// Clawdbot refuses unknown keys in its strict objects (zod <c>.strict()</c>); so does the SDK, in the sections it reads.
/// Keys any Clawdbot/OpenClaw release accepts must keep loading; the rest of the file is not the SDK's to judge.
/// </summary>
public sealed class StrictObjectTests
{
    [Theory]
    [InlineData("{ models: { provders: {} } }", "(1,13): CLAW2001: Unknown key 'provders' in models. Did you mean 'providers'?")]
    [InlineData("{ models: { catalog: {} } }", "(1,13): CLAW2001: Unknown key 'catalog' in models")]
    [InlineData("{ agents: { defaults: { model: { primary: 'anthropic/a', fallback: [] } } } }", "(1,58): CLAW2001: Unknown key 'fallback' in agents.defaults.model. Did you mean 'fallbacks'?")]
    [InlineData("{ agents: { defaults: { models: { 'anthropic/a': { alias: 'a', temperature: 0.2 } } } } }", "(1,64): CLAW2001: Unknown key 'temperature' in agents.defaults.models.anthropic/a")]
    [InlineData("{ models: { providers: { x: { baseUrl: 'u', models: [{ id: 'a', name: 'A', compat: { supportsStor: false } }] } } } }", "(1,86): CLAW2001: Unknown key 'supportsStor' in models.providers.x.models[0].compat. Did you mean 'supportsStore'?")]
    public void AnUnknownKeyInAStrictObjectIsAnErrorAtTheKey(string text, string expected)
    {
        var exception = Assert.Throws<ClawdbotConfigException>(() => ClawdbotConfig.Parse(text, "m.json5"));
        var line = Assert.Single(exception.Message.Split(Environment.NewLine).Skip(1));
        Assert.Equal("m.json5" + expected, line);
    }

    [Fact]
    public void EveryKeyClawdbotAcceptsInTheseObjectsLoads()
    {
        const string text = """
            {
              gateway: { anything: true },
              models: {
                mode: "merge",
                proxy: "http://proxy:3128",
                catalogRefresh: { enabled: false },
                bedrockDiscovery: { enabled: false },
                providers: {
                  x: {
                    baseUrl: "u",
                    models: [{ id: "a", name: "A", compat: {
                      supportsStore: false, supportsPromptCacheKey: true, supportsDeveloperRole: false, supportsReasoningEffort: true,
                      supportsTemperature: true, supportsInstructions: true, supportsUsageInStreaming: true, supportsTools: true,
                      codeMode: "capable", supportsStrictMode: false, supportsJsonSchemaResponseFormat: true, requiresStringContent: false,
                      strictMessageKeys: false, visibleReasoningDetailTypes: ["text"], supportedReasoningEfforts: ["low"],
                      reasoningEffortMap: { low: "low" }, maxTokensField: "max_tokens", thinkingFormat: "openai",
                      requiresToolResultName: false, requiresAssistantAfterToolResult: false, requiresThinkingAsText: false,
                      requiresReasoningContentOnAssistantMessages: false, toolSchemaProfile: "xai", unsupportedToolSchemaKeywords: ["format"],
                      nativeWebSearchTool: false, toolCallArgumentsEncoding: "html-entities", requiresMistralToolIds: false,
                      requiresOpenAiAnthropicToolPayload: false, openRouterRouting: {}, vercelGatewayRouting: {}, zaiToolStream: false,
                      cacheControlFormat: "anthropic", sendSessionAffinityHeaders: false, sendSessionIdHeader: false,
                      supportsEagerToolInputStreaming: false, supportsLongCacheRetention: true,
                    } }],
                  },
                },
              },
              agents: {
                defaults: {
                  workspace: "~/clawd",
                  thinkingDefault: "low",
                  model: { primary: "x/a", fallbacks: ["anthropic/b"], circuitBreaker: { enabled: true } },
                  models: {
                    "x/a": { alias: "a", params: { cacheRetention: "long" }, streaming: true, agentRuntime: { id: "pi" }, codeMode: false, pickerRuntimes: ["pi"] },
                  },
                },
              },
            }
            """;

        var result = ClawdbotConfigReader.Read(text);

        Assert.Empty(result.Diagnostics);
        Assert.Equal("x/a", result.Config!.AgentDefaults.PrimaryModel);
        Assert.Equal("a", Assert.Single(result.Config.AgentDefaults.Models).Alias);
    }

    [Fact]
    public void TheKeysOfNewerClawdbotLoad()
    {
        const string text = """
            {
              models: {
                providers: {
                  x: {
                    baseUrl: "u", request: { proxy: "p" }, timeoutSeconds: 30, region: "eu-west-1", params: { temperature: 0.1 },
                    localService: true, injectNumCtxForOpenAICompat: false, contextWindow: 1000, contextTokens: 900, maxTokens: 100,
                    models: [{
                      id: "a", name: "A", baseUrl: "v", contextTokens: 800, params: { topK: 3 }, thinkingLevelMap: { high: "max" },
                      agentRuntime: { id: "pi" }, mediaInput: ["image"], metadataSource: "catalog",
                      cost: { input: 1, output: 2, tieredPricing: [{ above: 200000, input: 2 }] },
                    }],
                  },
                },
              },
            }
            """;

        var result = ClawdbotConfigReader.Read(text);

        Assert.Empty(result.Diagnostics);
        Assert.Equal("eu-west-1", result.Config!.Models.Providers[0].Region);
        Assert.Equal(new ModelCost(1m, 2m, 0m, 0m), result.Config.Models.Providers[0].Models[0].Cost);
    }

    [Fact]
    public void ABuiltInProviderMayLeaveOutBaseUrlAndModelsACustomOneMayNot()
    {
        var builtIn = ClawdbotConfigReader.Read("{ models: { providers: { 'amazon-bedrock': { region: 'eu-central-1' } } } }");
        var custom = ClawdbotConfigReader.Read("{ models: { providers: { corp: { region: 'eu-central-1' } } } }");

        Assert.Empty(builtIn.Diagnostics);
        Assert.Equal(("", "eu-central-1"), (builtIn.Config!.Models.Providers[0].BaseUrl, builtIn.Config.Models.Providers[0].Region));
        Assert.Equal(
            ["Provider 'corp' is missing the required key 'baseUrl'", "Provider 'corp' is missing the required key 'models'"],
            custom.Diagnostics.Select(d => d.Message));
    }

    [Fact]
    public void TheStringShorthandForTheDefaultModelStaysValid()
    {
        var result = ClawdbotConfigReader.Read("{ agents: { defaults: { model: 'anthropic/claude-opus-4-5' } } }");

        Assert.Empty(result.Diagnostics);
        Assert.Equal("anthropic/claude-opus-4-5", result.Config!.AgentDefaults.PrimaryModel);
    }

    [Fact]
    public void TheRetiredWarningIsNeverReported()
    {
        var result = ClawdbotConfigReader.Read("{ models: { catalog: {} } }");

        Assert.Equal(["CLAW2001"], result.Diagnostics.Select(d => d.Id));
        Assert.Contains(ConfigRules.IgnoredKeyId, ConfigRules.RetiredIds);
    }
}
