using Amazon.Runtime.CredentialManagement;

namespace Clawdbot.Sdk;

/// <summary>
/// Opens the AWS shared credentials and config files. <c>AWS_SHARED_CREDENTIALS_FILE</c> (else
/// <c>$HOME/.aws/credentials</c>) is read from the client's environment; the config file is the one AWSSDK.Core finds
/// (<c>AWS_CONFIG_FILE</c> of the process, else beside the user's home), since it offers no way to name it.
/// </summary>
internal static class AwsProfileFiles
{
    /// <summary>The profile named <paramref name="name"/>, or false when neither file declares it or they cannot be read.</summary>
    public static bool TryGetProfile(Func<string, string?> environment, string name, out CredentialProfile profile, out ICredentialProfileSource source)
    {
        var path = CredentialsFilePath(environment);
        try
        {
            var file = path is null ? new SharedCredentialsFile() : new SharedCredentialsFile(path);
            source = file;
            return file.TryGetProfile(name, out profile);
        }
        catch (Exception ex) when (ex is Amazon.Runtime.AmazonClientException or IOException or UnauthorizedAccessException or InvalidOperationException or ArgumentException)
        {
            profile = null!;
            source = null!;
            return false;
        }
    }

    /// <summary>The region a profile names, or null.</summary>
    public static string? RegionOf(Func<string, string?> environment, string? name)
        => TryGetProfile(environment, name ?? SharedCredentialsFile.DefaultProfileName, out var profile, out _) ? profile.Region?.SystemName : null;

    /// <summary><c>AWS_SHARED_CREDENTIALS_FILE</c>, else <c>$HOME/.aws/credentials</c>, read from the given environment.</summary>
    public static string? CredentialsFilePath(Func<string, string?> environment)
    {
        var explicitFile = NonBlank(environment(SharedCredentialsFile.SharedCredentialsFileEnvVar));
        if (explicitFile is not null)
        {
            return explicitFile;
        }

        var home = NonBlank(environment("HOME")) ?? NonBlank(environment("USERPROFILE"));
        return home is null ? null : Path.Combine(home, ".aws", "credentials");
    }

    private static string? NonBlank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
