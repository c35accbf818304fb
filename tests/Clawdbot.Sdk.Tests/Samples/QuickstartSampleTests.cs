using System.Diagnostics;

namespace Clawdbot.Sdk.Tests.Samples;

/// <summary>The README's main command, run as a user runs it on a machine without AWS credentials.</summary>
public sealed class QuickstartSampleTests
{
    [Fact]
    public async Task WithoutCredentialsItSaysSoAndStreamsFromTheEmulator()
    {
        var (exitCode, output) = await SampleRunner.RunAsync("Quickstart");

        Assert.True(exitCode == 0, output);
        var lines = output.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("No AWS credentials found: running against the local Bedrock emulator instead of Amazon Bedrock.", lines[0]);
        Assert.Equal("Claude Opus 4.5 (Bedrock) (amazon-bedrock/anthropic.claude-opus-4-5-20251101-v1:0) on the local Bedrock emulator", lines[1]);
        Assert.Equal("(through inference profile us.anthropic.claude-opus-4-5-20251101-v1:0)", lines[2]);
        Assert.StartsWith("Amazon Bedrock is AWS's fully managed service", lines[3]);
        Assert.Equal("16 input + 27 output tokens, cost $0.000755", lines[4]);
    }
}

/// <summary>Runs a built sample with <c>dotnet</c>, with no AWS settings and an empty home, so no real credential is found.</summary>
internal static class SampleRunner
{
    public static async Task<(int ExitCode, string Output)> RunAsync(string sample, params string[] arguments)
    {
        var configuration = typeof(SampleRunner).Assembly.Location.Contains("/Release/", StringComparison.Ordinal) ? "Release" : "Debug";
        var dll = Path.Combine(TestPaths.RepositoryRoot, "samples", sample, "bin", configuration, "net10.0", sample + ".dll");
        Assert.True(File.Exists(dll), $"{dll} is not built");

        var home = Directory.CreateTempSubdirectory("clawdbot-sample-home-").FullName;
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(dll);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("AWS_", StringComparison.Ordinal)).ToList())
        {
            start.Environment.Remove(name);
        }

        start.Environment["HOME"] = home;
        start.Environment["AWS_EC2_METADATA_DISABLED"] = "true";
        using var process = Process.Start(start)!;
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        var stdout = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var stderr = process.StandardError.ReadToEndAsync(timeout.Token);
        await process.WaitForExitAsync(timeout.Token);
        Directory.Delete(home, recursive: true);
        return (process.ExitCode, (await stdout) + (await stderr));
    }
}
