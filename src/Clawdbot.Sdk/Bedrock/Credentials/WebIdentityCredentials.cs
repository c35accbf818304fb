using Amazon.Runtime;
using Amazon.SecurityToken.Model;

namespace Clawdbot.Sdk;

/// <summary>
/// Credentials of a role assumed with a web identity token (EKS service accounts, CI OIDC): STS
/// <c>AssumeRoleWithWebIdentity</c>, unsigned, with the token read again from its file at every refresh (the
/// platform rotates it), 15 minutes before the credentials expire.
/// </summary>
/// <remarks>Written for the same reason as <see cref="AssumedRoleCredentials"/>: one path in the JIT and Native AOT builds.</remarks>
internal sealed class WebIdentityCredentials : RefreshingAWSCredentials
{
    private readonly string _tokenFile;
    private readonly StsClientFactory _sts;
    private readonly string _sessionName;

    public WebIdentityCredentials(string tokenFile, string roleArn, StsClientFactory sts, string? sessionName)
    {
        _tokenFile = tokenFile;
        RoleArn = roleArn;
        _sts = sts;
        _sessionName = sts.SessionName(sessionName);
        PreemptExpiryTime = TimeSpan.FromMinutes(15);
    }

    public string RoleArn { get; }

    protected override CredentialsRefreshState GenerateNewCredentials() => GenerateNewCredentialsAsync().GetAwaiter().GetResult();

    protected override async Task<CredentialsRefreshState> GenerateNewCredentialsAsync()
    {
        string token;
        try
        {
            token = (await File.ReadAllTextAsync(_tokenFile).ConfigureAwait(false)).Trim();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new InvalidOperationException($"The web identity token file {_tokenFile} cannot be read: {ex.Message}", ex);
        }

        using var client = _sts.Create(new AnonymousAWSCredentials());
        var response = await client.AssumeRoleWithWebIdentityAsync(new AssumeRoleWithWebIdentityRequest
        {
            RoleArn = RoleArn,
            RoleSessionName = _sessionName,
            WebIdentityToken = token,
        }).ConfigureAwait(false);
        return StsCredentials.RefreshState(response.Credentials, "AssumeRoleWithWebIdentity " + RoleArn);
    }
}
