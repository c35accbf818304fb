using System.Text.RegularExpressions;

namespace Clawdbot.Sdk.Packaging.Tests;

/// <summary>
/// Apps that take Clawdbot.Sdk as a package: the package's analyzer generates <c>Bedrock.Models.*</c> from a
/// <c>models.json5</c> the project file never mentions, and the generated models stream against the packaged emulator.
/// </summary>
[Collection(PackagesCollection.Name)]
public sealed class PackageConsumerTests(LocalPackageFeed feed)
{
    private const string StreamingProgram = """
        using Clawdbot.Sdk;
        using Clawdbot.Sdk.Testing;
        using PackagedApp;

        await using var bedrock = await LocalBedrock.StartAsync();
        bedrock.Enqueue(Script.Stream().Text("Streamed", " through", " the package").Stop("end_turn").Usage(3, 4));
        Bedrock.Clients.Use(new BedrockClient(new BedrockClientOptions
        {
            Endpoint = bedrock.Endpoint,
            Region = bedrock.Region,
            Credentials = bedrock.Credentials,
        }));

        Console.WriteLine("models: " + string.Join(", ", Bedrock.Models.All.Select(model => model.Ref)));
        Console.WriteLine("default: " + Bedrock.Models.Default.Ref);
        var text = new System.Text.StringBuilder();
        var stop = "";
        await foreach (var update in Bedrock.Models.NovaPro.StreamAsync("Hello?"))
        {
            switch (update)
            {
                case TextDelta delta:
                    text.Append(delta.Text);
                    break;
                case MessageStop end:
                    stop = end.StopReason == StopReason.EndTurn ? "end of turn" : end.StopReason.ToString();
                    break;
            }
        }

        Console.WriteLine("text: " + text);
        Console.WriteLine("stop: " + stop);
        Console.WriteLine("served: " + string.Join(", ", bedrock.Requests.Select(request => request.Operation + " " + request.ModelId)));

        """;

    [Fact]
    public async Task Generated_models_from_an_unlisted_models_json5_compile_and_stream_from_the_emulator()
    {
        var app = await ConsumerProject.CreateAsync(feed, "PackagedApp");
        app.WriteFile("models.json5", ConsumerConfigs.NovaPro);
        app.WriteFile("Program.cs", StreamingProgram);
        Assert.DoesNotContain("json5", File.ReadAllText(app.ProjectFile), StringComparison.OrdinalIgnoreCase);

        var build = await app.BuildAsync();
        Assert.True(build.ExitCode == 0, $"build failed, {build}");
        var run = await app.RunBuiltAsync();

        Assert.True(run.ExitCode == 0, $"the app failed, {run}");
        Assert.Equal([Path.Combine(app.Directory, "models.json5")], await app.EvaluateItemsAsync("AdditionalFiles"));
        Assert.Contains("models: amazon-bedrock/amazon.nova-pro-v1:0", run.Output);
        Assert.Contains("default: amazon-bedrock/amazon.nova-pro-v1:0", run.Output);
        Assert.Contains("text: Streamed through the package", run.Output);
        Assert.Contains("stop: end of turn", run.Output);
        Assert.Matches(@"served: \S*[Ss]tream\S* amazon\.nova-pro-v1:0", run.Output);
    }

    [Fact]
    public async Task A_broken_models_json5_fails_the_build_with_a_located_CLAW_error()
    {
        var app = await ConsumerProject.CreateAsync(feed, "BrokenConfigApp");
        app.WriteFile("models.json5", ConsumerConfigs.WrongValueType);

        var build = await app.BuildAsync();

        Assert.True(build.ExitCode != 0, $"the build should have failed, {build}");
        var (line, column) = ConsumerConfigs.PositionOf(ConsumerConfigs.WrongValueType, ConsumerConfigs.BrokenValue);
        var error = Regex.Match(build.Output, @"models\.json5\((?<line>\d+),(?<column>\d+)(,\d+,\d+)?\): error (?<code>CLAW\d{4}):");
        Assert.True(error.Success, "no located CLAW error in:\n" + build.Output);
        Assert.Equal("CLAW2002", error.Groups["code"].Value);
        Assert.Equal(line, int.Parse(error.Groups["line"].Value));
        Assert.Equal(column, int.Parse(error.Groups["column"].Value));
    }

    [Fact]
    public async Task ClawdbotSdkNamespace_moves_Bedrock_and_a_config_the_project_lists_itself_is_added_once()
    {
        var app = await ConsumerProject.CreateAsync(
            feed,
            "NamespacedApp",
            properties: "<ClawdbotSdkNamespace>Acme.Ai.Models</ClawdbotSdkNamespace>",
            // Listed with a relative path: the package must recognise it as the file it would add.
            items: """<AdditionalFiles Include="models.json5" />""");
        app.WriteFile("models.json5", ConsumerConfigs.NovaPro);
        app.WriteFile("Program.cs", """
            Console.WriteLine(typeof(Acme.Ai.Models.Bedrock).FullName + " " + Acme.Ai.Models.Bedrock.Models.NovaPro.Ref);
            Console.WriteLine("in root namespace: " + (typeof(Acme.Ai.Models.Bedrock).Assembly.GetType("NamespacedApp.Bedrock") is not null));

            """);

        var build = await app.BuildAsync();
        Assert.True(build.ExitCode == 0, $"build failed, {build}");
        var run = await app.RunBuiltAsync();

        Assert.True(run.ExitCode == 0, $"the app failed, {run}");
        Assert.Equal([Path.Combine(app.Directory, "models.json5")], await app.EvaluateItemsAsync("AdditionalFiles"));
        Assert.Contains("Acme.Ai.Models.Bedrock amazon-bedrock/amazon.nova-pro-v1:0", run.Output);
        Assert.Contains("in root namespace: False", run.Output);
    }

    [Fact]
    public async Task ClawdbotSdkGeneratedAccessibility_internal_keeps_Bedrock_out_of_the_assemblys_api()
    {
        var app = await ConsumerProject.CreateAsync(
            feed,
            "InternalModelsApp",
            properties: "<ClawdbotSdkGeneratedAccessibility>internal</ClawdbotSdkGeneratedAccessibility>");
        app.WriteFile("models.json5", ConsumerConfigs.NovaPro);
        app.WriteFile("Program.cs", """
            Console.WriteLine("public: " + typeof(InternalModelsApp.Bedrock).IsPublic + " " + InternalModelsApp.Bedrock.Models.NovaPro.Ref);

            """);

        var build = await app.BuildAsync();
        Assert.True(build.ExitCode == 0, $"build failed, {build}");
        var run = await app.RunBuiltAsync();

        Assert.True(run.ExitCode == 0, $"the app failed, {run}");
        Assert.Contains("public: False amazon-bedrock/amazon.nova-pro-v1:0", run.Output);
    }
}
