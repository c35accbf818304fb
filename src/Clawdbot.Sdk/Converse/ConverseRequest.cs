using System.Text.Json.Nodes;

namespace Clawdbot.Sdk;

/// <summary>
/// One Converse / ConverseStream call: the model, the conversation and every option of the Bedrock Converse API.
/// </summary>
public sealed class ConverseRequest
{
    /// <summary>
    /// Creates a request for <paramref name="modelId"/> (a model id, inference profile id or ARN) with no messages.
    /// Throws <see cref="ArgumentException"/> when it is null or blank.
    /// </summary>
    public ConverseRequest(string modelId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(modelId);
        ModelId = modelId;
    }

    /// <summary>A model id, inference profile id or ARN; sent as one escaped path segment.</summary>
    public string ModelId { get; }

    /// <summary>The declared definition of the model, when known: prices for cost, reasoning, default max tokens.</summary>
    public ModelDefinition? Model { get; set; }

    /// <summary>
    /// The model's <c>agents.defaults.models["provider/id"].params</c>, when known: its temperature, max tokens,
    /// thinking level and cache retention apply where this request sets none of its own (they win over <see
    /// cref="Model"/>'s defaults). Declared models (<c>Bedrock.Models.X</c>, their <c>IChatClient</c>s, hosting, the CLI)
    /// set it; the request itself is never changed.
    /// </summary>
    public AgentModelParams? Params { get; set; }

    /// <summary>
    /// Prompt caching placed by the client, as Clawdbot's engine places it: a cache point after the system prompt and
    /// one after the last user turn, on models that cache (Claude 3.5 Haiku, 3.7 Sonnet, 4 and later; Amazon Nova when
    /// asked for explicitly). <see cref="Clawdbot.Sdk.CacheRetention.Short"/> sends <c>ttl: "5m"</c>,
    /// <see cref="Clawdbot.Sdk.CacheRetention.Long"/> <c>ttl: "1h"</c> (<c>5m</c> on models without the 1-hour TTL),
    /// <see cref="Clawdbot.Sdk.CacheRetention.None"/> none. Null takes <see cref="Params"/>' <c>cacheRetention</c>;
    /// when that is unset too, a request for a declared model (<see cref="Model"/> set) on a Claude model that caches
    /// gets <see cref="Clawdbot.Sdk.CacheRetention.Short"/>, as in Clawdbot, and any other request none. A place that
    /// already ends with a cache point gets no second one.
    /// </summary>
    public CacheRetention? CacheRetention { get; set; }

    /// <summary>The conversation, oldest first; it must start with a user message. Empty for a new request.</summary>
    public IList<Message> Messages { get; } = new List<Message>();

    /// <summary>System prompt blocks: <see cref="SystemBlock.Text"/> and <see cref="SystemBlock.CachePoint"/>.</summary>
    public IList<SystemBlock> System { get; } = new List<SystemBlock>();

    /// <summary>
    /// Max tokens, temperature, top-p and stop sequences; null sends none (max tokens then comes from <see
    /// cref="Model"/> when known).
    /// </summary>
    public InferenceConfig? InferenceConfig { get; set; }

    /// <summary>The tools the model may call; null offers none.</summary>
    public ToolConfig? ToolConfig { get; set; }

    /// <summary>
    /// Structured output (<c>outputConfig.textFormat</c>): the JSON schema the text answer must satisfy; null asks for
    /// free text. The answer still arrives as text (streamed as it is written); the typed calls
    /// (<see cref="BedrockModel.CompleteAsync{T}(string, System.Text.Json.Serialization.Metadata.JsonTypeInfo{T}, CancellationToken)"/>)
    /// set it from the type and read the answer back.
    /// </summary>
    public OutputFormat? OutputFormat { get; set; }

    /// <summary>
    /// Model-specific request fields, sent as given. The client adds reasoning fields (<c>thinking</c>,
    /// <c>output_config</c>, <c>reasoningConfig</c>, <c>reasoning_effort</c>) only when they are absent here, leaves
    /// out of the body what the model refuses (<c>top_k</c> while Claude thinks), and never changes this object.
    /// </summary>
    public JsonObject? AdditionalModelRequestFields { get; set; }

    /// <summary>JSON pointers of model-specific response fields to return (<c>additionalModelResponseFieldPaths</c>).</summary>
    public IList<string> AdditionalModelResponseFieldPaths { get; } = new List<string>();

    /// <summary>Key/value pairs recorded with the invocation log (<c>requestMetadata</c>).</summary>
    public IDictionary<string, string> RequestMetadata { get; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>
    /// Latency-optimised inference where the model offers it (<c>performanceConfig</c>); null sends none (standard).
    /// </summary>
    public LatencyMode? Latency { get; set; }

    /// <summary>The service tier to run in (<c>serviceTier</c>); null sends none (the default tier).</summary>
    public ServiceTier? ServiceTier { get; set; }

    /// <summary>The guardrail to apply; null applies none.</summary>
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
            Params = Params,
            CacheRetention = CacheRetention,
            InferenceConfig = InferenceConfig,
            ToolConfig = ToolConfig,
            OutputFormat = OutputFormat,
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

    /// <summary>A system prompt block of <paramref name="text"/>.</summary>
    public static SystemBlock FromText(string text) => new Text(text);

    /// <summary>A prompt-cache checkpoint: the system prompt up to here may be cached (five minutes).</summary>
    public static SystemBlock CachePointHere { get; } = new CachePoint();

    /// <summary>A prompt-cache checkpoint whose cached prefix lives for <paramref name="ttl"/>.</summary>
    public static SystemBlock CachePointFor(CacheTtl ttl) => new CachePoint { Ttl = ttl };

    /// <summary>System prompt text; <see cref="Value"/> is the text.</summary>
    public sealed record Text(string Value) : SystemBlock;

    /// <summary>A prompt-cache checkpoint in the system prompt.</summary>
    public sealed record CachePoint : SystemBlock
    {
        /// <summary>How long the cached prefix lives; null sends no <c>ttl</c> (five minutes).</summary>
        public CacheTtl? Ttl { get; init; }
    }
}

/// <summary><c>inferenceConfig</c>.</summary>
public sealed record InferenceConfig
{
    /// <summary>
    /// The most tokens the answer (and, for budget-based reasoning, the thinking) may use; null uses the model's
    /// declared max tokens.
    /// </summary>
    public int? MaxTokens { get; init; }

    /// <summary>Randomness, from 0 (most predictable) to 1; null leaves the model's default.</summary>
    public float? Temperature { get; init; }

    /// <summary>
    /// Nucleus sampling: the share of probability mass to draw from, 0 to 1; null leaves the model's default.
    /// </summary>
    public float? TopP { get; init; }

    /// <summary>
    /// Texts that end the answer when the model writes one (<see cref="StopReason.StopSequence"/>); null sends none.
    /// </summary>
    public IReadOnlyList<string>? StopSequences { get; init; }
}

/// <summary><c>toolConfig</c>: the tools the model may call and how it must choose.</summary>
public sealed record ToolConfig(IReadOnlyList<ToolDefinition> Tools, ToolChoice? Choice = null)
{
    /// <summary>Adds a cache point after the tool definitions.</summary>
    public bool CachePointAfterTools { get; init; }

    /// <summary>
    /// The TTL of the cache point after the tool definitions; setting it adds that cache point. Null: the point (when
    /// <see cref="CachePointAfterTools"/>) sends no <c>ttl</c> (five minutes).
    /// </summary>
    public CacheTtl? CachePointAfterToolsTtl { get; init; }
}

/// <summary>A tool: name, description, and the JSON schema of its input.</summary>
public sealed record ToolDefinition(string Name, string? Description, JsonNode InputSchema)
{
    /// <summary>
    /// Strict tool use (<c>strict: true</c>): the model's input always satisfies <see cref="InputSchema"/>, which must
    /// then be strict (<c>additionalProperties: false</c> on each object). False sends nothing.
    /// </summary>
    public bool Strict { get; init; }
}

/// <summary><c>toolChoice</c>: <see cref="Auto"/>, <see cref="Any"/> or <see cref="Tool(string)"/>.</summary>
public sealed record ToolChoice
{
    private ToolChoice(string kind, string? toolName)
    {
        Kind = kind;
        ToolName = toolName;
    }

    /// <summary>The model decides whether to call a tool (the service's default).</summary>
    public static ToolChoice Auto { get; } = new("auto", null);

    /// <summary>The model must call at least one tool, of its choice.</summary>
    public static ToolChoice Any { get; } = new("any", null);

    /// <summary>The model must call the tool <paramref name="name"/>.</summary>
    public static ToolChoice Tool(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        return new ToolChoice("tool", name);
    }

    /// <summary>The wire member: <c>auto</c>, <c>any</c> or <c>tool</c>.</summary>
    public string Kind { get; }

    /// <summary>The tool the model must call when <see cref="Kind"/> is <c>tool</c>; otherwise null.</summary>
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
    /// <summary>Standard inference (<c>standard</c>).</summary>
    Standard,
    /// <summary>Latency-optimised inference (<c>optimized</c>), where the model and region offer it.</summary>
    Optimized,
}

/// <summary><c>serviceTier.type</c>.</summary>
public enum ServiceTier
{
    /// <summary>The default tier (<c>default</c>).</summary>
    Default,
    /// <summary>Faster, at a higher price (<c>priority</c>).</summary>
    Priority,
    /// <summary>Cheaper, for work that can wait (<c>flex</c>).</summary>
    Flex,
    /// <summary>Capacity reserved in advance (<c>reserved</c>).</summary>
    Reserved,
}

/// <summary>How much a reasoning model thinks; see <see cref="ConverseRequest.ReasoningEffort"/>.</summary>
public enum ReasoningEffort
{
    /// <summary>No reasoning: no thinking fields are sent.</summary>
    Off,
    /// <summary>
    /// A little reasoning: a 2,048-token budget on budget-based Claude models, <c>low</c> on effort-based ones.
    /// </summary>
    Low,
    /// <summary>
    /// The default for a model declared with <c>reasoning: true</c>: an 8,192-token budget, or <c>medium</c>.
    /// </summary>
    Medium,
    /// <summary>Much reasoning: a 16,384-token budget, or <c>high</c>.</summary>
    High,
    /// <summary>The most reasoning: a 32,768-token budget, or <c>max</c> (<c>high</c> for Nova 2 and gpt-oss).</summary>
    Max,
}
