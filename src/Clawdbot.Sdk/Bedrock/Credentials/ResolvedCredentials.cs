using Amazon.Runtime;

namespace Clawdbot.Sdk;

/// <summary>What a request is authenticated with: SigV4 credentials or a bearer token, and where it came from.</summary>
internal sealed class ResolvedCredentials
{
    private ResolvedCredentials(string source, AWSCredentials? credentials, string? bearerToken, string? ssoProfile)
    {
        Source = source;
        AwsCredentials = credentials;
        BearerToken = bearerToken;
        SsoProfile = ssoProfile;
    }

    /// <summary>Names the source (<c>env: AWS_ACCESS_KEY_ID</c>, <c>profile: dev</c>, …), never the secret.</summary>
    public string Source { get; }

    public AWSCredentials? AwsCredentials { get; }

    public string? BearerToken { get; }

    /// <summary>The IAM Identity Center profile the credentials depend on, if any: its token is renewed by <c>aws sso login</c>.</summary>
    public string? SsoProfile { get; }

    /// <summary>True unless the credentials are fixed keys: the others are fetched, and fetched again before they expire.</summary>
    public bool Refreshes => AwsCredentials is not (null or BasicAWSCredentials or SessionAWSCredentials);

    public static ResolvedCredentials Sigv4(string source, AWSCredentials credentials, string? ssoProfile = null) => new(source, credentials, null, ssoProfile);

    public static ResolvedCredentials Bearer(string source, string token) => new(source, null, token, null);

    public override string ToString() => Source;
}
