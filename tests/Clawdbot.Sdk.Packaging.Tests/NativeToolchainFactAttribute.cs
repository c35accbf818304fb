namespace Clawdbot.Sdk.Packaging.Tests;

/// <summary>
/// A fact that needs the native toolchain Native AOT links with: on Linux and macOS that is <c>clang</c> on the PATH.
/// Without it the test is skipped, saying so, rather than failing on a machine that cannot publish natively.
/// </summary>
internal sealed class NativeToolchainFactAttribute : FactAttribute
{
    public NativeToolchainFactAttribute()
    {
        if (!OperatingSystem.IsWindows() && !IsOnPath("clang"))
        {
            Skip = "Native AOT needs clang (apt-get install clang zlib1g-dev), which is not on the PATH.";
        }
    }

    private static bool IsOnPath(string program)
        => (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Any(directory => File.Exists(Path.Combine(directory, program)));
}
