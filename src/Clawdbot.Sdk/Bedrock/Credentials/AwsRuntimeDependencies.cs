using Amazon;
using Amazon.Runtime;
using Amazon.RuntimeDependencies;
using Amazon.SecurityToken;
using Amazon.SSO;
using Amazon.SSOOIDC;

namespace Clawdbot.Sdk;

/// <summary>
/// Registers the STS, SSO and SSO OIDC clients that AWSSDK.Core's credential providers otherwise load by reflection,
/// which Native AOT trims away (IAM Identity Center profiles; web identity and roles that AWSSDK.Core's own default
/// chain assumes). Each factory builds a client of the region the provider asks for, with no credentials of its own:
/// these calls are unsigned or carry their own token.
/// </summary>
/// <remarks>
/// The registry is AWSSDK.Core's and process-wide; this registers once per process and leaves alone a client the
/// application registered itself.
/// </remarks>
internal static class AwsRuntimeDependencies
{
    private static int _registered;

    public static void EnsureRegistered()
    {
        if (Interlocked.Exchange(ref _registered, 1) != 0)
        {
            return;
        }

        var registry = GlobalRuntimeDependencyRegistry.Instance;
        var probeRegion = RegionEndpoint.USEast1;
        if (!IsRegistered(registry, "AWSSDK.SecurityToken", "Amazon.SecurityToken.AmazonSecurityTokenServiceClient", new CreateInstanceContext(
                new SecurityTokenServiceClientContext { Action = SecurityTokenServiceClientContext.ActionContext.AssumeRoleWithWebIdentityCredentials, Region = probeRegion })))
        {
            registry.RegisterSecurityTokenServiceClient(static context => StsFor(context.SecurityTokenServiceClientContextData));
        }

        if (!IsRegistered(registry, "AWSSDK.SSO", "Amazon.SSO.AmazonSSOClient", new CreateInstanceContext(new SSOClientContext { Region = probeRegion })))
        {
            registry.RegisterSSOClient(static context =>
                new AmazonSSOClient(new AnonymousAWSCredentials(), new AmazonSSOConfig { RegionEndpoint = context.SSOClientContextData.Region }));
        }

        if (!IsRegistered(registry, "AWSSDK.SSOOIDC", "Amazon.SSOOIDC.AmazonSSOOIDCClient", new CreateInstanceContext(new SSOOIDCClientContext { Region = probeRegion })))
        {
            registry.RegisterSSOOIDCClient(static context =>
                new AmazonSSOOIDCClient(new AnonymousAWSCredentials(), new AmazonSSOOIDCConfig { RegionEndpoint = context.SSOOIDCClientContextData.Region }));
        }
    }

    private static AmazonSecurityTokenServiceClient? StsFor(SecurityTokenServiceClientContext context)
        // AssumeRole needs the caller's source credentials, which the registry does not pass: left to AWSSDK.Core
        // (reflection in the JIT build). Profiles' roles never get here: ProfileCredentials assumes them itself.
        => context.Action == SecurityTokenServiceClientContext.ActionContext.AssumeRoleAWSCredentials
            ? null
            : new AmazonSecurityTokenServiceClient(new AnonymousAWSCredentials(), new AmazonSecurityTokenServiceConfig { RegionEndpoint = context.Region });

    /// <summary>Whether the application registered a client itself (the registry only answers by creating one).</summary>
    private static bool IsRegistered(GlobalRuntimeDependencyRegistry registry, string assembly, string type, CreateInstanceContext context)
    {
        var existing = registry.GetInstance<object>(assembly, type, context);
        (existing as IDisposable)?.Dispose();
        return existing is not null;
    }
}
