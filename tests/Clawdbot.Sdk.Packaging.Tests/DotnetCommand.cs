using System.Diagnostics;
using System.Text;

namespace Clawdbot.Sdk.Packaging.Tests;

/// <summary>The outcome of one <c>dotnet</c> (or other) process.</summary>
/// <param name="Output">Standard output and error, interleaved as they arrived.</param>
internal sealed record ProcessResult(int ExitCode, string Output, string StandardOutput, string StandardError)
{
    public override string ToString() => $"exit code {ExitCode}:\n{Output}";
}

/// <summary>
/// Runs the .NET CLI (and built programs) as child processes, isolated from the test host: the MSBuild variables
/// <c>dotnet test</c> leaves in the environment are removed, and no build server outlives the command (a lingering
/// compiler server or MSBuild node would also keep the output pipes open).
/// </summary>
internal static class DotnetCommand
{
    /// <summary>
    /// A guard against a hung process, not a performance bound: from an empty package cache on a busy 2-core machine,
    /// the CLI's pack (restore, six builds, ReadyToRun compilation for five platforms) and its Native AOT publish each
    /// took longer than 5 minutes.
    /// </summary>
    private static readonly TimeSpan s_timeout = TimeSpan.FromMinutes(15);

    /// <summary>Switches for build, pack and publish that keep every process short-lived.</summary>
    public static readonly string[] NoBuildServers = ["-nodeReuse:false", "-p:UseSharedCompilation=false", "-clp:NoSummary"];

    public static Task<ProcessResult> RunAsync(string workingDirectory, params string[] arguments)
        => RunProcessAsync("dotnet", workingDirectory, arguments, environment: null);

    public static async Task<ProcessResult> RunProcessAsync(
        string fileName, string workingDirectory, IEnumerable<string> arguments, IReadOnlyDictionary<string, string?>? environment)
    {
        var start = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var name in start.Environment.Keys.ToList())
        {
            if (name.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase) || name.StartsWith("VSTEST", StringComparison.OrdinalIgnoreCase))
            {
                start.Environment.Remove(name);
            }
        }

        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1";
        start.Environment["DOTNET_CLI_USE_MSBUILD_SERVER"] = "0";
        start.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        if (environment is not null)
        {
            // A null value removes the variable.
            foreach (var (name, value) in environment)
            {
                if (value is null)
                {
                    start.Environment.Remove(name);
                }
                else
                {
                    start.Environment[name] = value;
                }
            }
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {fileName}.");
        process.StandardInput.Close();
        var output = new StringBuilder();
        var standardOutput = new StringBuilder();
        var standardError = new StringBuilder();
        var lines = new object();
        process.OutputDataReceived += (_, e) => Append(e.Data, standardOutput);
        process.ErrorDataReceived += (_, e) => Append(e.Data, standardError);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var timeout = new CancellationTokenSource(s_timeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{fileName} {string.Join(' ', arguments)} did not finish within {s_timeout}:\n{output}");
        }

        lock (lines)
        {
            return new ProcessResult(process.ExitCode, output.ToString(), standardOutput.ToString(), standardError.ToString());
        }

        void Append(string? line, StringBuilder stream)
        {
            if (line is not null)
            {
                lock (lines)
                {
                    output.AppendLine(line);
                    stream.AppendLine(line);
                }
            }
        }
    }
}
