using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Clawdbot.Sdk;

/// <summary>
/// The one place a typed structured-output call is built and its answer read, for <see cref="BedrockClient"/> and
/// <see cref="BedrockModel"/> alike.
/// </summary>
internal static class StructuredAnswer
{
    /// <summary>
    /// <paramref name="request"/> asking for <paramref name="typeInfo"/>'s schema; a request that already names an
    /// <see cref="ConverseRequest.OutputFormat"/> keeps it. The caller's request is never changed.
    /// </summary>
    public static ConverseRequest For<T>(ConverseRequest request, JsonTypeInfo<T> typeInfo)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(typeInfo);
        if (request.OutputFormat is not null)
        {
            return request;
        }

        var copy = request.WithModelId(request.ModelId);
        copy.OutputFormat = OutputFormat.ForJsonSchema(typeInfo);
        return copy;
    }

    /// <summary>
    /// Reads <paramref name="result"/>'s text as <typeparamref name="T"/>. An answer that did not end on its own (cut
    /// off at max tokens, filtered, a tool call), is not JSON, does not fit the contract or is <c>null</c> throws
    /// <see cref="BedrockException"/> of kind <see cref="BedrockErrorKind.InvalidStructuredOutput"/>, whose
    /// <see cref="BedrockException.PartialResult"/> is the whole result (raw text, usage, cost). The message names
    /// where the JSON went wrong, never the answer itself.
    /// </summary>
    public static StructuredResult<T> Read<T>(ConverseResult result, JsonTypeInfo<T> typeInfo)
    {
        if (result.StopReason is { } stop && stop != StopReason.EndTurn)
        {
            throw Mismatch(result, $"the answer stopped with '{stop}' instead of ending its JSON"
                + (stop == StopReason.MaxTokens ? "; raise the max tokens" : string.Empty), inner: null);
        }

        T? value;
        try
        {
            value = JsonSerializer.Deserialize(result.Text, typeInfo);
        }
        catch (JsonException exception)
        {
            var where = exception.Path is { } path ? $" at {path}" : string.Empty;
            var position = exception.LineNumber is { } line ? $" (line {line + 1}, byte {exception.BytePositionInLine + 1})" : string.Empty;
            throw Mismatch(result, $"its JSON does not fit {typeof(T).Name}{where}{position}", exception);
        }

        return value is null
            ? throw Mismatch(result, "the answer is null", inner: null)
            : new StructuredResult<T>(value, result);
    }

    private static BedrockException Mismatch(ConverseResult result, string why, Exception? inner)
        => new(BedrockErrorKind.InvalidStructuredOutput,
            $"The answer of {result.ModelId} is not the requested structured output: {why}. PartialResult.Text holds the answer as it arrived.", inner)
        {
            RequestId = result.RequestId,
            PartialResult = result,
        };
}
