namespace Clawdbot.Sdk.Testing;

/// <summary>How a <see cref="LocalBedrock"/> is set up. Every default is a fixed, obviously fake test value.</summary>
public sealed class LocalBedrockOptions
{
    /// <summary>The default <see cref="AccessKeyId"/>: a fixed fake key id.</summary>
    public const string DefaultAccessKeyId = "AKIDLOCALBEDROCKTEST";
    /// <summary>The default <see cref="SecretAccessKey"/>: a fixed fake secret.</summary>
    public const string DefaultSecretAccessKey = "local-bedrock-test-secret-not-a-real-key";
    /// <summary>The default <see cref="BearerToken"/>: a fixed fake Bedrock API key.</summary>
    public const string DefaultBearerToken = "local-bedrock-test-bearer-token";
    /// <summary>The default <see cref="AccountId"/>, the 12-digit account AWS documentation uses in examples.</summary>
    public const string DefaultAccountId = "123456789012";

    /// <summary>The default <see cref="ContainerAuthorizationToken"/>.</summary>
    public const string DefaultContainerAuthorizationToken = "local-bedrock-test-container-authorization-token";

    /// <summary>The default <see cref="InstanceRoleName"/>.</summary>
    public const string DefaultInstanceRoleName = "local-bedrock-instance-role";

    /// <summary>The signing region requests must be scoped to.</summary>
    public string Region { get; set; } = "us-east-1";

    /// <summary>The access key id SigV4 requests must be signed with. Default: <see cref="DefaultAccessKeyId"/>.</summary>
    public string AccessKeyId { get; set; } = DefaultAccessKeyId;

    /// <summary>
    /// The secret key the emulator verifies SigV4 signatures with. Default: <see cref="DefaultSecretAccessKey"/>.
    /// </summary>
    public string SecretAccessKey { get; set; } = DefaultSecretAccessKey;

    /// <summary>When set, SigV4 requests must carry it in <c>x-amz-security-token</c>.</summary>
    public string? SessionToken { get; set; }

    /// <summary>The Bedrock API key accepted as <c>Authorization: Bearer</c>.</summary>
    public string BearerToken { get; set; } = DefaultBearerToken;

    /// <summary>
    /// The AWS account the emulator serves: it appears in ARNs, in <c>GetCallerIdentity</c> and in issued role
    /// credentials. Default: <see cref="DefaultAccountId"/>.
    /// </summary>
    public string AccountId { get; set; } = DefaultAccountId;

    /// <summary>How far <c>x-amz-date</c> may be from the emulator's clock, as AWS allows (5 minutes).</summary>
    public TimeSpan MaxClockSkew { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// The emulator's clock: the SigV4 skew check, request timestamps, the expiry of issued credentials and tokens, and
    /// the scripted delays (<see cref="StreamScript.DelayFirstByte"/>, <see cref="StreamScript.DelayBetweenEvents"/>).
    /// Give it a fake clock (e.g. <c>FakeTimeProvider</c>, shared with the client's
    /// <c>BedrockClientOptions.TimeProvider</c>) and a delay ends when the test advances that clock, not after real
    /// time. A delay still ends at once when the client disconnects or the emulator is disposed. Default:
    /// <see cref="TimeProvider.System"/>.
    /// </summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>The control-plane catalogue; <see cref="BedrockCatalog.CreateDefault"/> when null.</summary>
    public BedrockCatalog? Catalog { get; set; }

    /// <summary>
    /// How long the temporary credentials the identity endpoints issue (STS, IAM Identity Center, instance metadata,
    /// container credentials) and the SSO access tokens <c>CreateToken</c> issues stay valid, on
    /// <see cref="TimeProvider"/>'s clock. An <c>AssumeRole</c> or <c>AssumeRoleWithWebIdentity</c> call that sends
    /// <c>DurationSeconds</c> gets that instead, as from STS. Default: 1 hour.
    /// </summary>
    public TimeSpan TemporaryCredentialLifetime { get; set; } = TimeSpan.FromHours(1);

    /// <summary>
    /// The token the container credentials endpoint requires in <c>Authorization</c>: what
    /// <c>AWS_CONTAINER_AUTHORIZATION_TOKEN</c> carries (see <see cref="LocalBedrock.ContainerCredentialsUri"/>).
    /// </summary>
    public string ContainerAuthorizationToken { get; set; } = DefaultContainerAuthorizationToken;

    /// <summary>The IAM role the instance metadata service lists under <c>iam/security-credentials/</c>.</summary>
    public string InstanceRoleName { get; set; } = DefaultInstanceRoleName;

    /// <summary>Seed of the random padding field <c>"p"</c> added to event payloads, so runs are reproducible.</summary>
    public int PaddingSeed { get; set; } = 20251101;
}
