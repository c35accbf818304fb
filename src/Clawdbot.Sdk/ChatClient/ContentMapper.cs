using System.Text.Json;
using Microsoft.Extensions.AI;

namespace Clawdbot.Sdk;

/// <summary>Maps Microsoft.Extensions.AI contents to Converse content blocks and back.</summary>
internal static class ContentMapper
{
    /// <summary>
    /// <see cref="AIContent.AdditionalProperties"/> key marking a <see cref="TextReasoningContent"/> whose
    /// <see cref="TextReasoningContent.ProtectedData"/> is redacted reasoning (base64), not a signature.
    /// </summary>
    public const string RedactedReasoningKey = "bedrock.redacted_reasoning";

    public static List<ContentBlock> ToBlocks(IList<AIContent> contents, ConversationRole role)
    {
        var blocks = new List<ContentBlock>(contents.Count);
        foreach (var content in contents)
        {
            switch (content)
            {
                case TextContent text when !string.IsNullOrEmpty(text.Text):
                    blocks.Add(new TextBlock(text.Text));
                    break;
                case TextReasoningContent reasoning when role == ConversationRole.Assistant:
                    if (ToReasoningBlock(reasoning) is { } reasoningBlock)
                    {
                        blocks.Add(reasoningBlock);
                    }

                    break;
                case DataContent data:
                    blocks.Add(ToMediaBlock(data, blocks.Count));
                    break;
                case UriContent { Uri.Scheme: "s3" } s3:
                    blocks.Add(ToS3Block(s3, blocks.Count));
                    break;
                case FunctionCallContent call:
                    blocks.Add(call.RawRepresentation is ToolUseBlock raw && raw.ToolUseId == call.CallId
                        ? raw
                        : new ToolUseBlock(call.CallId, call.Name, ArgumentsToJson(call.Arguments)));
                    break;
                case FunctionResultContent result:
                    blocks.Add(ToToolResult(result));
                    break;
                case { RawRepresentation: ContentBlock block }:
                    blocks.Add(block);
                    break;
            }
        }

        return blocks;
    }

    public static ReasoningBlock? ToReasoningBlock(TextReasoningContent reasoning)
    {
        if (reasoning.RawRepresentation is ReasoningBlock raw && (raw.IsRedacted || string.Equals(raw.Text, reasoning.Text, StringComparison.Ordinal)))
        {
            return raw;
        }

        if (reasoning.AdditionalProperties?.ContainsKey(RedactedReasoningKey) == true && reasoning.ProtectedData is { } redacted)
        {
            return new ReasoningBlock(Convert.FromBase64String(redacted));
        }

        return string.IsNullOrEmpty(reasoning.Text) && reasoning.ProtectedData is null
            ? null
            : new ReasoningBlock(reasoning.Text ?? string.Empty, reasoning.ProtectedData);
    }

    public static AIContent ToContent(ContentBlock block) => block switch
    {
        TextBlock text => new TextContent(text.Text) { RawRepresentation = block },
        ReasoningBlock reasoning => ToContent(reasoning),
        ToolUseBlock toolUse => ToFunctionCall(toolUse),
        CitationsBlock citations => new TextContent(citations.Text)
        {
            RawRepresentation = block,
            Annotations = [.. citations.Citations.Select(static c => new CitationAnnotation
            {
                Title = c.Title,
                Snippet = c.SourceTexts.Count > 0 ? string.Join("\n", c.SourceTexts) : null,
                RawRepresentation = c,
            })],
        },
        ImageBlock image => new DataContent(image.Bytes, "image/" + image.Format) { RawRepresentation = block },
        _ => new AIContent { RawRepresentation = block },
    };

    public static TextReasoningContent ToContent(ReasoningBlock reasoning) => reasoning.RedactedContent is { } redacted
        ? RedactedReasoning(redacted, reasoning)
        : new TextReasoningContent(reasoning.Text) { ProtectedData = reasoning.Signature, RawRepresentation = reasoning };

    public static TextReasoningContent RedactedReasoning(ReadOnlyMemory<byte> redacted, object rawRepresentation) => new(string.Empty)
    {
        ProtectedData = Convert.ToBase64String(redacted.Span),
        AdditionalProperties = new AdditionalPropertiesDictionary { [RedactedReasoningKey] = true },
        RawRepresentation = rawRepresentation,
    };

    public static FunctionCallContent ToFunctionCall(ToolUseBlock toolUse)
    {
        var arguments = new Dictionary<string, object?>(StringComparer.Ordinal);
        if (toolUse.Input.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in toolUse.Input.EnumerateObject())
            {
                arguments[property.Name] = property.Value.Clone();
            }
        }

        return new FunctionCallContent(toolUse.ToolUseId, toolUse.Name, arguments) { RawRepresentation = toolUse };
    }

    private static JsonElement ArgumentsToJson(IDictionary<string, object?>? arguments)
    {
        if (arguments is null || arguments.Count == 0)
        {
            using var empty = JsonDocument.Parse("{}");
            return empty.RootElement.Clone();
        }

        return JsonSerializer.SerializeToElement(arguments, AIJsonUtilities.DefaultOptions.GetTypeInfo(typeof(IDictionary<string, object?>)));
    }

    private static ToolResultBlock ToToolResult(FunctionResultContent result)
    {
        var content = new List<ToolResultContent>();
        AddResult(content, result.Result);
        if (content.Count == 0)
        {
            content.Add(new ToolResultContent.Text(result.Exception is { } failure ? "Error: " + failure.Message : "null"));
        }

        return new ToolResultBlock(result.CallId, content, result.Exception is null ? null : ToolResultStatus.Error);
    }

    private static void AddResult(List<ToolResultContent> content, object? value)
    {
        switch (value)
        {
            case null:
                return;
            case string text:
                content.Add(new ToolResultContent.Text(text));
                return;
            case JsonElement json:
                AddJson(content, json);
                return;
            case TextContent text:
                content.Add(new ToolResultContent.Text(text.Text));
                return;
            case DataContent { MediaType: { } mediaType } image when mediaType.StartsWith("image/", StringComparison.OrdinalIgnoreCase):
                content.Add(new ToolResultContent.Image(MediaTypes.ImageFormat(mediaType), image.Data));
                return;
            case IEnumerable<AIContent> many:
                foreach (var item in many)
                {
                    AddResult(content, item);
                }

                return;
            default:
                AddJson(content, JsonSerializer.SerializeToElement(value, AIJsonUtilities.DefaultOptions.GetTypeInfo(value.GetType())));
                return;
        }
    }

    // Bedrock's toolResult "json" member takes an object; any other JSON value goes as its text.
    private static void AddJson(List<ToolResultContent> content, JsonElement json)
    {
        if (json.ValueKind == JsonValueKind.Object)
        {
            content.Add(new ToolResultContent.Json(json.Clone()));
        }
        else if (json.ValueKind == JsonValueKind.String)
        {
            content.Add(new ToolResultContent.Text(json.GetString()!));
        }
        else if (json.ValueKind != JsonValueKind.Undefined)
        {
            content.Add(new ToolResultContent.Text(json.GetRawText()));
        }
    }

    private static ContentBlock ToMediaBlock(DataContent data, int position)
    {
        var mediaType = data.MediaType;
        if (mediaType.StartsWith("image/", StringComparison.OrdinalIgnoreCase))
        {
            return new ImageBlock(MediaTypes.ImageFormat(mediaType), data.Data);
        }

        if (mediaType.StartsWith("video/", StringComparison.OrdinalIgnoreCase))
        {
            return new VideoBlock(MediaTypes.VideoFormat(mediaType), data.Data);
        }

        return new DocumentBlock(MediaTypes.DocumentFormat(mediaType), MediaTypes.DocumentName(data.Name, position), data.Data);
    }

    // Bedrock reads s3:// objects itself; the media type says which block and format. Other URIs it cannot fetch, so
    // they fall through to the raw-representation rule like any content this mapping does not know.
    private static ContentBlock ToS3Block(UriContent content, int position)
    {
        var uri = content.Uri.OriginalString;
        var mediaType = content.MediaType;
        if (mediaType.StartsWith("image/", StringComparison.OrdinalIgnoreCase))
        {
            return ImageBlock.FromS3(MediaTypes.ImageFormat(mediaType), uri);
        }

        if (mediaType.StartsWith("video/", StringComparison.OrdinalIgnoreCase))
        {
            return VideoBlock.FromS3(MediaTypes.VideoFormat(mediaType), uri);
        }

        var name = content.AdditionalProperties?.TryGetValue("name", out var given) == true ? given as string : null;
        return DocumentBlock.FromS3(MediaTypes.DocumentFormat(mediaType), MediaTypes.DocumentName(name ?? Uri.UnescapeDataString(Path.GetFileName(content.Uri.AbsolutePath)), position), uri);
    }
}
