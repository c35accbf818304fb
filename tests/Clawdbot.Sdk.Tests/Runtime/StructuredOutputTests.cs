using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Clawdbot.Sdk.Testing;
using Xunit;
using static Clawdbot.Sdk.Tests.Runtime.RuntimeTestSupport;

namespace Clawdbot.Sdk.Tests.Runtime;

/// <summary>Typed structured output: the schema sent in <c>outputConfig.textFormat</c>, the answer read back, mismatches kept.</summary>
public sealed class StructuredOutputTests
{
    private const string Haiku = "anthropic.claude-3-haiku-20240307-v1:0";

    private static BedrockModel Declared(LocalBedrock bedrock)
    {
        var config = ClawdbotConfig.Parse($$"""
            {
              models: { providers: { "amazon-bedrock": { baseUrl: "https://bedrock-runtime.us-east-1.amazonaws.com", models: [
                { id: "{{Haiku}}", name: "Haiku", cost: { input: 1, output: 5, cacheRead: 0, cacheWrite: 0 } },
              ] } } },
            }
            """);
        var clients = new BedrockClientProvider(config);
        clients.Use(Client(bedrock));
        return new BedrockModel(clients, "amazon-bedrock", config.Models.Providers[0].Models[0]);
    }

    private static JsonObject LastBody(LocalBedrock bedrock) => JsonNode.Parse(bedrock.Requests[^1].Body)!.AsObject();

    private static JsonObject SentSchema(JsonObject body, out JsonObject definition)
    {
        var textFormat = body["outputConfig"]!["textFormat"]!;
        Assert.Equal("json_schema", textFormat["type"]!.GetValue<string>());
        definition = textFormat["structure"]!["jsonSchema"]!.AsObject();
        // Bedrock takes the schema as a JSON string, not as an object.
        return JsonNode.Parse(definition["schema"]!.GetValue<string>())!.AsObject();
    }

    [Fact]
    public async Task TypedCompleteSendsTheStrictSchemaOfTheContractAndReturnsTheValueWithUsageAndCost()
    {
        await using var bedrock = await LocalBedrock.StartAsync();
        bedrock.Enqueue(Script.Stream()
            .Text("""{"city":"Paris","temperatureC":21.5,"conditions":["sunny","dry"],"sky":"Clear","note":null}""")
            .Usage(40, 20));

        var answer = await Declared(bedrock).CompleteAsync("Weather in Paris?", StructuredOutputJsonContext.Default.Weather);

        Assert.Equal(("Paris", 21.5, Sky.Clear, (string?)null), (answer.Value.City, answer.Value.TemperatureC, answer.Value.Sky, answer.Value.Note));
        Assert.Equal(["sunny", "dry"], answer.Value.Conditions);
        Assert.Equal(40, answer.Result.Usage!.InputTokens);
        Assert.Equal((40 * 1.0 + 20 * 5.0) / 1_000_000, (double)answer.Result.Usage.CostUsd!, 9);
        var schema = SentSchema(LastBody(bedrock), out var definition);
        Assert.Equal("Weather", definition["name"]!.GetValue<string>());
        Assert.Null(definition["description"]);
        Assert.Equal("object", schema["type"]!.GetValue<string>());
        Assert.False(schema["additionalProperties"]!.GetValue<bool>());
        Assert.Equal(["city", "temperatureC", "conditions", "sky", "note"], schema["required"]!.AsArray().Select(n => n!.GetValue<string>()));
        Assert.Equal("""["string","null"]""", schema["properties"]!["note"]!["type"]!.ToJsonString());
        Assert.Equal("""["Clear","Cloudy"]""", schema["properties"]!["sky"]!["enum"]!.ToJsonString());
    }

    [Fact]
    public void NestedObjectsAreMadeStrictToo()
    {
        var format = OutputFormat.ForJsonSchema(StructuredOutputJsonContext.Default.Forecast, "forecast", "Five days of weather");

        var schema = JsonNode.Parse(format.JsonSchema)!.AsObject();
        var day = schema["properties"]!["days"]!["items"]!.AsObject();
        Assert.False(day["additionalProperties"]!.GetValue<bool>());
        Assert.Equal(["city", "temperatureC", "conditions", "sky", "note"], day["required"]!.AsArray().Select(n => n!.GetValue<string>()));
        Assert.Equal("forecast", format.Name);
        Assert.Equal("Five days of weather", format.Description);
    }

    [Fact]
    public async Task TheEmulatorsDefaultReplySatisfiesTheSchemaSoATypedCallWorksUnscripted()
    {
        await using var bedrock = await LocalBedrock.StartAsync();
        using var client = Client(bedrock);

        var answer = await client.ConverseAsync(Request(Haiku, "Weather?"), StructuredOutputJsonContext.Default.Forecast);

        Assert.Equal("text", answer.Value.Region);
        var day = Assert.Single(answer.Value.Days);
        Assert.Equal(Sky.Clear, day.Sky);
        Assert.Equal(["text"], day.Conditions);
        Assert.True(answer.Result.IsComplete);
    }

    [Fact]
    public async Task AnAnswerThatDoesNotFitIsAnErrorKeepingTheRawTextAndUsage()
    {
        await using var bedrock = await LocalBedrock.StartAsync();
        const string Raw = """{"city":5,"temperatureC":1,"conditions":[],"sky":"Clear","note":null}""";
        bedrock.Enqueue(Script.Stream().Text(Raw).Usage(12, 7));

        var error = await Assert.ThrowsAsync<BedrockException>(() => Declared(bedrock).CompleteAsync("Weather?", StructuredOutputJsonContext.Default.Weather));

        Assert.Equal(BedrockErrorKind.InvalidStructuredOutput, error.Kind);
        Assert.False(error.IsRetryable);
        Assert.Contains("$.city", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Raw, error.Message, StringComparison.Ordinal);
        Assert.Equal(Raw, error.PartialResult!.Text);
        Assert.Equal(7, error.PartialResult.Usage!.OutputTokens);
        Assert.NotNull(error.PartialResult.Usage.CostUsd);
        Assert.IsType<JsonException>(error.InnerException);
    }

    [Fact]
    public async Task AnAnswerCutOffAtMaxTokensIsAnErrorNamingTheStopReason()
    {
        await using var bedrock = await LocalBedrock.StartAsync();
        bedrock.Enqueue(Script.Stream().Text("""{"city":"Par""").Stop("max_tokens").Usage(12, 4));
        using var client = Client(bedrock);

        var error = await Assert.ThrowsAsync<BedrockException>(() => client.ConverseAsync(Request(Haiku), StructuredOutputJsonContext.Default.Weather));

        Assert.Equal(BedrockErrorKind.InvalidStructuredOutput, error.Kind);
        Assert.Contains("max_tokens", error.Message, StringComparison.Ordinal);
        Assert.Equal("""{"city":"Par""", error.PartialResult!.Text);
        Assert.Equal(StopReason.MaxTokens, error.PartialResult.StopReason);
    }

    [Fact]
    public async Task StreamingStructuredOutputYieldsTheJsonAsItArrives()
    {
        await using var bedrock = await LocalBedrock.StartAsync();
        var model = Declared(bedrock);
        var request = model.CreateRequest("Weather?");
        request.OutputFormat = OutputFormat.ForJsonSchema(StructuredOutputJsonContext.Default.Weather);

        var updates = await CollectAsync(model.StreamAsync(request));

        var deltas = updates.OfType<TextDelta>().Select(d => d.Text).ToList();
        Assert.True(deltas.Count > 1, "the JSON arrives in pieces");
        var weather = JsonSerializer.Deserialize(string.Concat(deltas), StructuredOutputJsonContext.Default.Weather)!;
        Assert.Equal("text", weather.City);
        Assert.Equal("text", weather.Note);
        Assert.NotNull(SentSchema(LastBody(bedrock), out _)["properties"]!["city"]);
    }

    [Fact]
    public async Task ARequestsOwnOutputFormatIsKeptAndTheCallersRequestIsNotChanged()
    {
        await using var bedrock = await LocalBedrock.StartAsync();
        using var client = Client(bedrock);
        var request = Request(Haiku);
        await client.ConverseAsync(request, StructuredOutputJsonContext.Default.Weather);
        Assert.Null(request.OutputFormat);

        var own = OutputFormat.ForJsonSchema("""{"type":"object","properties":{"city":{"type":"string"}},"required":["city"],"additionalProperties":false}""", "mine", "Only a city");
        request.OutputFormat = own;
        var answer = await client.ConverseAsync(request, StructuredOutputJsonContext.Default.Weather);
        Assert.Equal("""{"city":"text"}""", answer.Result.Text);

        var schema = SentSchema(LastBody(bedrock), out var definition);
        Assert.Equal("mine", definition["name"]!.GetValue<string>());
        Assert.Equal("Only a city", definition["description"]!.GetValue<string>());
        Assert.Equal(own.JsonSchema, definition["schema"]!.GetValue<string>());
        Assert.Single(schema["properties"]!.AsObject());
        Assert.Same(own, request.WithModelId("other").OutputFormat);
    }

    [Fact]
    public async Task AStrictToolSendsStrictTrueAndOthersSendNothing()
    {
        await using var bedrock = await LocalBedrock.StartAsync();
        using var client = Client(bedrock);
        var schema = JsonNode.Parse("""{"type":"object","properties":{"city":{"type":"string"}},"required":["city"],"additionalProperties":false}""")!;
        var request = Request(Haiku);
        request.ToolConfig = new ToolConfig([
            new ToolDefinition("weather", "Looks up the weather", schema) { Strict = true },
            new ToolDefinition("time", null, schema.DeepClone()),
        ]);

        await client.ConverseAsync(request);

        var tools = LastBody(bedrock)["toolConfig"]!["tools"]!.AsArray();
        Assert.True(tools[0]!["toolSpec"]!["strict"]!.GetValue<bool>());
        Assert.False(tools[1]!["toolSpec"]!.AsObject().ContainsKey("strict"));
        Assert.False(LastBody(bedrock).ContainsKey("outputConfig"));
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("[1,2]")]
    [InlineData("\"object\"")]
    public void ASchemaThatIsNoJsonObjectIsRefused(string schema)
    {
        var error = Assert.Throws<ArgumentException>(() => OutputFormat.ForJsonSchema(schema));
        Assert.Equal("jsonSchema", error.ParamName);
    }

    [Fact]
    public void ATypeThatIsNoObjectCannotBeTheTopOfAStructuredAnswer()
    {
        var error = Assert.Throws<ArgumentException>(() => OutputFormat.ForJsonSchema(StructuredOutputJsonContext.Default.Int32));
        Assert.Contains("Wrap it in a class or record", error.Message, StringComparison.Ordinal);
    }
}

/// <summary>The weather of one city.</summary>
public sealed record Weather(string City, double TemperatureC, IReadOnlyList<string> Conditions, Sky Sky, string? Note);

/// <summary>Several days of weather.</summary>
public sealed record Forecast(string Region, IReadOnlyList<Weather> Days);

/// <summary>What the sky looks like.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<Sky>))]
public enum Sky
{
    /// <summary>No clouds.</summary>
    Clear,

    /// <summary>Clouds.</summary>
    Cloudy,
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(Weather))]
[JsonSerializable(typeof(Forecast))]
[JsonSerializable(typeof(int))]
internal sealed partial class StructuredOutputJsonContext : JsonSerializerContext;
