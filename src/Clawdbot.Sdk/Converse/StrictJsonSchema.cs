using System.Text.Json.Nodes;
using System.Text.Json.Schema;
using System.Text.Json.Serialization.Metadata;

namespace Clawdbot.Sdk;

/// <summary>
/// A type's JSON schema from its System.Text.Json contract, in the strict form structured output accepts on every
/// Bedrock model family: each object lists all its properties in <c>required</c> and sets
/// <c>additionalProperties: false</c> (Claude refuses an object schema without it; OpenAI's open-weight models also want
/// every property required). Nullability stays in each property's type, so an optional value is still answered as null.
/// </summary>
internal static class StrictJsonSchema
{
    private static readonly JsonSchemaExporterOptions ExporterOptions = new() { TreatNullObliviousAsNonNullable = true };

    public static JsonObject Of(JsonTypeInfo typeInfo)
    {
        var schema = JsonSchemaExporter.GetJsonSchemaAsNode(typeInfo, ExporterOptions);
        if (schema is not JsonObject root || !HasType(root, "object"))
        {
            throw new ArgumentException(
                $"Structured output needs an object at the top: {typeInfo.Type.Name}'s contract writes {schema.ToJsonString()}. Wrap it in a class or record.",
                nameof(typeInfo));
        }

        MakeStrict(root);
        return root;
    }

    // Walks the keywords that hold schemas, not every object: a property may well be called "type" or "properties".
    private static void MakeStrict(JsonNode? node)
    {
        if (node is not JsonObject schema)
        {
            return;
        }

        if (schema["properties"] is JsonObject properties)
        {
            schema["required"] = new JsonArray([.. properties.Select(static p => (JsonNode)JsonValue.Create(p.Key))]);
            schema["additionalProperties"] = false;
            foreach (var (_, property) in properties)
            {
                MakeStrict(property);
            }
        }
        else if (HasType(schema, "object") && !schema.ContainsKey("additionalProperties"))
        {
            schema["additionalProperties"] = false;
        }

        MakeStrict(schema["items"]);
        MakeStrict(schema["additionalProperties"]);
        MakeStrict(schema["not"]);
        foreach (var keyword in (ReadOnlySpan<string>)["anyOf", "oneOf", "allOf", "prefixItems"])
        {
            if (schema[keyword] is JsonArray alternatives)
            {
                foreach (var alternative in alternatives)
                {
                    MakeStrict(alternative);
                }
            }
        }

        foreach (var keyword in (ReadOnlySpan<string>)["$defs", "definitions"])
        {
            if (schema[keyword] is JsonObject definitions)
            {
                foreach (var (_, definition) in definitions)
                {
                    MakeStrict(definition);
                }
            }
        }
    }

    private static bool HasType(JsonObject schema, string type) => schema["type"] switch
    {
        JsonValue value => value.TryGetValue<string>(out var one) && one == type,
        JsonArray types => types.Any(t => t is JsonValue v && v.TryGetValue<string>(out var one) && one == type),
        _ => false,
    };
}
