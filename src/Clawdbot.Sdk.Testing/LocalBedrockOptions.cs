namespace Clawdbot.Sdk.Testing;

/// <summary>How a <see cref="LocalBedrock"/> is set up. Every default is a fixed, obviously fake test value.</summary>
public sealed class LocalBedrockOptions
{
    public const string DefaultAccessKeyId = "AKIDLOCALBEDROCKTEST";
    public const string DefaultSecretAccessKey = "local-bedrock-test-secret-not-a-real-key";
    public const string DefaultBearerToken = "local-bedrock-test-bearer-token";
    public const string DefaultAccountId = "123456789012";

    /// <summary>The signing region requests must be scoped to.</summary>
    public string Region { get; set; } = "us-east-1";

    public string AccessKeyId { get; set; } = DefaultAccessKeyId;

    public string SecretAccessKey { get; set; } = DefaultSecretAccessKey;

    /// <summary>When set, SigV4 requests must carry it in <c>x-amz-security-token</c>.</summary>
    public string? SessionToken { get; set; }

    /// <summary>The Bedrock API key accepted as <c>Authorization: Bearer</c>.</summary>
    public string BearerToken { get; set; } = DefaultBearerToken;

    public string AccountId { get; set; } = DefaultAccountId;

    /// <summary>How far <c>x-amz-date</c> may be from the emulator's clock, as AWS allows (5 minutes).</summary>
    public TimeSpan MaxClockSkew { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>The clock used for the skew check and request timestamps.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>The control-plane catalogue; <see cref="BedrockCatalog.CreateDefault"/> when null.</summary>
    public BedrockCatalog? Catalog { get; set; }

    /// <summary>Seed of the random padding field <c>"p"</c> added to event payloads, so runs are reproducible.</summary>
    public int PaddingSeed { get; set; } = 20251101;
}
