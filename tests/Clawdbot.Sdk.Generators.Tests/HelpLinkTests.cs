using System.Text.RegularExpressions;
using DiagnosticDescriptors = Clawdbot.Sdk.Generators.Diagnostics.DiagnosticDescriptors;

namespace Clawdbot.Sdk.Generators.Tests;

/// <summary>Every diagnostic id links to its own row of the README's Diagnostics table.</summary>
public sealed partial class HelpLinkTests
{
    private const string Readme = "https://github.com/clawdbot/Clawdbot.Sdk/blob/main/README.md";

    [Fact]
    public void EveryDescriptorLinksToAnAnchorOnItsOwnRowOfTheReadmeTable()
    {
        var readme = File.ReadAllText(Path.Combine(RepositoryFiles.Root, "README.md"));
        var descriptors = DiagnosticDescriptors.All.ToList();
        Assert.NotEmpty(descriptors);
        foreach (var descriptor in descriptors)
        {
            var link = new Uri(descriptor.HelpLinkUri);
            Assert.Equal(Readme, link.GetLeftPart(UriPartial.Path));
            var anchor = link.Fragment.TrimStart('#');
            Assert.Equal(descriptor.Id.ToLowerInvariant(), anchor);
            var rows = readme.Split('\n').Where(line => line.Contains($"<a id=\"{anchor}\"></a>", StringComparison.Ordinal)).ToList();
            Assert.True(rows.Count == 1, $"{descriptor.Id}: expected one README line with the anchor '{anchor}', found {rows.Count}");
            Assert.StartsWith($"| <a id=\"{anchor}\"></a>{descriptor.Id} | {descriptor.DefaultSeverity.ToString().ToLowerInvariant()} |", rows[0], StringComparison.Ordinal);
        }

        Assert.Equal(descriptors.Count, descriptors.Select(d => d.HelpLinkUri).Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void EveryRowOfTheReadmeTableIsADiagnosticId()
    {
        var readme = File.ReadAllText(Path.Combine(RepositoryFiles.Root, "README.md"));
        var rowIds = TableRow().Matches(readme).Select(m => m.Groups["id"].Value).ToList();
        Assert.Equal(DiagnosticDescriptors.All.Select(d => d.Id).Order(StringComparer.Ordinal), rowIds.Order(StringComparer.Ordinal));
    }

    [GeneratedRegex(@"^\| <a id=""claw\d{4}""></a>(?<id>CLAW\d{4}) \|", RegexOptions.Multiline)]
    private static partial Regex TableRow();
}
