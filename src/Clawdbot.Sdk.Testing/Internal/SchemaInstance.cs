using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Clawdbot.Sdk.Testing.Internal;

/// <summary>
/// A small, deterministic JSON value that satisfies a JSON schema, for the echo reply to a structured-output request:
/// objects with their required properties (all of them when none are listed), the first enum or const value, strings
/// of their minimum length (dates, times and uuids in their format), numbers at their minimum (else 0), <c>true</c>,
/// arrays of their minimum count (at least one item), the first alternative of an <c>anyOf</c>/<c>oneOf</c>, and local
/// <c>$ref</c>s. Nullable types take their non-null type.
/// </summary>
internal static class SchemaInstance
{
    private const int MaxDepth = 16;

    public static JsonNode? Create(JsonElement schema) => Create(schema, schema, 0);

    private static JsonNode? Create(JsonElement schema, JsonElement root, int depth)
    {
        if (schema.ValueKind != JsonValueKind.Object || depth > MaxDepth)
        {
            return null;
        }

        if (schema.TryGetProperty("$ref", out var reference) && reference.ValueKind == JsonValueKind.String)
        {
            return Resolve(root, reference.GetString()!) is { } target ? Create(target, root, depth + 1) : null;
        }

        if (schema.TryGetProperty("const", out var constant))
        {
            return JsonNode.Parse(constant.GetRawText());
        }

        if (schema.TryGetProperty("enum", out var values) && values.ValueKind == JsonValueKind.Array && values.GetArrayLength() > 0)
        {
            return JsonNode.Parse(values[0].GetRawText());
        }

        foreach (var keyword in (ReadOnlySpan<string>)["anyOf", "oneOf", "allOf"])
        {
            if (schema.TryGetProperty(keyword, out var alternatives) && alternatives.ValueKind == JsonValueKind.Array)
            {
                var choice = alternatives.EnumerateArray().FirstOrDefault(a => TypeOf(a) != "null");
                if (choice.ValueKind == JsonValueKind.Object)
                {
                    return Create(choice, root, depth + 1);
                }
            }
        }

        return TypeOf(schema) switch
        {
            "object" => Object(schema, root, depth),
            "array" => Array(schema, root, depth),
            "string" => String(schema),
            "integer" => JsonValue.Create((long)Math.Ceiling(Minimum(schema))),
            "number" => JsonValue.Create(Minimum(schema)),
            "boolean" => JsonValue.Create(true),
            "null" => null,
            _ => new JsonObject(),
        };
    }

    private static JsonObject Object(JsonElement schema, JsonElement root, int depth)
    {
        var instance = new JsonObject();
        if (!schema.TryGetProperty("properties", out var properties) || properties.ValueKind != JsonValueKind.Object)
        {
            return instance;
        }

        var required = schema.TryGetProperty("required", out var list) && list.ValueKind == JsonValueKind.Array
            ? list.EnumerateArray().Where(static r => r.ValueKind == JsonValueKind.String).Select(static r => r.GetString()!).ToHashSet(StringComparer.Ordinal)
            : null;
        foreach (var property in properties.EnumerateObject())
        {
            if (required is null || required.Contains(property.Name))
            {
                instance[property.Name] = Create(property.Value, root, depth + 1);
            }
        }

        return instance;
    }

    private static JsonArray Array(JsonElement schema, JsonElement root, int depth)
    {
        var count = schema.TryGetProperty("minItems", out var min) && min.TryGetInt32(out var n) ? Math.Max(n, 1) : 1;
        var items = schema.TryGetProperty("items", out var itemSchema) ? itemSchema : default;
        var array = new JsonArray();
        for (var i = 0; i < count; i++)
        {
            array.Add(Create(items, root, depth + 1) ?? JsonValue.Create("item"));
        }

        return array;
    }

    private static JsonValue String(JsonElement schema)
    {
        var format = schema.TryGetProperty("format", out var f) && f.ValueKind == JsonValueKind.String ? f.GetString() : null;
        var text = format switch
        {
            "date-time" => "2026-01-01T00:00:00Z",
            "date" => "2026-01-01",
            "time" => "00:00:00",
            "uuid" => "00000000-0000-0000-0000-000000000000",
            "email" => "user@example.com",
            "uri" => "https://example.com/",
            _ => "text",
        };
        var minLength = schema.TryGetProperty("minLength", out var min) && min.TryGetInt32(out var n) ? n : 0;
        return JsonValue.Create(text.Length >= minLength ? text : text + new string('x', minLength - text.Length));
    }

    private static double Minimum(JsonElement schema)
    {
        var value = 0.0;
        if (schema.TryGetProperty("minimum", out var minimum) && minimum.TryGetDouble(out var low))
        {
            value = low;
        }
        else if (schema.TryGetProperty("exclusiveMinimum", out var exclusive) && exclusive.TryGetDouble(out var above))
        {
            value = above + 1;
        }

        return schema.TryGetProperty("maximum", out var maximum) && maximum.TryGetDouble(out var high) && value > high ? high : value;
    }

    /// <summary>The first non-null type; <c>object</c> for a schema with <c>properties</c> and no type.</summary>
    private static string? TypeOf(JsonElement schema)
    {
        if (schema.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        if (!schema.TryGetProperty("type", out var type))
        {
            return schema.TryGetProperty("properties", out _) ? "object" : null;
        }

        if (type.ValueKind == JsonValueKind.String)
        {
            return type.GetString();
        }

        var types = type.ValueKind == JsonValueKind.Array
            ? type.EnumerateArray().Where(static t => t.ValueKind == JsonValueKind.String).Select(static t => t.GetString()!).ToList()
            : [];
        return types.FirstOrDefault(static t => t != "null") ?? types.FirstOrDefault();
    }

    /// <summary>A local reference: <c>#</c> or a JSON pointer such as <c>#/$defs/Weather</c>.</summary>
    private static JsonElement? Resolve(JsonElement root, string reference)
    {
        if (!reference.StartsWith('#'))
        {
            return null;
        }

        var current = root;
        foreach (var segment in reference[1..].Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            var name = Uri.UnescapeDataString(segment).Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);
            if (current.ValueKind == JsonValueKind.Object && current.TryGetProperty(name, out var next))
            {
                current = next;
            }
            else if (current.ValueKind == JsonValueKind.Array && int.TryParse(name, NumberStyles.None, CultureInfo.InvariantCulture, out var index) && index < current.GetArrayLength())
            {
                current = current[index];
            }
            else
            {
                return null;
            }
        }

        return current;
    }
}
