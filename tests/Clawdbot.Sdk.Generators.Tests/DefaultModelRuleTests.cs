using Clawdbot.Sdk.Tests.Shared;

namespace Clawdbot.Sdk.Generators.Tests;

/// <summary>
/// <c>Bedrock.Models.Default</c> reads <c>agents.defaults.model.primary</c> by the one reference rule (an alias, else
/// <c>provider/id</c>, else <c>anthropic/&lt;id&gt;</c>): the same table (<see cref="ModelReferenceCases"/>) as the
/// runtime's <c>ModelReferenceRuleTests</c> (listings, hosting, the CLI), so the four agree.
/// </summary>
public sealed class DefaultModelRuleTests
{
    public static TheoryData<string, string?> References
    {
        get
        {
            var data = new TheoryData<string, string?>();
            foreach (var (primary, modelId, csharpName) in ModelReferenceCases.All)
            {
                data.Add(primary, csharpName);
            }

            return data;
        }
    }

    [Theory]
    [MemberData(nameof(References))]
    public void Default_names_the_model_the_primary_reference_resolves_to(string primary, string? expected)
    {
        var (run, _) = GeneratorHarness.Run(ModelReferenceCases.ConfigWith(primary));

        Assert.Empty(run.Diagnostics);
        var source = Assert.Single(run.GeneratedTrees).ToString();
        Assert.Contains(expected is null
            ? "public static global::Clawdbot.Sdk.BedrockModel? Default => null;"
            : "public static global::Clawdbot.Sdk.BedrockModel Default { get; } = global::Clawdbot.Sdk.BedrockModel.DeclaredDefault(" + expected + ");", source);
    }
}
