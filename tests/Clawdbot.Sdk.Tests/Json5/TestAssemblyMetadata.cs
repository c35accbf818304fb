using System.Reflection;

namespace Clawdbot.Sdk.Tests.Json5;

/// <summary>Paths the test project's build stamps into the assembly (see Clawdbot.Sdk.Tests.csproj).</summary>
internal static class TestAssemblyMetadata
{
    /// <summary>The shared, read-only conformance data beside the repository.</summary>
    public static string SharedDirectory => Get("ClawdbotSharedDir");

    public static string RepositoryRoot => Get("RepositoryRoot");

    private static string Get(string key)
    {
        var attribute = typeof(TestAssemblyMetadata).Assembly
            .GetCustomAttributes<AssemblyMetadataAttribute>()
            .SingleOrDefault(a => a.Key == key);
        return attribute?.Value is { Length: > 0 } value
            ? Path.GetFullPath(value)
            : throw new InvalidOperationException($"The test assembly has no '{key}' metadata.");
    }
}
