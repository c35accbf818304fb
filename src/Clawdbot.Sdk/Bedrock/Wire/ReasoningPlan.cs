using System.Text.RegularExpressions;

namespace Clawdbot.Sdk.Wire;

/// <summary>
/// Maps a request's reasoning wish onto Anthropic's thinking fields for the model it targets:
/// <list type="bullet">
/// <item>Claude 4.6 and later (Opus/Sonnet 4.6+, Opus 4.7, 5.x, Mythos, Fable): <c>thinking = {"type":"adaptive"}</c> plus
/// <c>output_config = {"effort":"low|medium|high|max"}</c> when an effort is chosen (the field Bedrock documents
/// for adaptive thinking; without it the model's default effort, high, applies).</item>
/// <item>Earlier reasoning Claude models (3.7 Sonnet, 4.x up to 4.5): <c>thinking = {"type":"enabled","budget_tokens":N}</c>
/// with 1024 &lt;= N &lt; maxTokens: N is lowered to fit a set maxTokens, never maxTokens raised (see
/// <c>ConverseRequestWriter.ApplyReasoning</c>).</item>
/// <item>Everything else (other vendors, non-reasoning models, <see cref="ReasoningEffort.Off"/>): no thinking fields.</item>
/// </list>
/// </summary>
internal static partial class ReasoningPlan
{
    public const int MinimumBudget = 1024;

    /// <summary>Room kept for the answer next to the thinking budget within maxTokens.</summary>
    public const int AnswerReserve = 4096;

    public enum Style
    {
        None,
        Adaptive,
        Budget,
    }

    /// <summary>How the model family <paramref name="modelId"/> takes thinking settings.</summary>
    public static Style StyleOf(string modelId)
    {
        var match = ClaudePattern().Match(modelId);
        if (!match.Success)
        {
            return Style.None;
        }

        var family = match.Groups["family"].Value;
        if (family is "mythos" or "fable")
        {
            return Style.Adaptive;
        }

        var major = int.Parse(match.Groups["major"].Value, System.Globalization.CultureInfo.InvariantCulture);
        var minor = match.Groups["minor"].Success && match.Groups["minor"].Value.Length <= 2
            ? int.Parse(match.Groups["minor"].Value, System.Globalization.CultureInfo.InvariantCulture)
            : 0;
        if (major > 4 || (major == 4 && minor >= 6))
        {
            return Style.Adaptive;
        }

        return major == 4 || (major == 3 && minor == 7) ? Style.Budget : Style.None;
    }

    public static int BudgetFor(ReasoningEffort effort) => effort switch
    {
        ReasoningEffort.Low => 2048,
        ReasoningEffort.Medium => 8192,
        ReasoningEffort.High => 16384,
        ReasoningEffort.Max => 32768,
        _ => 0,
    };

    public static string WireEffort(ReasoningEffort effort) => effort switch
    {
        ReasoningEffort.Low => "low",
        ReasoningEffort.Medium => "medium",
        ReasoningEffort.High => "high",
        _ => "max",
    };

    // claude-opus-4-6-v1, claude-sonnet-4-5-20250929-v1:0, claude-3-7-sonnet-20250219-v1:0, claude-opus-5, claude-mythos-preview
    // (also with a region prefix or inside an inference-profile ARN).
    [GeneratedRegex(@"claude-(?:(?<family>opus|sonnet|haiku)-(?<major>\d+)(?:-(?<minor>\d+))?|(?<major>\d+)(?:-(?<minor>\d+))?-(?<family>opus|sonnet|haiku)|(?<family>mythos|fable)\b)", RegexOptions.CultureInvariant)]
    private static partial Regex ClaudePattern();
}
