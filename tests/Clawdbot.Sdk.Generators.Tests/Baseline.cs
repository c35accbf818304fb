using System.Text;
using System.Text.RegularExpressions;
using DiffPlex.DiffBuilder;
using DiffPlex.DiffBuilder.Model;
using Xunit.Sdk;

namespace Clawdbot.Sdk.Generators.Tests;

/// <summary>
/// Compares generated text with a checked-in file under Baselines/. Set UPDATE_BASELINES=1 to rewrite the files;
/// a mismatch fails with a unified-style diff.
/// </summary>
internal static partial class Baseline
{
    // The files are found from the repository root, not [CallerFilePath]: CI builds map source paths to "/_/".
    private static readonly string BaselineDirectory = Path.Combine(RepositoryFiles.Root, "tests", "Clawdbot.Sdk.Generators.Tests", "Baselines");

    public static void Match(string actual, string name)
    {
        var path = Path.Combine(BaselineDirectory, name + ".txt");
        var scrubbed = VersionPattern().Replace(actual.Replace("\r\n", "\n"), "\"Clawdbot.Sdk.Generators\", \"{version}\"");
        if (Environment.GetEnvironmentVariable("UPDATE_BASELINES") == "1")
        {
            Directory.CreateDirectory(BaselineDirectory);
            File.WriteAllText(path, scrubbed);
            return;
        }

        if (!File.Exists(path))
        {
            throw new XunitException($"No baseline at {path}. Run the tests with UPDATE_BASELINES=1 to create it, then review it.");
        }

        var expected = File.ReadAllText(path).Replace("\r\n", "\n");
        if (expected != scrubbed)
        {
            throw new XunitException($"Generated source differs from {path} (UPDATE_BASELINES=1 rewrites it):\n{Diff(expected, scrubbed)}");
        }
    }

    private static string Diff(string expected, string actual)
    {
        var builder = new StringBuilder();
        foreach (var line in InlineDiffBuilder.Diff(expected, actual).Lines)
        {
            var prefix = line.Type switch
            {
                ChangeType.Inserted => "+ ",
                ChangeType.Deleted => "- ",
                _ => null,
            };
            if (prefix is not null)
            {
                builder.Append(prefix).Append(line.Position?.ToString() ?? "?").Append(": ").AppendLine(line.Text);
            }
        }

        return builder.ToString();
    }

    [GeneratedRegex("\"Clawdbot\\.Sdk\\.Generators\", \"[^\"]+\"")]
    private static partial Regex VersionPattern();
}
