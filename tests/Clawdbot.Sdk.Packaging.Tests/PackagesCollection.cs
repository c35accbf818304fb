namespace Clawdbot.Sdk.Packaging.Tests;

/// <summary>The tests that use the packed packages: one pack for all of them.</summary>
[CollectionDefinition(Name)]
public sealed class PackagesCollection : ICollectionFixture<LocalPackageFeed>
{
    public const string Name = "Packed packages";
}
