namespace Clawdbot.Sdk.Wire;

/// <summary>
/// The one place a request meets its model's <c>params</c> and its client's defaults: the request's own values win, then
/// the params, then the model's declaration (<see cref="ConverseRequest.Model"/>, read later by the writer); a request
/// without a guardrail gets the client's default one. The caller's request is never changed: when anything applies, a
/// copy carries the result.
/// </summary>
internal static class EffectiveRequest
{
    public static ConverseRequest Of(ConverseRequest request, GuardrailConfig? defaultGuardrail = null)
    {
        if (request.GuardrailConfig is null && defaultGuardrail is not null)
        {
            request = request.WithModelId(request.ModelId);
            request.GuardrailConfig = defaultGuardrail;
        }

        if (request.Params is not { } parameters)
        {
            return request;
        }

        var inference = request.InferenceConfig;
        var maxTokens = inference?.MaxTokens ?? parameters.MaxTokens;
        var temperature = inference?.Temperature ?? (parameters.Temperature is { } t ? (float)t : null);
        // An explicit thinking budget is the request's own choice of reasoning, so the params' level stays out of it.
        var effort = request.ReasoningEffort
            ?? (request.ReasoningBudgetTokens is null ? EffortOf(parameters.Thinking) : null);
        if (maxTokens == inference?.MaxTokens && temperature == inference?.Temperature && effort == request.ReasoningEffort)
        {
            return request;
        }

        var copy = request.WithModelId(request.ModelId);
        copy.ReasoningEffort = effort;
        if (maxTokens is not null || temperature is not null)
        {
            copy.InferenceConfig = (inference ?? new InferenceConfig()) with { MaxTokens = maxTokens, Temperature = temperature };
        }

        return copy;
    }

    /// <summary>
    /// Clawdbot's thinking levels on this SDK's efforts: <c>minimal</c> is the least there is, <c>on</c> is high (as in
    /// Clawdbot), <c>adaptive</c> the model's medium, <c>xhigh</c> the most.
    /// </summary>
    public static ReasoningEffort? EffortOf(string? thinking) => thinking switch
    {
        "off" => ReasoningEffort.Off,
        "minimal" or "low" => ReasoningEffort.Low,
        "medium" or "adaptive" => ReasoningEffort.Medium,
        "high" or "on" => ReasoningEffort.High,
        "xhigh" or "max" => ReasoningEffort.Max,
        _ => null,
    };
}
