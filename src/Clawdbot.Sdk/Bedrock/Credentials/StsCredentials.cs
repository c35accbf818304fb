using Amazon.Runtime;

namespace Clawdbot.Sdk;

internal static class StsCredentials
{
    /// <summary>STS's temporary credentials as a refresh state; an answer without them is an error naming the call.</summary>
    public static RefreshingAWSCredentials.CredentialsRefreshState RefreshState(Amazon.SecurityToken.Model.Credentials? credentials, string call)
    {
        if (credentials?.AccessKeyId is not { Length: > 0 } || credentials.SecretAccessKey is not { Length: > 0 } || credentials.Expiration is not { } expiration)
        {
            throw new InvalidOperationException($"STS {call} answered without temporary credentials.");
        }

        return new RefreshingAWSCredentials.CredentialsRefreshState(
            new ImmutableCredentials(credentials.AccessKeyId, credentials.SecretAccessKey, credentials.SessionToken),
            expiration.ToUniversalTime());
    }
}
