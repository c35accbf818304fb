using Amazon.Runtime;

namespace Clawdbot.Sdk;

/// <summary>
/// Sits before the SigV4 signer for credentials that expire: gets them (AWSSDK.Core refreshes them ahead of expiry)
/// under the call's own timeouts and token, so the signer then reads them from the cache, and turns a failed refresh
/// into a <see cref="BedrockException"/> of kind <see cref="BedrockErrorKind.NoCredentials"/> naming the source.
/// </summary>
/// <remarks>AWSSDK.Core's <c>GetCredentialsAsync</c> takes no token; an abandoned refresh finishes on its own.</remarks>
internal sealed class CredentialRefreshHandler(ResolvedCredentials credentials, HttpMessageHandler inner) : DelegatingHandler(inner)
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        try
        {
            await credentials.AwsCredentials!.GetCredentialsAsync().WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException and not BedrockException)
        {
            throw RefreshFailed(credentials, ex);
        }

        return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
    }

    internal static BedrockException RefreshFailed(ResolvedCredentials credentials, Exception failure)
    {
        var reason = ServiceMessage.Scrub(Innermost(failure).Message) ?? failure.GetType().Name;
        var advice = credentials.SsoProfile is { } profile
            ? $" The IAM Identity Center session may have expired: run `aws sso login --profile {profile}`."
            : string.Empty;
        return new BedrockException(BedrockErrorKind.NoCredentials,
            $"Could not get AWS credentials from {credentials.Source}: {reason}{advice}", failure);
    }

    private static Exception Innermost(Exception exception)
    {
        // AWSSDK.Core wraps provider failures (an STS or SSO error, a process that failed) in AmazonClientException.
        while (exception is AmazonClientException { InnerException: { } inner } && exception is not AmazonServiceException)
        {
            exception = inner;
        }

        return exception;
    }
}
