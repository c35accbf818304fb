using System.Diagnostics;

namespace Clawdbot.Sdk.Generators.Tests;

/// <summary>
/// A real consumer project built with <c>dotnet build</c>: the generated descriptors compile and run, and a broken
/// models.json5 fails the build with the located CLAW error, as a developer sees it.
/// </summary>
public sealed class ConsumerBuildTests
{
    private static readonly string s_configuration =
        typeof(ConsumerBuildTests).Assembly.Location.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
            ? "Release"
            : "Debug";

    [Fact]
    public void SeedConfigBuildsAndTheDescriptorsRun()
    {
        using var project = ConsumerProject.Create(RepositoryFiles.SeedConfig);
        var build = project.Run("build", "-c", s_configuration, "-p:BuildProjectReferences=false", "-nologo", "-v:q");
        Assert.True(build.ExitCode == 0, build.Output);

        var run = project.Run("run", "--no-build", "-c", s_configuration);
        Assert.True(run.ExitCode == 0, run.Output);
        Assert.Contains("ClaudeOpus45 = amazon-bedrock/anthropic.claude-opus-4-5-20251101-v1:0 (200000 tokens, reasoning True)", run.Output);
        Assert.Contains("Default = Claude Opus 4.5 (Bedrock)", run.Output);
    }

    [Fact]
    public void BrokenConfigFailsTheBuildWithTheLocatedError()
    {
        var broken = RepositoryFiles.SeedConfig.Replace("contextWindow: 200000,", "contextWindow: \"big\",");
        var line = broken.Split('\n').TakeWhile(l => !l.Contains("contextWindow: \"big\"")).Count() + 1;
        var column = broken.Split('\n')[line - 1].IndexOf("\"big\"", StringComparison.Ordinal) + 1;
        using var project = ConsumerProject.Create(broken);

        var build = project.Run("build", "-c", s_configuration, "-p:BuildProjectReferences=false", "-nologo", "-v:q");

        Assert.NotEqual(0, build.ExitCode);
        Assert.Contains($"models.json5({line},{column}): error CLAW2002: 'models.providers.amazon-bedrock.models[0].contextWindow' must be a number, not a string", build.Output);
    }

    private sealed class ConsumerProject : IDisposable
    {
        private ConsumerProject(string directory) => Directory = directory;

        public string Directory { get; }

        public static ConsumerProject Create(string config)
        {
            var directory = Path.Combine(Path.GetTempPath(), "clawdbot-consumer-" + Guid.NewGuid().ToString("N"));
            System.IO.Directory.CreateDirectory(directory);
            var root = RepositoryFiles.Root;
            File.WriteAllText(Path.Combine(directory, "Consumer.csproj"), $"""
                <Project Sdk="Microsoft.NET.Sdk">
                  <PropertyGroup>
                    <OutputType>Exe</OutputType>
                    <TargetFramework>net10.0</TargetFramework>
                    <Nullable>enable</Nullable>
                    <ImplicitUsings>enable</ImplicitUsings>
                    <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
                  </PropertyGroup>
                  <ItemGroup>
                    <ProjectReference Include="{root}src/Clawdbot.Sdk/Clawdbot.Sdk.csproj" />
                    <ProjectReference Include="{root}generators/Clawdbot.Sdk.Generators/Clawdbot.Sdk.Generators.csproj" OutputItemType="Analyzer" ReferenceOutputAssembly="false" />
                    <AdditionalFiles Include="models.json5" />
                  </ItemGroup>
                </Project>
                """);
            File.WriteAllText(Path.Combine(directory, "models.json5"), config);
            File.WriteAllText(Path.Combine(directory, "Program.cs"), """
                using Consumer;

                var model = Bedrock.Models.ClaudeOpus45;
                Console.WriteLine($"ClaudeOpus45 = {model.Ref} ({model.ContextWindow} tokens, reasoning {model.Reasoning})");
                Console.WriteLine($"Default = {Bedrock.Models.Default.Name}");
                """);
            return new ConsumerProject(directory);
        }

        public (int ExitCode, string Output) Run(params string[] arguments)
        {
            var start = new ProcessStartInfo("dotnet") { WorkingDirectory = Directory, RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var argument in arguments)
            {
                start.ArgumentList.Add(argument);
            }

            start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
            start.Environment["MSBUILDDISABLENODEREUSE"] = "1";
            using var process = Process.Start(start)!;
            var stderr = process.StandardError.ReadToEndAsync();
            var stdout = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            return (process.ExitCode, stdout + stderr.Result);
        }

        public void Dispose()
        {
            try
            {
                System.IO.Directory.Delete(Directory, recursive: true);
            }
            catch (IOException)
            {
                // A leftover temp folder is harmless.
            }
        }
    }
}
