using System.Runtime.CompilerServices;

namespace Clawdbot.Sdk.Tests;

/// <summary>
/// AWSSDK.Core's default chain reads the process environment (not <c>BedrockClientOptions.Environment</c>) and caches
/// the metadata endpoint on first use, so before any test runs: the instance metadata service is the silent loopback
/// listener (no test ever reaches a real IMDS), and the machine's own AWS credentials are out of reach.
/// </summary>
internal static class AwsSdkProcessIsolation
{
    private static readonly string[] CredentialVariables =
    [
        "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_PROFILE", "AWS_DEFAULT_PROFILE",
        "AWS_BEARER_TOKEN_BEDROCK", "AWS_WEB_IDENTITY_TOKEN_FILE", "AWS_ROLE_ARN",
        "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI", "AWS_CONTAINER_CREDENTIALS_FULL_URI", "AWS_CONTAINER_AUTHORIZATION_TOKEN",
        "AWS_EC2_METADATA_DISABLED", "AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE",
    ];

    [ModuleInitializer]
    internal static void Isolate()
    {
        foreach (var name in CredentialVariables)
        {
            Environment.SetEnvironmentVariable(name, null);
        }

        var nowhere = Path.Combine(Path.GetTempPath(), "clawdbot-tests-no-aws-" + Guid.NewGuid().ToString("N"));
        Environment.SetEnvironmentVariable("AWS_SHARED_CREDENTIALS_FILE", Path.Combine(nowhere, "credentials"));
        Environment.SetEnvironmentVariable("AWS_CONFIG_FILE", Path.Combine(nowhere, "config"));
        Environment.SetEnvironmentVariable("AWS_EC2_METADATA_SERVICE_ENDPOINT", SilentMetadataService.Instance.Endpoint.ToString());
    }
}
