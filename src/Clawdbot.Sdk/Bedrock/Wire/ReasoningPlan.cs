namespace Clawdbot.Sdk.Wire;

/// <summary>
/// Maps a request's reasoning wish onto the request fields of the model family it targets:
/// <list type="bullet">
/// <item>Claude 4.6 and later (Opus/Sonnet 4.6+, Opus 4.7, 5.x, Mythos, Fable): <c>thinking = {"type":"adaptive"}</c> plus
/// <c>output_config = {"effort":"low|medium|high|max"}</c> when an effort is chosen (the field Bedrock documents
/// for adaptive thinking; without it the model's default effort, high, applies).</item>
/// <item>Earlier reasoning Claude models (3.7 Sonnet, 4.x up to 4.5): <c>thinking = {"type":"enabled","budget_tokens":N}</c>
/// with 1024 &lt;= N &lt; maxTokens: N is lowered to fit a set maxTokens, never maxTokens raised (see
/// <c>ConverseRequestWriter.ApplyReasoning</c>).</item>
/// <item>Amazon Nova 2 (<c>amazon.nova-2-…</c>): <c>reasoningConfig = {"type":"enabled","maxReasoningEffort":"low|medium|high"}</c>;
/// extended thinking is off unless sent.</item>
/// <item>OpenAI gpt-oss: <c>reasoning_effort = "low|medium|high"</c>; the model always reasons, so Off sends nothing.</item>
/// <item>DeepSeek R1: always reasons and takes no field; its reasoning arrives as <c>reasoningContent</c>.</item>
/// <item>Everything else (non-reasoning models, <see cref="ReasoningEffort.Off"/>): no reasoning fields.</item>
/// </list>
/// <see cref="ReasoningEffort.Max"/> is each family's highest level (<c>high</c> where there is no <c>max</c>).
/// </summary>
internal static class ReasoningPlan
{
    public const int MinimumBudget = 1024;

    /// <summary>Room kept for the answer next to the thinking budget within maxTokens.</summary>
    public const int AnswerReserve = 4096;

    /// <summary>Nova 2's reasoning field in <c>additionalModelRequestFields</c>.</summary>
    public const string NovaField = "reasoningConfig";

    /// <summary>gpt-oss's reasoning field in <c>additionalModelRequestFields</c>.</summary>
    public const string OpenAiField = "reasoning_effort";

    public enum Style
    {
        None,
        Adaptive,
        Budget,
        NovaEffort,
        OpenAiEffort,
        AlwaysOn,
    }

    /// <summary>How the model family <paramref name="modelId"/> takes reasoning settings.</summary>
    public static Style StyleOf(string modelId)
    {
        if (ModelFamily.NovaGeneration(modelId) is { } generation)
        {
            return generation >= 2 ? Style.NovaEffort : Style.None;
        }

        if (ModelFamily.IsGptOss(modelId))
        {
            return Style.OpenAiEffort;
        }

        if (ModelFamily.IsDeepSeekR1(modelId))
        {
            return Style.AlwaysOn;
        }

        if (ModelFamily.ClaudeVersion(modelId) is not { } claude)
        {
            return Style.None;
        }

        if (claude.Major > 4 || (claude.Major == 4 && claude.Minor >= 6))
        {
            return Style.Adaptive;
        }

        return claude.Major == 4 || (claude.Major == 3 && claude.Minor == 7) ? Style.Budget : Style.None;
    }

    /// <summary>
    /// Whether Anthropic refuses <c>temperature</c> together with <c>top_p</c> on <paramref name="modelId"/>: Claude
    /// Opus 4.1, Sonnet 4.5, Haiku 4.5 and every later Claude model.
    /// </summary>
    public static bool RefusesTemperatureWithTopP(string modelId)
        => ModelFamily.ClaudeVersion(modelId) is { } claude && (claude.Major > 4 || (claude.Major == 4 && claude.Minor >= 1));

    public static int BudgetFor(ReasoningEffort effort) => effort switch
    {
        ReasoningEffort.Low => 2048,
        ReasoningEffort.Medium => 8192,
        ReasoningEffort.High => 16384,
        ReasoningEffort.Max => 32768,
        _ => 0,
    };

    /// <summary>Anthropic's adaptive effort levels, which have a <c>max</c>.</summary>
    public static string WireEffort(ReasoningEffort effort) => effort switch
    {
        ReasoningEffort.Low => "low",
        ReasoningEffort.Medium => "medium",
        ReasoningEffort.High => "high",
        _ => "max",
    };

    /// <summary>Nova's and gpt-oss's effort levels, whose highest is <c>high</c>.</summary>
    public static string ThreeLevelEffort(ReasoningEffort effort) => effort switch
    {
        ReasoningEffort.Low => "low",
        ReasoningEffort.Medium => "medium",
        _ => "high",
    };
}
