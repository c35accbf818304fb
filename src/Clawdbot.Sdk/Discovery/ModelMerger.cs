namespace Clawdbot.Sdk;

/// <summary>
/// Merges declared and discovered models. A declared model matching a discovered one by exact id (under the discovery
/// provider) wins field by field: every field the file wrote (<see cref="ModelDefinition.DeclaredFields"/>) is kept,
/// every field it left out comes from discovery. Discovered ids not declared are added. The result is sorted by name,
/// then id, then provider.
/// </summary>
internal static class ModelMerger
{
    public const string DefaultBedrockProviderId = ClawdbotConfigReader.BedrockProviderId;

    /// <summary>The provider discovered models belong to: <c>amazon-bedrock</c>, or the only declared Bedrock provider.</summary>
    public static string DiscoveryProviderId(ClawdbotConfig config) => ModelReference.BedrockProviderId(config);

    public static IReadOnlyList<ModelEntry> Merge(ClawdbotConfig config, IReadOnlyList<ModelDefinition> discovered, string discoveryProviderId)
    {
        var discoveredById = new Dictionary<string, ModelDefinition>(StringComparer.Ordinal);
        foreach (var model in discovered)
        {
            discoveredById[model.Id] = model;
        }

        var tags = new AgentTags(config.AgentDefaults);
        var entries = new List<ModelEntry>();
        var declaredUnderDiscoveryProvider = new HashSet<string>(StringComparer.Ordinal);
        foreach (var provider in config.Models.Providers)
        {
            foreach (var declared in provider.Models)
            {
                var origin = ModelOrigin.Declared;
                var definition = declared;
                if (provider.Id == discoveryProviderId && discoveredById.TryGetValue(declared.Id, out var found))
                {
                    origin = ModelOrigin.Both;
                    definition = Overlay(declared, found);
                }

                if (provider.Id == discoveryProviderId)
                {
                    declaredUnderDiscoveryProvider.Add(declared.Id);
                }

                entries.Add(new ModelEntry { ProviderId = provider.Id, Definition = definition, Origin = origin, Tags = tags.For(provider.Id, declared.Id) });
            }
        }

        foreach (var model in discovered)
        {
            if (!declaredUnderDiscoveryProvider.Contains(model.Id))
            {
                entries.Add(new ModelEntry { ProviderId = discoveryProviderId, Definition = model, Origin = ModelOrigin.Discovered, Tags = tags.For(discoveryProviderId, model.Id) });
            }
        }

        return entries
            .DistinctBy(static entry => entry.Key, StringComparer.Ordinal)
            .OrderBy(static entry => entry.Name, StringComparer.OrdinalIgnoreCase)
            .ThenBy(static entry => entry.Name, StringComparer.Ordinal)
            .ThenBy(static entry => entry.Id, StringComparer.Ordinal)
            .ThenBy(static entry => entry.ProviderId, StringComparer.Ordinal)
            .ToArray();
    }

    private static ModelDefinition Overlay(ModelDefinition declared, ModelDefinition discovered)
    {
        bool Declared(ModelFields field) => (declared.DeclaredFields & field) == field;
        var contextWindow = Declared(ModelFields.ContextWindow) ? declared.ContextWindow : discovered.ContextWindow;
        return declared with
        {
            Reasoning = Declared(ModelFields.Reasoning) ? declared.Reasoning : discovered.Reasoning,
            Input = Declared(ModelFields.Input) ? declared.Input : discovered.Input,
            Cost = Declared(ModelFields.Cost) ? declared.Cost : discovered.Cost,
            ContextWindow = contextWindow,
            MaxTokens = Declared(ModelFields.MaxTokens) ? declared.MaxTokens : Math.Min(discovered.MaxTokens, contextWindow),
        };
    }

    /// <summary>The tags the agent defaults give each <c>provider/id</c> key.</summary>
    private sealed class AgentTags
    {
        private readonly Dictionary<string, List<string>> _byKey = new(StringComparer.Ordinal);

        public AgentTags(AgentDefaultsConfig defaults)
        {
            var aliases = ModelReference.Aliases(defaults);
            if (defaults.PrimaryModel is { } primary)
            {
                Add(Unalias(aliases, primary), "default");
            }

            foreach (var fallback in defaults.FallbackModels)
            {
                Add(Unalias(aliases, fallback), "fallback");
            }

            foreach (var entry in defaults.Models)
            {
                Add(entry.Ref, "configured");
                if (!string.IsNullOrWhiteSpace(entry.Alias))
                {
                    Add(entry.Ref, "alias:" + entry.Alias.Trim());
                }
            }
        }

        public IReadOnlyList<string> For(string providerId, string modelId)
            => _byKey.TryGetValue(providerId + "/" + modelId, out var tags) ? tags : [];

        private void Add(string key, string tag)
        {
            if (!_byKey.TryGetValue(key, out var tags))
            {
                _byKey[key] = tags = [];
            }

            if (!tags.Contains(tag))
            {
                tags.Add(tag);
            }
        }

        private static string Unalias(IReadOnlyDictionary<string, string> aliases, string reference)
            => aliases.TryGetValue(reference.Trim(), out var key) ? key : reference.Trim();
    }
}
