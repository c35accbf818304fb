namespace Clawdbot.Sdk.Testing;

/// <summary>
/// Temporary credentials a <see cref="LocalBedrock"/> identity endpoint issued (never the secret or the session token).
/// The emulator accepts them for SigV4 calls, Bedrock and STS alike, until <see cref="Expiration"/>.
/// </summary>
/// <param name="AccessKeyId">The access key id, <c>ASIA</c> followed by 16 random characters.</param>
/// <param name="Arn">The principal the credentials act as, e.g. <c>arn:aws:sts::123456789012:assumed-role/Reader/session</c>.</param>
/// <param name="Operation">
/// What issued them: <c>AssumeRole</c>, <c>AssumeRoleWithWebIdentity</c>, <c>GetRoleCredentials</c>,
/// <c>InstanceMetadataCredentials</c> or <c>ContainerCredentials</c>.
/// </param>
/// <param name="Expiration">When they stop being accepted, on <see cref="LocalBedrockOptions.TimeProvider"/>'s clock.</param>
public sealed record IssuedCredential(string AccessKeyId, string Arn, string Operation, DateTimeOffset Expiration);
