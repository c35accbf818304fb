using Amazon;
using Amazon.Runtime;
using Amazon.SecurityToken;

namespace Clawdbot.Sdk;

/// <summary>
/// Creates the STS clients that assume roles for a Bedrock client: in the Bedrock client's region (STS's regional
/// endpoint), at <c>AWS_ENDPOINT_URL_STS</c> or <c>AWS_ENDPOINT_URL</c> when the client's environment sets one.
/// </summary>
internal sealed class StsClientFactory(string region, Func<string, string?> environment)
{
    public AmazonSecurityTokenServiceClient Create(AWSCredentials credentials)
    {
        var config = new AmazonSecurityTokenServiceConfig();
        var endpoint = NonBlank(environment("AWS_ENDPOINT_URL_STS")) ?? NonBlank(environment("AWS_ENDPOINT_URL"));
        if (endpoint is null)
        {
            config.RegionEndpoint = RegionEndpoint.GetBySystemName(region);
        }
        else
        {
            config.ServiceURL = endpoint;
            config.AuthenticationRegion = region;
        }

        return new AmazonSecurityTokenServiceClient(credentials, config);
    }

    /// <summary>The session name AWS CLIs use when none is configured: <c>AWS_ROLE_SESSION_NAME</c>, else a unique one.</summary>
    public string SessionName(string? configured)
        => NonBlank(configured) ?? NonBlank(environment("AWS_ROLE_SESSION_NAME")) ?? "clawdbot-sdk-" + DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();

    private static string? NonBlank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
