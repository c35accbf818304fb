namespace Clawdbot.Sdk.Testing;

/// <summary>One inference profile as <c>GET /inference-profiles</c> describes it.</summary>
public sealed record InferenceProfileEntry
{
    /// <summary>For example <c>us.anthropic.claude-opus-4-5-20251101-v1:0</c>.</summary>
    public required string InferenceProfileId { get; init; }

    /// <summary>The display name Bedrock lists, for example <c>US Anthropic Claude Opus 4.5</c>.</summary>
    public required string InferenceProfileName { get; init; }

    /// <summary>
    /// Defaults to <c>arn:aws:bedrock:{region}:{account}:inference-profile/{InferenceProfileId}</c>, or
    /// <c>…:application-inference-profile/{InferenceProfileId}</c> for an <c>APPLICATION</c> profile.
    /// </summary>
    public string? InferenceProfileArn { get; init; }

    /// <summary>Free text Bedrock lists with the profile. Default: empty.</summary>
    public string Description { get; init; } = "";

    /// <summary><c>ACTIVE</c> (the default); discovery ignores a profile with any other status.</summary>
    public string Status { get; init; } = "ACTIVE";

    /// <summary>
    /// <c>SYSTEM_DEFINED</c> or <c>APPLICATION</c> (one an account made, answered by <c>GET /inference-profiles/{arn}</c>;
    /// its <see cref="ModelArns"/> name the model behind it).
    /// </summary>
    public string Type { get; init; } = "SYSTEM_DEFINED";

    /// <summary>Listed as <c>createdAt</c>, an RFC 3339 date-time as Bedrock sends it (a fixed, made-up date by default).</summary>
    public DateTimeOffset CreatedAt { get; init; } = DefaultTimestamp;

    /// <summary>Listed as <c>updatedAt</c>, like <see cref="CreatedAt"/>.</summary>
    public DateTimeOffset UpdatedAt { get; init; } = DefaultTimestamp;

    private static DateTimeOffset DefaultTimestamp => new(2024, 8, 26, 18, 0, 0, TimeSpan.Zero);

    /// <summary>The ARNs of the foundation models the profile routes to.</summary>
    public required IReadOnlyList<string> ModelArns { get; init; }
}
