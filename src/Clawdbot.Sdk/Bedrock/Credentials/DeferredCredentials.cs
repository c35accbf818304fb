using Amazon.Runtime;

namespace Clawdbot.Sdk;

/// <summary>
/// Credentials created on first use: AWSSDK.Core's instance-role and container providers look for their endpoint
/// (and the instance metadata service for the role name) as they are constructed, which a profile's
/// <c>credential_source</c> must not do before a call needs them, nor on the caller's thread.
/// </summary>
internal sealed class DeferredCredentials(Func<AWSCredentials> create) : AWSCredentials
{
    private readonly Lazy<AWSCredentials> _credentials = new(create, LazyThreadSafetyMode.ExecutionAndPublication);

    public override ImmutableCredentials GetCredentials() => _credentials.Value.GetCredentials();

    public override async Task<ImmutableCredentials> GetCredentialsAsync()
    {
        var credentials = _credentials.IsValueCreated
            ? _credentials.Value
            : await Task.Run(() => _credentials.Value).ConfigureAwait(false);
        return await credentials.GetCredentialsAsync().ConfigureAwait(false);
    }
}
