namespace Clawdbot.Sdk;

/// <summary>
/// Reads every page of ListFoundationModels and ListInferenceProfiles and turns them into invokable model
/// definitions: foundation models that stream text, are ACTIVE and can be invoked on demand under their bare id,
/// plus the system inference profiles, which take their capabilities from the foundation model they route to.
/// </summary>
internal static class BedrockCatalogReader
{
    public static async Task<DiscoveredModels> ReadAsync(IBedrockControlPlane controlPlane, DiscoverySettings settings, CancellationToken cancellationToken)
    {
        var foundationModels = new Dictionary<string, FoundationModelSummary>(StringComparer.Ordinal);
        string? token = null;
        do
        {
            var page = await controlPlane.ListFoundationModelsAsync(token, cancellationToken).ConfigureAwait(false);
            foreach (var summary in page.ModelSummaries ?? [])
            {
                var id = summary.ModelId?.Trim();
                if (!string.IsNullOrEmpty(id))
                {
                    foundationModels[id] = summary;
                }
            }

            token = NextToken(page.NextToken, token);
        }
        while (token is not null);

        var profiles = new List<InferenceProfileSummary>();
        token = null;
        do
        {
            var page = await controlPlane.ListInferenceProfilesAsync(token, cancellationToken).ConfigureAwait(false);
            profiles.AddRange(page.InferenceProfileSummaries ?? []);
            token = NextToken(page.NextToken, token);
        }
        while (token is not null);

        return Build(controlPlane.Region, foundationModels, profiles, settings);
    }

    private static string? NextToken(string? next, string? previous)
    {
        if (string.IsNullOrEmpty(next))
        {
            return null;
        }

        // A service that hands back the token it was given would page forever.
        return next == previous ? throw new InvalidOperationException("Bedrock returned the same nextToken twice while paging.") : next;
    }

    private static DiscoveredModels Build(
        string region,
        Dictionary<string, FoundationModelSummary> foundationModels,
        List<InferenceProfileSummary> profiles,
        DiscoverySettings settings)
    {
        var models = new Dictionary<string, ModelDefinition>(StringComparer.Ordinal);
        var profilesByModel = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var profileOnly = new HashSet<string>(StringComparer.Ordinal);

        foreach (var (id, summary) in foundationModels)
        {
            if (!InvokableOnDemand(summary))
            {
                if (Supports(summary, "INFERENCE_PROFILE"))
                {
                    profileOnly.Add(id);
                }

                continue;
            }

            if (StreamsText(summary) && settings.Admits(summary.ProviderName, id))
            {
                models[id] = Define(id, summary.ModelName, summary, settings);
            }
        }

        foreach (var profile in profiles)
        {
            var profileId = profile.InferenceProfileId?.Trim();
            if (string.IsNullOrEmpty(profileId)
                || (profile.Status is not null && profile.Status != "ACTIVE")
                || (profile.Type is not null && profile.Type != "SYSTEM_DEFINED"))
            {
                continue;
            }

            var target = (profile.Models ?? [])
                .Select(model => InferenceProfileIds.FoundationModelIdFromArn(model.ModelArn))
                .FirstOrDefault(modelId => modelId is not null && foundationModels.ContainsKey(modelId));
            if (target is null)
            {
                continue;
            }

            if (!profilesByModel.TryGetValue(target, out var routes))
            {
                profilesByModel[target] = routes = [];
            }

            routes.Add(profileId);
            var summary = foundationModels[target];
            if (StreamsText(summary) && settings.Admits(summary.ProviderName, target))
            {
                models[profileId] = Define(target, profile.InferenceProfileName ?? summary.ModelName, summary, settings) with { Id = profileId };
            }
        }

        var ordered = models.Values
            .OrderBy(static model => model.Name, StringComparer.OrdinalIgnoreCase)
            .ThenBy(static model => model.Name, StringComparer.Ordinal)
            .ThenBy(static model => model.Id, StringComparer.Ordinal)
            .ToArray();
        var routesByModel = profilesByModel.ToDictionary(
            static pair => pair.Key,
            pair => InferenceProfileRoutes.OrderForRegion(pair.Value, region),
            StringComparer.Ordinal);
        return new DiscoveredModels(ordered, new InferenceProfileRoutes(region, routesByModel, profileOnly));
    }

    private static ModelDefinition Define(string foundationModelId, string? name, FoundationModelSummary summary, DiscoverySettings settings)
    {
        var known = KnownModelCapabilities.Find(foundationModelId);
        var input = new List<ModelInput> { ModelInput.Text };
        if (summary.InputModalities?.Contains("IMAGE", StringComparer.OrdinalIgnoreCase) == true)
        {
            input.Add(ModelInput.Image);
        }

        return new ModelDefinition
        {
            Id = foundationModelId,
            Name = string.IsNullOrWhiteSpace(name) ? foundationModelId : name.Trim(),
            Reasoning = known?.Reasoning ?? false,
            Input = input,
            Cost = ModelCost.Zero,
            ContextWindow = known?.ContextWindow ?? settings.DefaultContextWindow,
            MaxTokens = known?.MaxTokens ?? settings.DefaultMaxTokens,
        };
    }

    private static bool StreamsText(FoundationModelSummary summary)
        => summary.ResponseStreamingSupported == true
           && summary.OutputModalities?.Contains("TEXT", StringComparer.OrdinalIgnoreCase) == true
           && summary.ModelLifecycle?.Status == "ACTIVE";

    // A model that lists no inference types predates the field and is served on demand.
    private static bool InvokableOnDemand(FoundationModelSummary summary)
        => summary.InferenceTypesSupported is not { Count: > 0 } || Supports(summary, "ON_DEMAND");

    private static bool Supports(FoundationModelSummary summary, string inferenceType)
        => summary.InferenceTypesSupported?.Contains(inferenceType, StringComparer.Ordinal) == true;
}
