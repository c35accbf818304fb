using Amazon.Runtime;
using Amazon.SecurityToken.Model;

namespace Clawdbot.Sdk;

/// <summary>
/// Credentials of an assumed role (a profile's <c>role_arn</c>), refreshed by STS <c>AssumeRole</c> 15 minutes before
/// they expire, signed with the source credentials.
/// </summary>
/// <remarks>
/// AWSSDK.Core's own <c>AssumeRoleAWSCredentials</c> finds its STS client by reflection, which Native AOT trims away,
/// and its AOT alternative (a client registered process-wide) cannot carry each profile's source credentials; this
/// class calls the STS client of AWSSDK.SecurityToken directly, the same way in both builds.
/// </remarks>
internal sealed class AssumedRoleCredentials : RefreshingAWSCredentials
{
    private readonly AWSCredentials _source;
    private readonly StsClientFactory _sts;
    private readonly string _sessionName;
    private readonly string? _externalId;

    public AssumedRoleCredentials(AWSCredentials source, string roleArn, StsClientFactory sts, string? sessionName, string? externalId)
    {
        _source = source;
        RoleArn = roleArn;
        _sts = sts;
        _sessionName = sts.SessionName(sessionName);
        _externalId = string.IsNullOrWhiteSpace(externalId) ? null : externalId;
        PreemptExpiryTime = TimeSpan.FromMinutes(15);
    }

    public string RoleArn { get; }

    protected override CredentialsRefreshState GenerateNewCredentials() => GenerateNewCredentialsAsync().GetAwaiter().GetResult();

    protected override async Task<CredentialsRefreshState> GenerateNewCredentialsAsync()
    {
        using var client = _sts.Create(_source);
        var response = await client.AssumeRoleAsync(new AssumeRoleRequest
        {
            RoleArn = RoleArn,
            RoleSessionName = _sessionName,
            ExternalId = _externalId,
        }).ConfigureAwait(false);
        return StsCredentials.RefreshState(response.Credentials, "AssumeRole " + RoleArn);
    }
}
