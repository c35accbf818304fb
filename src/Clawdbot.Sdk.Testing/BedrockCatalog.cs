namespace Clawdbot.Sdk.Testing;

/// <summary>
/// What the emulator's control plane lists: foundation models and inference profiles. Tests may edit the lists or
/// replace <see cref="LocalBedrock.Catalog"/> wholesale.
/// </summary>
public sealed class BedrockCatalog
{
    /// <summary>The foundation models <c>GET /foundation-models</c> lists, in this order. Empty for a new catalogue.</summary>
    public List<FoundationModelEntry> FoundationModels { get; init; } = [];

    /// <summary>
    /// The inference profiles <c>GET /inference-profiles</c> lists, in this order. Empty for a new catalogue.
    /// </summary>
    public List<InferenceProfileEntry> InferenceProfiles { get; init; } = [];

    /// <summary>
    /// A realistic catalogue: Claude Opus 4.5 (inference profiles only, us./eu./global.), Claude 3.7 Sonnet,
    /// Claude 3.5 Sonnet v2, Claude 3.5 Sonnet v1 (LEGACY), Nova Pro/Lite, Llama 3.1/3.3, Mistral Large, DeepSeek R1
    /// and the embedding models Titan Text Embeddings V2, Cohere Embed English/Multilingual v3 and Cohere Embed v4 (EMBEDDING
    /// output, no streaming).
    /// </summary>
    public static BedrockCatalog CreateDefault(string region = "us-east-1", string accountId = LocalBedrockOptions.DefaultAccountId)
    {
        var catalog = new BedrockCatalog();
        string[] us = ["us-east-1", "us-east-2", "us-west-2"];
        string[] eu = ["eu-central-1", "eu-west-1", "eu-west-3", "eu-north-1"];

        void Model(string id, string name, string provider, string[] inference, string[]? input = null, string[]? output = null,
            bool streaming = true, string lifecycle = "ACTIVE")
        {
            catalog.FoundationModels.Add(new FoundationModelEntry
            {
                ModelId = id,
                ModelName = name,
                ProviderName = provider,
                ModelArn = $"arn:aws:bedrock:{region}::foundation-model/{id}",
                InputModalities = input ?? ["TEXT"],
                OutputModalities = output ?? ["TEXT"],
                ResponseStreamingSupported = streaming,
                InferenceTypesSupported = inference,
                LifecycleStatus = lifecycle,
            });
        }

        void Profile(string geography, string modelId, string name, string[] regions)
        {
            var profileId = $"{geography}.{modelId}";
            var label = geography switch { "us" => "US", "eu" => "EU", "global" => "Global", _ => geography.ToUpperInvariant() };
            catalog.InferenceProfiles.Add(new InferenceProfileEntry
            {
                InferenceProfileId = profileId,
                InferenceProfileName = $"{label} {name}",
                InferenceProfileArn = $"arn:aws:bedrock:{region}:{accountId}:inference-profile/{profileId}",
                Description = $"Routes requests to {name} in {(geography == "global" ? "all commercial regions" : string.Join(", ", regions))}.",
                ModelArns = geography == "global"
                    ? [$"arn:aws:bedrock:::foundation-model/{modelId}"]
                    : Array.ConvertAll(regions, r => $"arn:aws:bedrock:{r}::foundation-model/{modelId}"),
            });
        }

        string[] onDemand = ["ON_DEMAND"];
        string[] profileOnly = ["INFERENCE_PROFILE"];
        string[] both = ["ON_DEMAND", "INFERENCE_PROFILE"];
        string[] textImage = ["TEXT", "IMAGE"];

        Model("anthropic.claude-opus-4-5-20251101-v1:0", "Claude Opus 4.5", "Anthropic", profileOnly, textImage);
        Model("anthropic.claude-3-7-sonnet-20250219-v1:0", "Claude 3.7 Sonnet", "Anthropic", profileOnly, textImage);
        Model("anthropic.claude-3-5-sonnet-20241022-v2:0", "Claude 3.5 Sonnet v2", "Anthropic", both, textImage);
        Model("anthropic.claude-3-5-sonnet-20240620-v1:0", "Claude 3.5 Sonnet", "Anthropic", both, textImage, lifecycle: "LEGACY");
        Model("amazon.nova-pro-v1:0", "Nova Pro", "Amazon", both, ["TEXT", "IMAGE", "VIDEO"]);
        Model("amazon.nova-lite-v1:0", "Nova Lite", "Amazon", both, ["TEXT", "IMAGE", "VIDEO"]);
        Model("meta.llama3-1-70b-instruct-v1:0", "Llama 3.1 70B Instruct", "Meta", both);
        Model("meta.llama3-3-70b-instruct-v1:0", "Llama 3.3 70B Instruct", "Meta", profileOnly);
        Model("mistral.mistral-large-2402-v1:0", "Mistral Large (24.02)", "Mistral AI", onDemand);
        Model("deepseek.r1-v1:0", "DeepSeek-R1", "DeepSeek", profileOnly);
        Model("amazon.titan-embed-text-v2:0", "Titan Text Embeddings V2", "Amazon", onDemand, output: ["EMBEDDING"], streaming: false);
        Model("cohere.embed-english-v3", "Embed English", "Cohere", onDemand, output: ["EMBEDDING"], streaming: false);
        Model("cohere.embed-multilingual-v3", "Embed Multilingual", "Cohere", onDemand, output: ["EMBEDDING"], streaming: false);
        Model("cohere.embed-v4:0", "Embed v4", "Cohere", onDemand, textImage, ["EMBEDDING"], streaming: false);

        Profile("us", "anthropic.claude-opus-4-5-20251101-v1:0", "Claude Opus 4.5", us);
        Profile("eu", "anthropic.claude-opus-4-5-20251101-v1:0", "Claude Opus 4.5", eu);
        Profile("global", "anthropic.claude-opus-4-5-20251101-v1:0", "Claude Opus 4.5", []);
        Profile("us", "anthropic.claude-3-7-sonnet-20250219-v1:0", "Claude 3.7 Sonnet", us);
        Profile("eu", "anthropic.claude-3-7-sonnet-20250219-v1:0", "Claude 3.7 Sonnet", eu);
        Profile("us", "anthropic.claude-3-5-sonnet-20241022-v2:0", "Claude 3.5 Sonnet v2", us);
        Profile("us", "amazon.nova-pro-v1:0", "Nova Pro", us);
        Profile("us", "amazon.nova-lite-v1:0", "Nova Lite", us);
        Profile("us", "meta.llama3-1-70b-instruct-v1:0", "Llama 3.1 70B Instruct", us);
        Profile("us", "meta.llama3-3-70b-instruct-v1:0", "Llama 3.3 70B Instruct", us);
        Profile("us", "deepseek.r1-v1:0", "DeepSeek-R1", us);
        return catalog;
    }
}
