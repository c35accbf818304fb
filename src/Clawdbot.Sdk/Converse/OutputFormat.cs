using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Clawdbot.Sdk;

/// <summary>
/// Structured output (<c>outputConfig.textFormat</c>, type <c>json_schema</c>): the JSON schema the model's text
/// answer must satisfy, with an optional name and description.
/// </summary>
public sealed record OutputFormat
{
    private OutputFormat(string jsonSchema, string? name, string? description)
    {
        JsonSchema = jsonSchema;
        Name = name;
        Description = description;
    }

    /// <summary>The schema as JSON text, sent as Bedrock wants it: a string.</summary>
    public string JsonSchema { get; }

    /// <summary>The schema's name (<c>jsonSchema.name</c>); null sends none.</summary>
    public string? Name { get; }

    /// <summary>What the schema describes (<c>jsonSchema.description</c>); null sends none.</summary>
    public string? Description { get; }

    /// <summary>
    /// The schema <paramref name="jsonSchema"/>, sent as given. Throws <see cref="ArgumentException"/> when it is not
    /// a JSON object, naming the position of the first error.
    /// </summary>
    public static OutputFormat ForJsonSchema(string jsonSchema, string? name = null, string? description = null)
    {
        ArgumentNullException.ThrowIfNull(jsonSchema);
        try
        {
            using var document = JsonDocument.Parse(jsonSchema);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new ArgumentException($"A JSON schema must be a JSON object, not {document.RootElement.ValueKind}.", nameof(jsonSchema));
            }
        }
        catch (JsonException exception)
        {
            throw new ArgumentException($"The JSON schema is not valid JSON: {exception.Message}", nameof(jsonSchema), exception);
        }

        return new OutputFormat(jsonSchema, Blank(name), Blank(description));
    }

    /// <inheritdoc cref="ForJsonSchema(string, string?, string?)"/>
    public static OutputFormat ForJsonSchema(JsonElement jsonSchema, string? name = null, string? description = null)
    {
        if (jsonSchema.ValueKind != JsonValueKind.Object)
        {
            throw new ArgumentException($"A JSON schema must be a JSON object, not {jsonSchema.ValueKind}.", nameof(jsonSchema));
        }

        return new OutputFormat(jsonSchema.GetRawText(), Blank(name), Blank(description));
    }

    /// <summary>
    /// The schema of <typeparamref name="T"/> as its source-generated contract <paramref name="typeInfo"/> writes it
    /// (no reflection, so Native AOT is fine), made strict as Bedrock's structured output wants: every object lists all
    /// its properties as required and allows no others (a nullable property still accepts <c>null</c>). The name
    /// defaults to the type's name.
    /// </summary>
    public static OutputFormat ForJsonSchema<T>(JsonTypeInfo<T> typeInfo, string? name = null, string? description = null)
    {
        ArgumentNullException.ThrowIfNull(typeInfo);
        var schema = StrictJsonSchema.Of(typeInfo);
        return new OutputFormat(schema.ToJsonString(), Blank(name) ?? SchemaName(typeof(T)), Blank(description));
    }

    /// <summary>A valid <c>jsonSchema.name</c> from a type's name (letters, digits, <c>_</c> and <c>-</c>).</summary>
    private static string SchemaName(Type type)
    {
        var name = type.Name;
        var tick = name.IndexOf('`', StringComparison.Ordinal);
        if (tick > 0)
        {
            name = name[..tick];
        }

        var chars = name.Where(static c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-').ToArray();
        return chars.Length == 0 ? "output" : new string(chars);
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;

}
