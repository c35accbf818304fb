using System.Text.Json;
using Clawdbot.Sdk.Testing;

namespace Clawdbot.Sdk.Packaging.Tests;

/// <summary>
/// The <c>clawdbot</c> CLI published with Native AOT: the publish reports no trim or AOT warning, and the native
/// executable lists the declared models and streams a chat from the emulator. The publish is shared with the other
/// tests of the published CLI (<see cref="CliBuilds"/>).
/// </summary>
[Collection(CliBuildsCollection.Name)]
public sealed class NativeAotCliTests(CliBuilds builds)
{
    private const string Config = """
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
                    input: ["text"],
                    cost: { input: 0.8, output: 3.2, cacheRead: 0, cacheWrite: 0 },
                    contextWindow: 300000,
                    maxTokens: 5000,
                  },
                ],
              },
            },
            bedrockDiscovery: { enabled: false },
          },
          agents: {
            defaults: {
              model: { primary: "amazon-bedrock/amazon.nova-pro-v1:0" },
              models: { "amazon-bedrock/amazon.nova-pro-v1:0": { alias: "nova" } },
            },
          },
        }

        """;

    [Fact]
    public async Task The_cli_publishes_natively_without_warnings_and_lists_and_chats_against_the_emulator()
    {
        // Never skipped: a machine without the toolchain fails here, saying what to install.
        NativeToolchain.Require();
        var root = Path.Combine(Path.GetTempPath(), "clawdbot-aot-" + Guid.NewGuid().ToString("N")[..12]);
        try
        {
            var (publish, executable) = await builds.GetAsync(CliBuild.NativeAot);
            Assert.True(publish.ExitCode == 0, $"AOT publish failed (if linking failed: {NativeToolchain.Hint}), {publish}");
            Assert.DoesNotContain(": warning ", publish.Output, StringComparison.Ordinal);
            Assert.True(File.Exists(executable), "no native executable at " + executable);
            Assert.False(File.Exists(Path.ChangeExtension(executable, ".dll")), "the publish produced IL, not a native executable");

            var work = Path.Combine(root, "work");
            var home = Path.Combine(root, "home");
            Directory.CreateDirectory(work);
            Directory.CreateDirectory(home);
            File.WriteAllText(Path.Combine(work, "models.json5"), Config);
            await using var emulator = await LocalBedrock.StartAsync();
            var environment = Environment(emulator, home);

            var list = await DotnetCommand.RunProcessAsync(executable, work, ["models", "list", "--json"], environment);
            Assert.True(list.ExitCode == 0, $"models list failed, {list}");
            using (var document = JsonDocument.Parse(list.StandardOutput))
            {
                var models = document.RootElement.GetProperty("models").EnumerateArray().ToList();
                Assert.Equal(1, document.RootElement.GetProperty("count").GetInt32());
                Assert.Equal("amazon-bedrock/amazon.nova-pro-v1:0", models.Single().GetProperty("key").GetString());
                Assert.Equal(3.2m, models.Single().GetProperty("cost").GetProperty("output").GetDecimal());
            }

            Assert.Equal(0, emulator.ListFoundationModelsCallCount); // discovery is off

            emulator.Enqueue(Script.Stream().Text("Native", " and", " streaming").Stop("end_turn").Usage(12, 3));
            var chat = await DotnetCommand.RunProcessAsync(executable, work, ["chat", "--model", "nova", "Are", "you", "native?"], environment);

            Assert.True(chat.ExitCode == 0, $"chat failed, {chat}");
            Assert.Equal("Native and streaming", chat.StandardOutput.TrimEnd());
            Assert.Contains("12 in, 3 out", chat.StandardError);
            var request = Assert.Single(emulator.Requests);
            Assert.Equal("amazon.nova-pro-v1:0", request.ModelId);
            Assert.Equal(RequestAuthKind.SigV4, request.AuthKind);
            Assert.Contains("Are you native?", request.Body);
        }
        finally
        {
            try
            {
                Directory.Delete(root, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

    /// <summary>The emulator's endpoint and keys, and nothing of the developer's AWS setup.</summary>
    private static Dictionary<string, string?> Environment(LocalBedrock emulator, string home) => new(StringComparer.Ordinal)
    {
        ["HOME"] = home,
        ["AWS_CONFIG_FILE"] = Path.Combine(home, "aws-config"),
        ["AWS_SHARED_CREDENTIALS_FILE"] = Path.Combine(home, "aws-credentials"),
        ["AWS_EC2_METADATA_DISABLED"] = "true",
        ["AWS_PROFILE"] = null,
        ["AWS_SESSION_TOKEN"] = null,
        ["AWS_BEARER_TOKEN_BEDROCK"] = null,
        ["AWS_ENDPOINT_URL"] = null,
        ["CLAWDBOT_CONFIG_PATH"] = null,
        ["AWS_ENDPOINT_URL_BEDROCK_RUNTIME"] = emulator.Endpoint.ToString(),
        ["AWS_ENDPOINT_URL_BEDROCK"] = emulator.Endpoint.ToString(),
        ["AWS_ACCESS_KEY_ID"] = emulator.AccessKeyId,
        ["AWS_SECRET_ACCESS_KEY"] = emulator.SecretAccessKey,
        ["AWS_REGION"] = emulator.Region,
    };
}
