using System.Text.Json.Nodes;

namespace Clawdbot.Sdk;

/// <summary>
/// One Converse / ConverseStream call: the model, the conversation and every option of the Bedrock Converse API.
/// </summary>
public sealed class ConverseRequest
{
    public ConverseRequest(string modelId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(modelId);
        ModelId = modelId;
    }

    /// <summary>A model id, inference profile id or ARN; sent as one escaped path segment.</summary>
    public string ModelId { get; }

    /// <summary>The declared definition of the model, when known: prices for cost, reasoning, default max tokens.</summary>
    public ModelDefinition? Model { get; set; }

    public IList<Message> Messages { get; } = new List<Message>();

    /// <summary>System prompt blocks: <see cref="SystemBlock.Text"/> and <see cref="SystemBlock.CachePoint"/>.</summary>
    public IList<SystemBlock> System { get; } = new List<SystemBlock>();

    public InferenceConfig? InferenceConfig { get; set; }

    public ToolConfig? ToolConfig { get; set; }

    /// <summary>
    /// Model-specific request fields, sent as given. The client adds reasoning fields (<c>thinking</c>,
    /// <c>output_config</c>) only when they are absent here, and never changes this object.
    /// </summary>
    public JsonObject? AdditionalModelRequestFields { get; set; }

    /// <summary>JSON pointers of model-specific response fields to return (<c>additionalModelResponseFieldPaths</c>).</summary>
    public IList<string> AdditionalModelResponseFieldPaths { get; } = new List<string>();

    /// <summary>Key/value pairs recorded with the invocation log (<c>requestMetadata</c>).</summary>
    public IDictionary<string, string> RequestMetadata { get; } = new Dictionary<string, string>(StringComparer.Ordinal);

    public LatencyMode? Latency { get; set; }

    public ServiceTier? ServiceTier { get; set; }

    public GuardrailConfig? GuardrailConfig { get; set; }

    /// <summary>
    /// How hard a reasoning model thinks. Null uses the model's declaration: a model declared with
    /// <c>reasoning: true</c> reasons at <see cref="Clawdbot.Sdk.ReasoningEffort.Medium"/>;
    /// <see cref="Clawdbot.Sdk.ReasoningEffort.Off"/> sends no thinking fields at all. On budget-based Claude models
    /// the effort's budget is fitted under maxTokens as <see cref="ReasoningBudgetTokens"/> describes.
    /// </summary>
    public ReasoningEffort? ReasoningEffort { get; set; }

    /// <summary>
    /// An explicit thinking budget for budget-based Claude models (at least 1024); overrides the effort's budget.
    /// The budget always fits under maxTokens (<see cref="InferenceConfig.MaxTokens"/>, else the model's): it is lowered
    /// to leave 4096 tokens for the answer (not below 1024), and maxTokens is never raised. A maxTokens of 1024 or
    /// less cannot hold a budget, so asking for reasoning with it is an <see cref="ArgumentException"/>.
    /// </summary>
    public int? ReasoningBudgetTokens { get; set; }

    /// <summary>Adds a user message holding <paramref name="text"/>; returns this request.</summary>
    public ConverseRequest AddUser(string text)
    {
        Messages.Add(Message.User(text));
        return this;
    }

    /// <summary>The same request for another model id (an inference profile routing it, say); lists are copied, blocks shared.</summary>
    public ConverseRequest WithModelId(string modelId)
    {
        var copy = new ConverseRequest(modelId)
        {
            Model = Model,
            InferenceConfig = InferenceConfig,
            ToolConfig = ToolConfig,
            AdditionalModelRequestFields = AdditionalModelRequestFields,
            Latency = Latency,
            ServiceTier = ServiceTier,
            GuardrailConfig = GuardrailConfig,
            ReasoningEffort = ReasoningEffort,
            ReasoningBudgetTokens = ReasoningBudgetTokens,
        };
        foreach (var message in Messages)
        {
            copy.Messages.Add(message);
        }

        foreach (var block in System)
        {
            copy.System.Add(block);
        }

        foreach (var path in AdditionalModelResponseFieldPaths)
        {
            copy.AdditionalModelResponseFieldPaths.Add(path);
        }

        foreach (var entry in RequestMetadata)
        {
            copy.RequestMetadata.Add(entry.Key, entry.Value);
        }

        return copy;
    }
}

/// <summary>A block of the system prompt.</summary>
public abstract record SystemBlock
{
    private SystemBlock()
    {
    }

    public static SystemBlock FromText(string text) => new Text(text);

    public static SystemBlock CachePointHere { get; } = new CachePoint();

    public sealed record Text(string Value) : SystemBlock;

    public sealed record CachePoint : SystemBlock;
}

/// <summary><c>inferenceConfig</c>.</summary>
public sealed record InferenceConfig
{
    public int? MaxTokens { get; init; }

    public float? Temperature { get; init; }

    public float? TopP { get; init; }

    public IReadOnlyList<string>? StopSequences { get; init; }
}

/// <summary><c>toolConfig</c>: the tools the model may call and how it must choose.</summary>
public sealed record ToolConfig(IReadOnlyList<ToolDefinition> Tools, ToolChoice? Choice = null)
{
    /// <summary>Adds a cache point after the tool definitions.</summary>
    public bool CachePointAfterTools { get; init; }
}

/// <summary>A tool: name, description, and the JSON schema of its input.</summary>
public sealed record ToolDefinition(string Name, string? Description, JsonNode InputSchema);

/// <summary><c>toolChoice</c>: <see cref="Auto"/>, <see cref="Any"/> or <see cref="Tool(string)"/>.</summary>
public sealed record ToolChoice
{
    private ToolChoice(string kind, string? toolName)
    {
        Kind = kind;
        ToolName = toolName;
    }

    public static ToolChoice Auto { get; } = new("auto", null);

    public static ToolChoice Any { get; } = new("any", null);

    public static ToolChoice Tool(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        return new ToolChoice("tool", name);
    }

    /// <summary>The wire member: <c>auto</c>, <c>any</c> or <c>tool</c>.</summary>
    public string Kind { get; }

    public string? ToolName { get; }
}

/// <summary><c>guardrailConfig</c>.</summary>
public sealed record GuardrailConfig(string Identifier, string Version)
{
    /// <summary><c>enabled</c>, <c>disabled</c> or <c>enabled_full</c>.</summary>
    public string? Trace { get; init; }

    /// <summary>ConverseStream only: <c>sync</c> or <c>async</c>.</summary>
    public string? StreamProcessingMode { get; init; }
}

/// <summary><c>performanceConfig.latency</c>.</summary>
public enum LatencyMode
{
    Standard,
    Optimized,
}

/// <summary><c>serviceTier.type</c>.</summary>
public enum ServiceTier
{
    Default,
    Priority,
    Flex,
    Reserved,
}

/// <summary>How much a reasoning model thinks; see <see cref="ConverseRequest.ReasoningEffort"/>.</summary>
public enum ReasoningEffort
{
    Off,
    Low,
    Medium,
    High,
    Max,
}
