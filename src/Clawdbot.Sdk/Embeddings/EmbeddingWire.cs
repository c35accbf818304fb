using System.Buffers;
using System.Text.Json;

namespace Clawdbot.Sdk;

/// <summary>
/// The InvokeModel bodies of the embedding families, both ways. Written and read with <see cref="Utf8JsonWriter"/> and
/// <see cref="JsonDocument"/>: no reflection, so Native AOT stays warning-free, and both of Cohere's response shapes
/// (a plain array, or arrays by embedding type) read the same.
/// </summary>
internal static class EmbeddingWire
{
    public static byte[] Request(EmbeddingFamily family, IReadOnlyList<string> texts, EmbeddingOptions options)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            if (family.Wire == EmbeddingWireKind.Titan)
            {
                json.WriteString("inputText", texts[0]);
                if (options.Dimensions is { } dimensions)
                {
                    json.WriteNumber("dimensions", dimensions);
                }

                if (options.Normalize is { } normalize)
                {
                    json.WriteBoolean("normalize", normalize);
                }
            }
            else
            {
                json.WriteStartArray("texts");
                foreach (var text in texts)
                {
                    json.WriteStringValue(text);
                }

                json.WriteEndArray();
                json.WriteString("input_type", InputType(options.InputType ?? EmbeddingInputType.SearchDocument));
                if (family.Wire == EmbeddingWireKind.CohereV4)
                {
                    if (options.Dimensions is { } dimensions)
                    {
                        json.WriteNumber("output_dimension", dimensions);
                    }

                    json.WriteStartArray("embedding_types");
                    json.WriteStringValue("float");
                    json.WriteEndArray();
                }
            }

            json.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>The vectors of a response (one per text sent) and the token count the body states (Titan's), if any.</summary>
    public static (float[][] Vectors, int? InputTokens) Response(EmbeddingFamily family, ReadOnlyMemory<byte> body, int textCount, string? requestId)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            if (family.Wire == EmbeddingWireKind.Titan)
            {
                var tokens = root.TryGetProperty("inputTextTokenCount", out var count) && count.ValueKind == JsonValueKind.Number ? count.GetInt32() : (int?)null;
                return ([Vector(Required(root, "embedding"))], tokens);
            }

            var embeddings = Required(root, "embeddings");
            if (embeddings.ValueKind == JsonValueKind.Object)
            {
                embeddings = Required(embeddings, "float");
            }

            var vectors = embeddings.EnumerateArray().Select(Vector).ToArray();
            if (vectors.Length != textCount)
            {
                throw new FormatException($"{vectors.Length} embeddings came back for {textCount} texts");
            }

            return (vectors, null);
        }
        catch (Exception ex) when (ex is JsonException or FormatException or InvalidOperationException or KeyNotFoundException)
        {
            throw new BedrockException(BedrockErrorKind.ServiceError, $"The {family.Name} response is not an embedding: {ex.Message}.", ex) { RequestId = requestId };
        }
    }

    private static string InputType(EmbeddingInputType type) => type switch
    {
        EmbeddingInputType.SearchQuery => "search_query",
        EmbeddingInputType.Classification => "classification",
        EmbeddingInputType.Clustering => "clustering",
        _ => "search_document",
    };

    private static JsonElement Required(JsonElement element, string name)
        => element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value)
            ? value
            : throw new KeyNotFoundException($"'{name}' is missing");

    private static float[] Vector(JsonElement array)
    {
        var vector = new float[array.GetArrayLength()];
        var i = 0;
        foreach (var value in array.EnumerateArray())
        {
            vector[i++] = value.GetSingle();
        }

        return vector;
    }
}
