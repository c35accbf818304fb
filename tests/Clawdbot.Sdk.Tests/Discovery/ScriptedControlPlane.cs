namespace Clawdbot.Sdk.Tests.Discovery;

/// <summary>A control plane answering from lists in memory, in pages, counting calls; can hold or fail calls.</summary>
internal sealed class ScriptedControlPlane : IBedrockControlPlane
{
    private int _foundationModelCalls;
    private int _profileCalls;

    public string Region { get; init; } = "us-east-1";

    public Uri Endpoint { get; init; } = new("https://bedrock.us-east-1.amazonaws.com");

    public string? CredentialIdentity { get; init; } = "AKIDEXAMPLE";

    public List<FoundationModelSummary> FoundationModels { get; } = [];

    public List<InferenceProfileSummary> Profiles { get; } = [];

    public int PageSize { get; init; } = 2;

    /// <summary>When set, every call waits for it first.</summary>
    public TaskCompletionSource? Gate { get; set; }

    /// <summary>When set, ListFoundationModels throws it.</summary>
    public Exception? Failure { get; set; }

    /// <summary>Complete listings served: one per ListFoundationModels first page.</summary>
    public int Listings => Volatile.Read(ref _foundationModelCalls);

    public int ProfilePageCalls => Volatile.Read(ref _profileCalls);

    public List<string?> ProfileTokens { get; } = [];

    public ValueTask<string?> GetCredentialIdentityAsync(CancellationToken cancellationToken) => ValueTask.FromResult(CredentialIdentity);

    public async Task<FoundationModelsPage> ListFoundationModelsAsync(string? nextToken, CancellationToken cancellationToken)
    {
        if (nextToken is null)
        {
            Interlocked.Increment(ref _foundationModelCalls);
        }

        if (Gate is { } gate)
        {
            await gate.Task.WaitAsync(cancellationToken);
        }

        if (Failure is { } failure)
        {
            throw failure;
        }

        var (items, next) = Page(FoundationModels, nextToken);
        return new FoundationModelsPage { ModelSummaries = items, NextToken = next };
    }

    public Task<InferenceProfilesPage> ListInferenceProfilesAsync(string? nextToken, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _profileCalls);
        lock (ProfileTokens)
        {
            ProfileTokens.Add(nextToken);
        }

        var (items, next) = Page(Profiles, nextToken);
        return Task.FromResult(new InferenceProfilesPage { InferenceProfileSummaries = items, NextToken = next });
    }

    public Task<InferenceProfileSummary> GetInferenceProfileAsync(string identifier, CancellationToken cancellationToken)
    {
        var profile = Profiles.FirstOrDefault(p => p.InferenceProfileId == identifier || p.InferenceProfileArn == identifier);
        return profile is not null
            ? Task.FromResult(profile)
            : Task.FromException<InferenceProfileSummary>(new BedrockException(BedrockErrorKind.ResourceNotFound, "GetInferenceProfile failed (404 ResourceNotFoundException): no such profile") { StatusCode = 404 });
    }

    private (List<T> Items, string? Next) Page<T>(List<T> all, string? token)
    {
        var start = token is null ? 0 : int.Parse(token.AsSpan("page-".Length));
        var items = all.Skip(start).Take(PageSize).ToList();
        var next = start + PageSize < all.Count ? "page-" + (start + PageSize) : null;
        return (items, next);
    }

    public static FoundationModelSummary Model(
        string id,
        string? name = null,
        string provider = "Anthropic",
        string[]? input = null,
        string[]? output = null,
        bool? streaming = true,
        string status = "ACTIVE",
        string[]? inference = null) => new()
    {
        ModelId = id,
        ModelArn = "arn:aws:bedrock:us-east-1::foundation-model/" + id,
        ModelName = name,
        ProviderName = provider,
        InputModalities = [.. input ?? ["TEXT"]],
        OutputModalities = [.. output ?? ["TEXT"]],
        ResponseStreamingSupported = streaming,
        InferenceTypesSupported = [.. inference ?? ["ON_DEMAND"]],
        ModelLifecycle = new FoundationModelLifecycle { Status = status },
    };

    public static InferenceProfileSummary Profile(string id, string modelId, string? name = null, string status = "ACTIVE") => new()
    {
        InferenceProfileId = id,
        InferenceProfileName = name,
        InferenceProfileArn = "arn:aws:bedrock:us-east-1:123456789012:inference-profile/" + id,
        Status = status,
        Type = "SYSTEM_DEFINED",
        Models =
        [
            new InferenceProfileModel { ModelArn = "arn:aws:bedrock:us-east-1::foundation-model/" + modelId },
            new InferenceProfileModel { ModelArn = "arn:aws:bedrock:us-west-2::foundation-model/" + modelId },
        ],
    };
}
