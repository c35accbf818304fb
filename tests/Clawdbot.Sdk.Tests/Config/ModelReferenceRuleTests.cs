using Clawdbot.Sdk.Testing;
using Clawdbot.Sdk.Tests.Shared;
using Clawdbot.Sdk.Tests.Cli;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;

namespace Clawdbot.Sdk.Tests.Config;

/// <summary>
/// One rule for <c>agents.defaults.model.primary</c> (<see cref="ModelReference.TryResolve"/>: an alias, else
/// <c>provider/id</c>, else <c>anthropic/&lt;id&gt;</c>), read alike by discovery listings, hosting and the CLI here, and
/// by the generator's <c>Bedrock.Models.Default</c> in the generator tests (<c>DefaultModelRuleTests</c>, the same <see cref="ModelReferenceCases"/>).
/// </summary>
public sealed class ModelReferenceRuleTests
{
    public static TheoryData<string, string?> References
    {
        get
        {
            var data = new TheoryData<string, string?>();
            foreach (var (primary, modelId, csharpName) in ModelReferenceCases.All)
            {
                data.Add(primary, modelId);
            }

            return data;
        }
    }

    [Theory]
    [MemberData(nameof(References))]
    public async Task Listings_hosting_and_the_cli_read_the_primary_model_alike(string primary, string? expected)
    {
        var text = ModelReferenceCases.ConfigWith(primary);
        var config = ClawdbotConfig.Parse(text);
        Assert.True(ModelReference.TryResolve(config, primary, out var reference));
        Assert.Equal(expected is null ? "anthropic" : "amazon-bedrock", reference.Provider);

        // Discovery listings.
        var listing = await BedrockModels.ListAsync(config, (IBedrockControlPlane?)null, null, CancellationToken.None);
        var target = listing.Resolve(primary);
        Assert.Equal(expected, target?.Entry?.Definition.Id);

        // Hosting: the unkeyed chat client.
        await using (var services = new ServiceCollection().AddBedrock(config, options => options.Endpoint = new Uri("http://127.0.0.1:9/")).BuildServiceProvider())
        {
            var chat = services.GetService<IChatClient>();
            Assert.Equal(expected, (chat as BedrockChatClient)?.ModelId);
            Assert.Equal(expected is null, chat is null);
        }

        // The CLI's chat, with no --model.
        await using var emulator = await LocalBedrock.StartAsync();
        using var cli = new CliHarness(emulator);
        cli.WriteConfig(text);
        var (exitCode, output, error) = await cli.RunAsync("chat", "hi");
        if (expected is null)
        {
            Assert.Equal(2, exitCode);
            Assert.Contains($"it means 'anthropic/{primary}'", error);
            Assert.Empty(emulator.Requests);
        }
        else
        {
            Assert.True(exitCode == 0, error);
            Assert.Equal("You said: hi", output.TrimEnd());
            Assert.Equal(expected, Assert.Single(emulator.Requests).ModelId);
        }
    }
}
