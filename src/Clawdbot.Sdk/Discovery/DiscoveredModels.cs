namespace Clawdbot.Sdk;

/// <summary>What one discovery run found in a region: invokable models and the inference-profile routes.</summary>
internal sealed class DiscoveredModels
{
    internal DiscoveredModels(IReadOnlyList<ModelDefinition> models, InferenceProfileRoutes routes)
    {
        Models = models;
        Routes = routes;
    }

    /// <summary>The invokable models (on-demand foundation models and system profiles), sorted by name then id.</summary>
    public IReadOnlyList<ModelDefinition> Models { get; }

    public InferenceProfileRoutes Routes { get; }
}
