using System.Text.Json.Nodes;

namespace Clawdbot.Sdk.Wire;

/// <summary>Fields left out of a request because its model would refuse them, and why (for the log).</summary>
internal readonly record struct DroppedFields(string Fields, string Reason);

/// <summary>
/// Leaves out what a model refuses instead of failing at AWS, judged on the body as it will be sent (reasoning fields
/// added, the caller's own ones included):
/// <list type="bullet">
/// <item>Claude with thinking on: <c>temperature</c>, <c>topP</c> and <c>top_k</c>.</item>
/// <item>Claude Opus 4.1, Sonnet 4.5, Haiku 4.5 and later, thinking off: <c>topP</c> when <c>temperature</c> is
/// also set (Anthropic takes only one; temperature is the one kept).</item>
/// <item>Nova 2 at <c>high</c> reasoning effort: <c>temperature</c>, <c>topP</c> and <c>maxTokens</c>.</item>
/// </list>
/// </summary>
internal static class UnsupportedFields
{
    public static void Drop(string familyModelId, ref int? maxTokens, ref float? temperature, ref float? topP, JsonObject? additional, List<DroppedFields>? dropped)
    {
        var vendor = ModelFamily.VendorOf(familyModelId);
        if (vendor == ModelFamily.Vendor.Anthropic)
        {
            if (ClaudeThinkingOn(additional))
            {
                var names = new List<string>(3);
                Clear(ref temperature, "temperature", names);
                Clear(ref topP, "topP", names);
                if (additional!.Remove("top_k"))
                {
                    names.Add("top_k");
                }

                Report(names, "Claude refuses them while thinking is on", dropped);
            }
            else if (temperature is not null && topP is not null && ReasoningPlan.RefusesTemperatureWithTopP(familyModelId))
            {
                topP = null;
                Report(["topP"], "this Claude model takes temperature or topP, not both; temperature is kept", dropped);
            }
        }
        else if (vendor == ModelFamily.Vendor.Amazon && NovaHighEffort(additional))
        {
            var names = new List<string>(3);
            Clear(ref temperature, "temperature", names);
            Clear(ref topP, "topP", names);
            if (maxTokens is not null)
            {
                maxTokens = null;
                names.Add("maxTokens");
            }

            Report(names, "Nova refuses them with high reasoning effort", dropped);
        }
    }

    private static bool ClaudeThinkingOn(JsonObject? additional)
        => additional?["thinking"] is JsonObject thinking
           && thinking["type"] is JsonValue type
           && type.TryGetValue<string>(out var kind)
           && kind is "enabled" or "adaptive";

    private static bool NovaHighEffort(JsonObject? additional)
        => additional?[ReasoningPlan.NovaField] is JsonObject config
           && config["maxReasoningEffort"] is JsonValue effort
           && effort.TryGetValue<string>(out var level)
           && level == "high"
           && !(config["type"] is JsonValue type && type.TryGetValue<string>(out var kind) && kind == "disabled");

    private static void Clear(ref float? value, string name, List<string> names)
    {
        if (value is not null)
        {
            value = null;
            names.Add(name);
        }
    }

    private static void Report(List<string> names, string reason, List<DroppedFields>? dropped)
    {
        if (names.Count > 0)
        {
            dropped?.Add(new DroppedFields(string.Join(", ", names), reason));
        }
    }
}
