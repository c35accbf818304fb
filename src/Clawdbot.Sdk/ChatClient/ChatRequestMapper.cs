using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;
using MeaiReasoningEffort = Microsoft.Extensions.AI.ReasoningEffort;

namespace Clawdbot.Sdk;

/// <summary>Builds a <see cref="ConverseRequest"/> from Microsoft.Extensions.AI messages and options, never overwriting what the caller set.</summary>
internal static class ChatRequestMapper
{
    /// <summary><see cref="ChatOptions.AdditionalProperties"/> key of an explicit thinking budget (an integer).</summary>
    public const string ReasoningBudgetTokensKey = "reasoning_budget_tokens";

    /// <summary>
    /// <see cref="ChatOptions.AdditionalProperties"/> key of the automatic prompt caching
    /// (<see cref="ConverseRequest.CacheRetention"/>): a <see cref="CacheRetention"/> or <c>none</c>, <c>short</c>, <c>long</c>.
    /// </summary>
    public const string CacheRetentionKey = "cache_retention";

    public static ConverseRequest ToRequest(IEnumerable<ChatMessage> messages, ChatOptions? options, string defaultModelId, ModelDefinition? defaultModel, AgentModelParams? defaultParams, IChatClient client)
    {
        var request = options?.RawRepresentationFactory?.Invoke(client) as ConverseRequest
            ?? new ConverseRequest(options?.ModelId is { Length: > 0 } modelId ? modelId : defaultModelId);
        if (string.Equals(request.ModelId, defaultModelId, StringComparison.Ordinal))
        {
            request.Model ??= defaultModel;
            request.Params ??= defaultParams;
        }

        if (!string.IsNullOrWhiteSpace(options?.Instructions))
        {
            request.System.Add(SystemBlock.FromText(options.Instructions));
        }

        foreach (var message in messages)
        {
            if (message.Role == ChatRole.System)
            {
                if (message.Text is { Length: > 0 } system)
                {
                    request.System.Add(SystemBlock.FromText(system));
                }

                continue;
            }

            var role = message.Role == ChatRole.Assistant ? ConversationRole.Assistant : ConversationRole.User;
            var blocks = ContentMapper.ToBlocks(message.Contents, role);
            if (blocks.Count > 0)
            {
                Append(request.Messages, role, blocks);
            }
        }

        if (options is not null)
        {
            ApplyOptions(request, options);
        }

        return request;
    }

    // Bedrock wants user and assistant turns to alternate: tool results (role "tool") and a following user message
    // become one user turn.
    private static void Append(IList<Message> messages, ConversationRole role, List<ContentBlock> blocks)
    {
        if (messages.Count > 0 && messages[^1].Role == role)
        {
            messages[^1] = new Message(role, [.. messages[^1].Content, .. blocks]);
        }
        else
        {
            messages.Add(new Message(role, blocks));
        }
    }

    private static void ApplyOptions(ConverseRequest request, ChatOptions options)
    {
        var inference = request.InferenceConfig ?? new InferenceConfig();
        var merged = inference with
        {
            MaxTokens = inference.MaxTokens ?? options.MaxOutputTokens,
            Temperature = inference.Temperature ?? options.Temperature,
            TopP = inference.TopP ?? options.TopP,
            StopSequences = inference.StopSequences ?? (options.StopSequences is { Count: > 0 } stops ? [.. stops] : null),
        };
        if (merged != new InferenceConfig())
        {
            request.InferenceConfig = merged;
        }

        request.ToolConfig ??= ToolConfigOf(options, request.Messages);
        request.OutputFormat ??= OutputFormatOf(options.ResponseFormat);

        if (request.ReasoningEffort is null && options.Reasoning?.Effort is { } effort)
        {
            request.ReasoningEffort = effort switch
            {
                MeaiReasoningEffort.None => ReasoningEffort.Off,
                MeaiReasoningEffort.Low => ReasoningEffort.Low,
                MeaiReasoningEffort.Medium => ReasoningEffort.Medium,
                MeaiReasoningEffort.High => ReasoningEffort.High,
                _ => ReasoningEffort.Max,
            };
        }

        if (request.CacheRetention is null && options.AdditionalProperties?.TryGetValue(CacheRetentionKey, out var retention) == true)
        {
            request.CacheRetention = retention switch
            {
                CacheRetention value => value,
                string s when Enum.TryParse<CacheRetention>(s, ignoreCase: true, out var parsed) && !char.IsDigit(s[0]) => parsed,
                _ => throw new ArgumentException($"ChatOptions.AdditionalProperties[\"{CacheRetentionKey}\"] must be 'none', 'short' or 'long'."),
            };
        }

        if (request.ReasoningBudgetTokens is null && options.AdditionalProperties?.TryGetValue(ReasoningBudgetTokensKey, out var budget) == true)
        {
            request.ReasoningBudgetTokens = budget switch
            {
                int i => i,
                long l => checked((int)l),
                JsonElement { ValueKind: JsonValueKind.Number } e => e.GetInt32(),
                string s => int.Parse(s, System.Globalization.CultureInfo.InvariantCulture),
                _ => throw new ArgumentException($"ChatOptions.AdditionalProperties[\"{ReasoningBudgetTokensKey}\"] must be an integer."),
            };
        }
    }

    /// <summary>
    /// <see cref="ChatResponseFormat.ForJsonSchema(JsonElement, string?, string?)"/> (what <c>GetResponseAsync&lt;T&gt;</c>
    /// sends) becomes <c>outputConfig.textFormat</c> with that schema, name and description as given. Plain
    /// <see cref="ChatResponseFormat.Json"/> has no schema, so it asks for any JSON object (<see cref="AnyJsonObject"/>).
    /// Text asks for nothing.
    /// </summary>
    private static OutputFormat? OutputFormatOf(ChatResponseFormat? format) => format switch
    {
        ChatResponseFormatJson { Schema: { } schema } json => OutputFormat.ForJsonSchema(schema, json.SchemaName, json.SchemaDescription),
        ChatResponseFormatJson json => OutputFormat.ForJsonSchema(AnyJsonObject, json.SchemaName, json.SchemaDescription),
        _ => null,
    };

    /// <summary>The schema of <see cref="ChatResponseFormat.Json"/>: a JSON object, of any shape.</summary>
    internal const string AnyJsonObject = """{"type":"object"}""";

    private static ToolConfig? ToolConfigOf(ChatOptions options, IList<Message> messages)
    {
        var tools = options.Tools?.OfType<AIFunctionDeclaration>().Select(ToDefinition).ToList();
        if (tools is not { Count: > 0 })
        {
            return null;
        }

        switch (options.ToolMode)
        {
            case NoneChatToolMode:
                // Bedrock has no "none" choice. Tools are left out, unless the conversation already holds tool calls:
                // Bedrock then requires the tool definitions.
                var hasToolBlocks = messages.Any(static m => m.Content.Any(static b => b is ToolUseBlock or ToolResultBlock));
                return hasToolBlocks ? new ToolConfig(tools) : null;
            case RequiredChatToolMode { RequiredFunctionName: { } name }:
                return new ToolConfig(tools, ToolChoice.Tool(name));
            case RequiredChatToolMode:
                return new ToolConfig(tools, ToolChoice.Any);
            case AutoChatToolMode:
                return new ToolConfig(tools, ToolChoice.Auto);
            default:
                return new ToolConfig(tools);
        }
    }

    private static ToolDefinition ToDefinition(AIFunctionDeclaration function)
    {
        JsonNode schema = function.JsonSchema.ValueKind == JsonValueKind.Object
            ? JsonObject.Create(function.JsonSchema)!
            : new JsonObject { ["type"] = "object", ["properties"] = new JsonObject() };
        return new ToolDefinition(function.Name, string.IsNullOrWhiteSpace(function.Description) ? null : function.Description, schema);
    }
}
