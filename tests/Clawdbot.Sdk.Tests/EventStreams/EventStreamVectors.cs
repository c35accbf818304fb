using System.Reflection;

namespace Clawdbot.Sdk.Tests.EventStreams;

/// <summary>Locates the shared AWS event-stream test vectors.</summary>
internal static class EventStreamVectors
{
    public static string Directory { get; } = Path.Combine(
        typeof(EventStreamVectors).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(attribute => attribute.Key == "ClawdbotSharedDir").Value!,
        "conformance", "eventstream-vectors");

    public static byte[] Positive(string name) => File.ReadAllBytes(Path.Combine(Directory, "positive", name));

    public static byte[] Negative(string name) => File.ReadAllBytes(Path.Combine(Directory, "negative", name));

    public static string Decoded(string name) => File.ReadAllText(Path.Combine(Directory, "decoded", name + ".json"));
}
