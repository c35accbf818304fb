using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Clawdbot.Sdk.Testing;
using Xunit;

namespace Clawdbot.Sdk.Tests.Emulator;

/// <summary>LocalBedrock's structured output: <c>outputConfig</c> checked as Bedrock checks it, and a default reply that fits the schema.</summary>
public sealed class LocalBedrockStructuredOutputTests
{
    private const string Model = "anthropic.claude-3-haiku-20240307-v1:0";

    private static async Task<(HttpStatusCode Status, JsonObject Body)> ConverseAsync(LocalBedrock bedrock, string extraMembers)
    {
        using var client = EmulatorClient.SigV4(bedrock);
        var body = $$"""{"messages":[{"role":"user","content":[{"text":"Hi"}]}],{{extraMembers}}}""";
        using var request = new HttpRequestMessage(HttpMethod.Post, EmulatorClient.RuntimePath(Model, "converse"))
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        using var response = await client.SendAsync(request);
        return (response.StatusCode, JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject());
    }

    private static string OutputConfig(string schemaMember)
        => "\"outputConfig\":{\"textFormat\":{\"type\":\"json_schema\",\"structure\":{\"jsonSchema\":{" + schemaMember + "}}}}";

    private static string Schema(string schema) => OutputConfig("\"schema\":" + JsonSerializer.Serialize(schema));

    [Theory]
    [InlineData("""  "outputConfig":{"textFormat":{"type":"json_object","structure":{"jsonSchema":{"schema":"{}"}}}}""", "enum value set: [json_schema]")]
    [InlineData("""  "outputConfig":{"textFormat":{"type":"json_schema"}}""", "'outputConfig.textFormat.structure.jsonSchema'")]
    [InlineData("""  "outputConfig":{"textFormat":{"type":"json_schema","structure":{"jsonSchema":{"name":"x"}}}}""", "Member must not be null")]
    [InlineData("""  "outputConfig":{"textFormat":{"type":"json_schema","structure":{"jsonSchema":{"schema":{"type":"object"}}}}}""", "Member must be a string")]
    [InlineData("""  "outputConfig":{"textFormat":{"type":"json_schema","structure":{"jsonSchema":{"schema":"{not json"}}}}""", "is not valid JSON")]
    [InlineData("""  "outputConfig":{"textFormat":{"type":"json_schema","structure":{"jsonSchema":{"schema":"[1]"}}}}""", "must be a JSON object")]
    [InlineData("""  "outputConfig":"json" """, "'outputConfig'")]
    [InlineData("""  "toolConfig":{"tools":[{"toolSpec":{"name":"t","inputSchema":{"json":{"type":"object"}},"strict":"yes"}}]}""", "toolSpec.strict")]
    public async Task A_malformed_output_config_is_a_validation_error(string members, string expected)
    {
        await using var bedrock = await LocalBedrock.StartAsync();

        var (status, body) = await ConverseAsync(bedrock, members);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains(expected, body["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("Converse", Assert.Single(bedrock.Requests).Operation);
    }

    [Fact]
    public async Task The_default_reply_is_a_json_value_satisfying_the_schema()
    {
        await using var bedrock = await LocalBedrock.StartAsync();
        const string schema = """
            {
              "type": "object",
              "properties": {
                "name": { "type": "string", "minLength": 6 },
                "when": { "type": "string", "format": "date-time" },
                "id": { "type": "string", "format": "uuid" },
                "count": { "type": "integer", "minimum": 3, "maximum": 9 },
                "ratio": { "type": ["number", "null"], "exclusiveMinimum": 0.5 },
                "ok": { "type": "boolean" },
                "kind": { "enum": ["first", "second"] },
                "fixed": { "const": "v1" },
                "tags": { "type": "array", "items": { "type": "string" }, "minItems": 2 },
                "choice": { "anyOf": [ { "type": "null" }, { "type": "integer" } ] },
                "child": { "$ref": "#/$defs/Child" },
                "optional": { "type": "string" }
              },
              "required": ["name", "when", "id", "count", "ratio", "ok", "kind", "fixed", "tags", "choice", "child"],
              "additionalProperties": false,
              "$defs": { "Child": { "type": "object", "properties": { "x": { "type": "integer" } }, "required": ["x"], "additionalProperties": false } }
            }
            """;

        var (status, body) = await ConverseAsync(bedrock, Schema(schema));

        Assert.Equal(HttpStatusCode.OK, status);
        var text = body["output"]!["message"]!["content"]![0]!["text"]!.GetValue<string>();
        Assert.Equal(
            """{"name":"textxx","when":"2026-01-01T00:00:00Z","id":"00000000-0000-0000-0000-000000000000","count":3,"ratio":1.5,"ok":true,"kind":"first","fixed":"v1","tags":["text","text"],"choice":0,"child":{"x":0}}""",
            text);
    }

    [Fact]
    public async Task A_schema_without_required_gets_every_property_and_streams_in_pieces()
    {
        await using var bedrock = await LocalBedrock.StartAsync();
        using var client = EmulatorClient.SigV4(bedrock);
        var body = $$"""{"messages":[{"role":"user","content":[{"text":"Hi"}]}],{{Schema("""{"type":"object","properties":{"a":{"type":"string"},"b":{"type":"array","items":{"type":"object","properties":{"c":{"type":"boolean"}}}}}}""")}}}""";
        using var request = new HttpRequestMessage(HttpMethod.Post, EmulatorClient.RuntimePath(Model, "converse-stream"))
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };

        using var response = await EmulatorClient.SendAsync(client, request);
        var frames = await EmulatorClient.ReadFramesAsync(response);

        var deltas = frames.Where(f => f.EventType == "contentBlockDelta")
            .Select(f => JsonNode.Parse(f.Payload)!["delta"]!["text"]?.GetValue<string>())
            .OfType<string>().ToList();
        Assert.True(deltas.Count > 1);
        Assert.Equal("""{"a":"text","b":[{"c":true}]}""", string.Concat(deltas));
    }
}
