using System.Globalization;

namespace Clawdbot.Sdk;

/// <summary>
/// Reads <c>agents.defaults.model</c> (<c>primary</c>, then <c>fallbacks</c> in order) into the models of a
/// <see cref="BedrockFallbackChain"/>, by the one reference rule (<see cref="ModelReference"/>). A fallback the SDK
/// cannot call is passed over with a reason that names where it is written; it never fails the chain.
/// </summary>
internal static class ConfiguredFallbacks
{
    private const string FallbacksPath = "agents.defaults.model.fallbacks";

    /// <summary>
    /// The declared model <paramref name="text"/> names, or why it cannot be called (written at <paramref name="path"/>).
    /// </summary>
    public static BedrockModel? TryResolve(BedrockClientProvider clients, string text, string path, out string? reason)
    {
        var config = clients.Config;
        reason = null;
        if (!ModelReference.TryResolve(config, text, out var reference))
        {
            reason = $"{path}: '{text}' is not a model reference (write 'provider/model-id' or an alias)";
            return null;
        }

        var provider = config.Models.Providers.FirstOrDefault(p => string.Equals(p.Id, reference.Provider, StringComparison.Ordinal));
        if (provider is null || !ClawdbotConfigReader.IsBedrock(provider))
        {
            reason = provider is null
                ? $"{path}: '{text}' names provider '{reference.Provider}', which models.providers does not declare as Amazon Bedrock; this SDK calls only Bedrock"
                : $"{path}: '{text}' names provider '{provider.Id}' (api {provider.Api ?? "unset"}), which is not Amazon Bedrock; this SDK calls only Bedrock";
            return null;
        }

        var definition = provider.Models.FirstOrDefault(m => string.Equals(m.Id, reference.ModelId, StringComparison.Ordinal));
        if (definition is null)
        {
            reason = $"{path}: '{text}' is not declared under models.providers.{provider.Id}.models; declare it to fail over to it";
            return null;
        }

        return new BedrockModel(clients, provider.Id, definition);
    }

    /// <summary>
    /// <paramref name="primary"/> followed by every usable fallback of the config (duplicates once), and the reasons
    /// for those passed over.
    /// </summary>
    public static (List<BedrockModel> Models, List<FailoverAttempt> Unusable) Resolve(BedrockClientProvider clients, BedrockModel primary)
    {
        var models = new List<BedrockModel> { primary };
        var unusable = new List<FailoverAttempt>();
        var fallbacks = clients.Config.AgentDefaults.FallbackModels;
        for (var i = 0; i < fallbacks.Count; i++)
        {
            var path = FallbacksPath + "[" + i.ToString(CultureInfo.InvariantCulture) + "]";
            if (TryResolve(clients, fallbacks[i], path, out var reason) is not { } model)
            {
                unusable.Add(FailoverAttempt.Passed(fallbacks[i], reason!));
            }
            else if (!models.Any(m => m.Ref == model.Ref))
            {
                models.Add(model);
            }
        }

        return (models, unusable);
    }
}
