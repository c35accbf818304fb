using System.Reflection;

namespace Clawdbot.Sdk.Packaging.Tests;

internal static class RepositoryPaths
{
    public static string Root { get; } = Path.GetFullPath(typeof(RepositoryPaths).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(attribute => attribute.Key == "RepositoryRoot").Value!);

    public static string Project(string relativePath) => Path.Combine(Root, relativePath);
}
