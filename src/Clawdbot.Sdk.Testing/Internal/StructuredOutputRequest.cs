using System.Text.Json;

namespace Clawdbot.Sdk.Testing.Internal;

/// <summary>
/// A request's structured output as Bedrock checks it: <c>outputConfig.textFormat</c> of type <c>json_schema</c> whose
/// <c>structure.jsonSchema.schema</c> is a string holding a JSON object, and a <c>strict</c> on a tool spec that is a
/// boolean. <see cref="Error"/> is the <c>ValidationException</c> message for the first thing wrong.
/// </summary>
internal sealed record StructuredOutputRequest(JsonElement? Schema, string? Error)
{
    private const string SchemaPath = "outputConfig.textFormat.structure.jsonSchema.schema";

    public static StructuredOutputRequest Read(JsonElement root)
    {
        if (StrictError(root) is { } strictError)
        {
            return new StructuredOutputRequest(null, strictError);
        }

        if (!root.TryGetProperty("outputConfig", out var config))
        {
            return new StructuredOutputRequest(null, null);
        }

        if (config.ValueKind != JsonValueKind.Object)
        {
            return Invalid("outputConfig", "Member must be a structure");
        }

        if (!config.TryGetProperty("textFormat", out var format))
        {
            return new StructuredOutputRequest(null, null);
        }

        if (format.ValueKind != JsonValueKind.Object)
        {
            return Invalid("outputConfig.textFormat", "Member must be a structure");
        }

        if (!format.TryGetProperty("type", out var type) || type.ValueKind != JsonValueKind.String)
        {
            return Invalid("outputConfig.textFormat.type", "Member must not be null");
        }

        if (!type.ValueEquals("json_schema"u8))
        {
            return new StructuredOutputRequest(null,
                $"1 validation error detected: Value '{type.GetString()}' at 'outputConfig.textFormat.type' failed to satisfy constraint: Member must satisfy enum value set: [json_schema]");
        }

        if (!format.TryGetProperty("structure", out var structure) || structure.ValueKind != JsonValueKind.Object
            || !structure.TryGetProperty("jsonSchema", out var definition) || definition.ValueKind != JsonValueKind.Object)
        {
            return Invalid("outputConfig.textFormat.structure.jsonSchema", "Member must not be null");
        }

        if (!definition.TryGetProperty("schema", out var schemaText) || schemaText.ValueKind == JsonValueKind.Null)
        {
            return Invalid(SchemaPath, "Member must not be null");
        }

        if (schemaText.ValueKind != JsonValueKind.String)
        {
            return Invalid(SchemaPath, "Member must be a string holding the JSON schema");
        }

        try
        {
            using var schema = JsonDocument.Parse(schemaText.GetString()!);
            return schema.RootElement.ValueKind == JsonValueKind.Object
                ? new StructuredOutputRequest(schema.RootElement.Clone(), null)
                : new StructuredOutputRequest(null, $"The JSON schema at '{SchemaPath}' must be a JSON object.");
        }
        catch (JsonException exception)
        {
            return new StructuredOutputRequest(null, $"The JSON schema at '{SchemaPath}' is not valid JSON: {exception.Message}");
        }
    }

    private static string? StrictError(JsonElement root)
    {
        if (!root.TryGetProperty("toolConfig", out var tools) || tools.ValueKind != JsonValueKind.Object
            || !tools.TryGetProperty("tools", out var list) || list.ValueKind != JsonValueKind.Array)
        {
            return null;
        }

        var index = 0;
        foreach (var tool in list.EnumerateArray())
        {
            if (tool.ValueKind == JsonValueKind.Object && tool.TryGetProperty("toolSpec", out var spec) && spec.ValueKind == JsonValueKind.Object
                && spec.TryGetProperty("strict", out var strict) && strict.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
            {
                return $"1 validation error detected: Value at 'toolConfig.tools.{index + 1}.member.toolSpec.strict' failed to satisfy constraint: Member must be a boolean";
            }

            index++;
        }

        return null;
    }

    private static StructuredOutputRequest Invalid(string path, string constraint)
        => new(null, $"1 validation error detected: Value at '{path}' failed to satisfy constraint: {constraint}");
}
