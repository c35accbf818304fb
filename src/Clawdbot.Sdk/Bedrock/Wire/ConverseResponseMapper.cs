using System.Text.Json;

namespace Clawdbot.Sdk.Wire;

/// <summary>Maps a Converse response body onto a <see cref="ConverseResult"/>.</summary>
internal static class ConverseResponseMapper
{
    // invokedModelId: the id the call went to (an inference profile when the request was routed through one).
    public static ConverseResult ToResult(ConverseResponseWire? wire, ConverseRequest request, string invokedModelId, string? requestId)
    {
        var message = wire?.Output?.Message;
        if (wire is null || message is null)
        {
            throw new BedrockException(BedrockErrorKind.ServiceError, "The Converse response holds no output message.") { RequestId = requestId };
        }

        var usage = wire.Usage is { } u
            ? TokenUsage.Create(
                request.Model, u.InputTokens, u.OutputTokens, u.CacheReadInputTokens, u.CacheWriteInputTokens, u.TotalTokens,
                u.CacheDetails?.Where(static d => d.Ttl == PromptCachePlan.OneHour).Sum(static d => d.InputTokens) ?? 0)
            : null;
        return new ConverseResult
        {
            Message = new Message(message.Role == "user" ? ConversationRole.User : ConversationRole.Assistant, [.. message.Content.Select(ToBlock).OfType<ContentBlock>()]),
            StopReason = wire.StopReason is { } stop ? new StopReason(stop) : null,
            Usage = usage,
            LatencyMs = wire.Metrics?.LatencyMs,
            ModelId = invokedModelId,
            RequestId = requestId,
            AdditionalModelResponseFields = wire.AdditionalModelResponseFields,
            Trace = wire.Trace,
        };
    }

    private static ContentBlock? ToBlock(ContentBlockWire block)
    {
        if (block.Text is { } text)
        {
            return new TextBlock(text);
        }

        if (block.ToolUse is { } toolUse)
        {
            return new ToolUseBlock(toolUse.ToolUseId, toolUse.Name, toolUse.Input);
        }

        if (block.ReasoningContent is { } reasoning)
        {
            return reasoning.RedactedContent is { } redacted
                ? new ReasoningBlock(redacted)
                : new ReasoningBlock(reasoning.ReasoningText?.Text ?? string.Empty, reasoning.ReasoningText?.Signature);
        }

        if (block.Image is { } image)
        {
            return image.Source.S3Location is { } s3
                ? ImageBlock.FromS3(image.Format, s3.Uri, s3.BucketOwner)
                : image.Source.Bytes is { } imageBytes ? new ImageBlock(image.Format, imageBytes) : null;
        }

        if (block.Document is { } document)
        {
            return document.Source.S3Location is { } s3
                ? DocumentBlock.FromS3(document.Format, document.Name, s3.Uri, s3.BucketOwner)
                : document.Source.Bytes is { } documentBytes ? new DocumentBlock(document.Format, document.Name, documentBytes) : null;
        }

        if (block.CitationsContent is { } citations)
        {
            var content = string.Concat(citations.Content?.Select(static c => c.Text) ?? []);
            var list = citations.Citations?.Select(static raw =>
            {
                var reader = new Utf8JsonReader(JsonSerializer.SerializeToUtf8Bytes(raw, ConverseJsonContext.Default.JsonElement));
                reader.Read();
                return ConverseStreamDecoder.ReadCitation(ref reader);
            }).ToList() ?? [];
            return new CitationsBlock(content, list);
        }

        return block.CachePoint switch
        {
            null => null,
            { Ttl: PromptCachePlan.OneHour } => CachePointBlock.For(CacheTtl.OneHour),
            { Ttl: PromptCachePlan.FiveMinutes } => CachePointBlock.For(CacheTtl.FiveMinutes),
            _ => CachePointBlock.Default,
        };
    }
}
