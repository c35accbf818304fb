using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace Clawdbot.Sdk.Testing.Internal;

/// <summary>
/// Answers InvokeModel for the embedding models as Bedrock does: the body validated per family (Titan Text Embeddings
/// V2, Cohere Embed v3 and v4), then vectors of the requested length derived from each text alone (a SHA-256-seeded
/// generator, scaled to length 1 unless Titan is told <c>normalize: false</c>), so equal texts give equal vectors in
/// any run. Tokens are counted as one per four characters (at least one per text).
/// </summary>
internal static class EmbeddingResponder
{
    private static readonly string[] InputTypes = ["search_document", "search_query", "classification", "clustering"];

    public sealed record Answer(byte[] Body, int InputTokens);

    /// <summary>The answer, or the ValidationException Bedrock gives; null when the model is no embedding model.</summary>
    public static (Answer? Answer, AwsError? Error)? Respond(string modelId, byte[] body)
    {
        var family = Family(modelId);
        if (family is null)
        {
            return null;
        }

        JsonObject? request;
        try
        {
            request = JsonNode.Parse(body) as JsonObject;
        }
        catch (System.Text.Json.JsonException)
        {
            request = null;
        }

        if (request is null)
        {
            return (null, AwsError.Validation("Malformed input request, please reformat your input and try again."));
        }

        return family == "titan" ? Titan(request) : Cohere(request, v4: family == "cohere-v4");
    }

    private static string? Family(string modelId)
    {
        var id = modelId[(modelId.LastIndexOf('/') + 1)..];
        foreach (var (prefix, family) in (ReadOnlySpan<(string, string)>)[("amazon.titan-embed-text-v2", "titan"), ("cohere.embed-english-v3", "cohere-v3"), ("cohere.embed-multilingual-v3", "cohere-v3"), ("cohere.embed-v4", "cohere-v4")])
        {
            var dot = id.IndexOf('.');
            if (IsId(id, prefix) || (dot > 0 && IsId(id[(dot + 1)..], prefix)))
            {
                return family;
            }
        }

        return null;
    }

    private static bool IsId(string id, string prefix) => id.StartsWith(prefix, StringComparison.Ordinal) && (id.Length == prefix.Length || id[prefix.Length] == ':');

    private static (Answer?, AwsError?) Titan(JsonObject request)
    {
        foreach (var (key, _) in request)
        {
            if (key is not ("inputText" or "dimensions" or "normalize" or "embeddingTypes"))
            {
                return Invalid($"extraneous key [{key}] is not permitted");
            }
        }

        if (request["inputText"] is not JsonValue input || !input.TryGetValue<string>(out var text))
        {
            return Invalid("required key [inputText] not found");
        }

        if (text.Length == 0)
        {
            return Invalid("expected minLength: 1, actual: 0");
        }

        var dimensions = 1024;
        if (request["dimensions"] is { } dimensionsNode)
        {
            if (dimensionsNode is not JsonValue value || !value.TryGetValue<int>(out dimensions) || dimensions is not (256 or 512 or 1024))
            {
                return Invalid($"#/dimensions: {dimensionsNode.ToJsonString()} is not a valid enum value");
            }
        }

        var normalize = true;
        if (request["normalize"] is { } normalizeNode && (normalizeNode is not JsonValue flag || !flag.TryGetValue(out normalize)))
        {
            return Invalid("#/normalize: expected type: Boolean");
        }

        var tokens = Tokens(text);
        var answer = new JsonObject
        {
            ["embedding"] = Array(Vector(text, dimensions, normalize)),
            ["inputTextTokenCount"] = tokens,
        };
        return (new Answer(Encoding.UTF8.GetBytes(answer.ToJsonString()), tokens), null);
    }

    private static (Answer?, AwsError?) Cohere(JsonObject request, bool v4)
    {
        if (request["texts"] is not JsonArray texts || texts.Count is < 1 or > 96 || texts.Any(t => t is not JsonValue v || !v.TryGetValue<string>(out _)))
        {
            return Invalid("texts must be an array of 1 to 96 strings");
        }

        if (request["input_type"] is not JsonValue inputType || !inputType.TryGetValue<string>(out var type) || !InputTypes.Contains(type))
        {
            return Invalid($"input_type is required and must be one of {string.Join(", ", InputTypes)}");
        }

        var dimensions = v4 ? 1536 : 1024;
        if (request["output_dimension"] is { } dimensionNode)
        {
            if (!v4)
            {
                return Invalid("extraneous key [output_dimension] is not permitted");
            }

            if (dimensionNode is not JsonValue value || !value.TryGetValue<int>(out dimensions) || dimensions is not (256 or 512 or 1024 or 1536))
            {
                return Invalid("output_dimension must be one of 256, 512, 1024, 1536");
            }
        }

        var strings = texts.Select(t => t!.GetValue<string>()).ToArray();
        var vectors = new JsonArray(strings.Select(text => (JsonNode)Array(Vector(type + "\n" + text, dimensions, normalize: true))).ToArray());
        var byType = request["embedding_types"] is JsonArray types && types.Count > 0;
        var answer = new JsonObject
        {
            ["id"] = Guid.NewGuid().ToString(),
            ["embeddings"] = byType ? new JsonObject { ["float"] = vectors } : vectors,
            ["response_type"] = byType ? "embeddings_by_type" : "embeddings_floats",
            ["texts"] = new JsonArray(strings.Select(s => (JsonNode)JsonValue.Create(s)).ToArray()),
        };
        return (new Answer(Encoding.UTF8.GetBytes(answer.ToJsonString()), strings.Sum(Tokens)), null);
    }

    private static int Tokens(string text) => Math.Max(1, (text.Length + 3) / 4);

    private static (Answer?, AwsError?) Invalid(string message) => (null, AwsError.Validation("Malformed input request: " + message + ", please reformat your input and try again."));

    private static JsonArray Array(float[] vector) => new(vector.Select(v => (JsonNode)JsonValue.Create(v)).ToArray());

    /// <summary>A vector drawn from a generator seeded by the text's hash: the same text, the same vector.</summary>
    private static float[] Vector(string text, int dimensions, bool normalize)
    {
        var seed = SHA256.HashData(Encoding.UTF8.GetBytes(text));
        var state = BitConverter.ToUInt64(seed, 0) | 1;
        var vector = new float[dimensions];
        for (var i = 0; i < dimensions; i++)
        {
            // xorshift64*: fixed here, so the vectors never change with the runtime's Random.
            state ^= state >> 12;
            state ^= state << 25;
            state ^= state >> 27;
            var next = state * 2685821657736338717UL;
            vector[i] = (float)(((next >> 11) * (1.0 / (1UL << 53)) * 2) - 1);
        }

        if (normalize)
        {
            var length = MathF.Sqrt(vector.Sum(v => v * v));
            for (var i = 0; i < dimensions; i++)
            {
                vector[i] /= length;
            }
        }

        return vector;
    }
}
