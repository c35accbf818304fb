using System.Globalization;
using System.Text.RegularExpressions;

namespace Clawdbot.Sdk.Wire;

/// <summary>
/// The one reading of a Bedrock model id (bare, with a geo prefix, or at the end of an inference-profile ARN) into what
/// the request rules need to know: its vendor, a Claude model's version, a Nova model's generation. Reasoning styles
/// (<see cref="ReasoningPlan"/>), fields a model refuses (<see cref="UnsupportedFields"/>) and automatic prompt caching
/// (<see cref="PromptCachePlan"/>) all ask here, so they cannot disagree about which model an id names.
/// </summary>
internal static partial class ModelFamily
{
    /// <summary>Who made a model: reasoning signatures are only understood by their own vendor's models.</summary>
    public enum Vendor
    {
        /// <summary>The id does not name its model (an application inference profile that was not resolved, a custom model).</summary>
        Unknown,
        Other,
        Anthropic,
        Amazon,
        OpenAi,
        DeepSeek,
    }

    /// <summary>
    /// The vendor of <paramref name="modelId"/> (<c>vendor.model</c>, with a geo prefix or at the end of an ARN), or
    /// <see cref="Vendor.Unknown"/> when the id does not name a model.
    /// </summary>
    public static Vendor VendorOf(string modelId)
    {
        var id = InferenceProfileIds.WithoutGeoPrefix(modelId[(modelId.LastIndexOf('/') + 1)..]);
        var dot = id.IndexOf('.');
        if (dot <= 0)
        {
            return ClaudePattern().IsMatch(id) ? Vendor.Anthropic : Vendor.Unknown;
        }

        return id[..dot] switch
        {
            "anthropic" => Vendor.Anthropic,
            "amazon" => Vendor.Amazon,
            "openai" => Vendor.OpenAi,
            "deepseek" => Vendor.DeepSeek,
            _ => Vendor.Other,
        };
    }

    /// <summary>A Claude model's version (<c>claude-sonnet-4-5-…</c> is 4.5, <c>claude-3-7-sonnet-…</c> 3.7), else null.</summary>
    public static (int Major, int Minor)? ClaudeVersion(string modelId)
    {
        var match = ClaudePattern().Match(modelId);
        if (!match.Success)
        {
            return null;
        }

        // Mythos and Fable carry no version number; they came after 4.6.
        if (match.Groups["family"].Value is "mythos" or "fable")
        {
            return (5, 0);
        }

        var major = int.Parse(match.Groups["major"].Value, CultureInfo.InvariantCulture);
        // A date (claude-sonnet-4-20250514) follows the major version where there is no minor one.
        var minor = match.Groups["minor"].Success && match.Groups["minor"].Value.Length <= 2
            ? int.Parse(match.Groups["minor"].Value, CultureInfo.InvariantCulture)
            : 0;
        return (major, minor);
    }

    /// <summary>Whether the Claude model is a Haiku (3.5 Haiku caches where other 3.x models do not).</summary>
    public static bool IsClaudeHaiku(string modelId) => ClaudePattern().Match(modelId) is { Success: true } match && match.Groups["family"].Value == "haiku";

    /// <summary>An Amazon Nova model's generation (1 for <c>amazon.nova-lite-v1:0</c>, 2 for <c>amazon.nova-2-lite-v1:0</c>), else null.</summary>
    public static int? NovaGeneration(string modelId)
    {
        var match = NovaPattern().Match(modelId);
        if (!match.Success)
        {
            return null;
        }

        return match.Groups["generation"].Success ? int.Parse(match.Groups["generation"].Value, CultureInfo.InvariantCulture) : 1;
    }

    public static bool IsGptOss(string modelId) => modelId.Contains("openai.gpt-oss", StringComparison.Ordinal);

    public static bool IsDeepSeekR1(string modelId) => modelId.Contains("deepseek.r1", StringComparison.Ordinal);

    // claude-opus-4-6-v1, claude-sonnet-4-5-20250929-v1:0, claude-3-7-sonnet-20250219-v1:0, claude-opus-5, claude-mythos-preview
    // (also with a region prefix or inside an inference-profile ARN).
    [GeneratedRegex(@"claude-(?:(?<family>opus|sonnet|haiku)-(?<major>\d+)(?:-(?<minor>\d+))?|(?<major>\d+)(?:-(?<minor>\d+))?-(?<family>opus|sonnet|haiku)|(?<family>mythos|fable)\b)", RegexOptions.CultureInvariant)]
    private static partial Regex ClaudePattern();

    // amazon.nova-lite-v1:0 (first generation, no number), amazon.nova-2-lite-v1:0, us.amazon.nova-premier-v1:0.
    [GeneratedRegex(@"amazon\.nova-(?:(?<generation>\d+)-)?(?:micro|lite|pro|premier)", RegexOptions.CultureInvariant)]
    private static partial Regex NovaPattern();
}
