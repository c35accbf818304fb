using System.Reflection;

namespace Clawdbot.Sdk.Tests;

/// <summary>Where the repository and the shared conformance data are, as the build recorded them.</summary>
internal static class TestPaths
{
    public static string RepositoryRoot { get; } = Metadata("RepositoryRoot");

    public static string SharedDirectory { get; } = Metadata("ClawdbotSharedDir");

    private static string Metadata(string key)
        => Path.GetFullPath(typeof(TestPaths).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value!);
}
