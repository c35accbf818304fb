using Amazon.Runtime;

namespace Clawdbot.Sdk;

/// <summary>What a request is authenticated with: SigV4 credentials or a bearer token, and where it came from.</summary>
internal sealed class ResolvedCredentials
{
    private ResolvedCredentials(string source, AWSCredentials? credentials, string? bearerToken)
    {
        Source = source;
        AwsCredentials = credentials;
        BearerToken = bearerToken;
    }

    /// <summary>Names the source (<c>env: AWS_ACCESS_KEY_ID</c>, <c>profile: dev</c>, …), never the secret.</summary>
    public string Source { get; }

    public AWSCredentials? AwsCredentials { get; }

    public string? BearerToken { get; }

    public static ResolvedCredentials Sigv4(string source, AWSCredentials credentials) => new(source, credentials, null);

    public static ResolvedCredentials Bearer(string source, string token) => new(source, null, token);

    public override string ToString() => Source;
}
