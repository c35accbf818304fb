using Amazon.Runtime;
using Amazon.Runtime.CredentialManagement;

namespace Clawdbot.Sdk;

/// <summary>
/// Turns a named profile of the AWS shared files into credentials and a description of where they come from:
/// static keys, <c>credential_process</c>, IAM Identity Center (<c>sso_session</c> or the legacy <c>sso_start_url</c>),
/// and roles: <c>role_arn</c> with <c>source_profile</c> (chains of them), <c>credential_source</c>
/// (<c>Environment</c>, <c>Ec2InstanceMetadata</c>, <c>EcsContainer</c>) or <c>web_identity_token_file</c>.
/// </summary>
/// <remarks>
/// AWSSDK.Core reads the files and builds keys, process and SSO credentials; roles go through
/// <see cref="AssumedRoleCredentials"/> and <see cref="WebIdentityCredentials"/>. A profile that cannot work without a
/// person (<c>mfa_serial</c>) or that is inconsistent is a <see cref="BedrockException"/> of kind
/// <see cref="BedrockErrorKind.NoCredentials"/> saying what to change.
/// </remarks>
internal sealed class ProfileCredentials(Func<string, string?> environment, StsClientFactory sts)
{
    /// <summary>The credentials of profile <paramref name="name"/>, or null when no file declares it.</summary>
    public ResolvedCredentials? Resolve(string name) => Resolve(name, []);

    private ResolvedCredentials? Resolve(string name, List<string> chain)
    {
        if (!AwsProfileFiles.TryGetProfile(environment, name, out var profile, out var files))
        {
            return null;
        }

        var options = profile.Options;
        if (!string.IsNullOrWhiteSpace(options.RoleArn))
        {
            return AssumeRole(profile, files, chain);
        }

        if (!string.IsNullOrWhiteSpace(options.SsoSession) || !string.IsNullOrWhiteSpace(options.SsoStartUrl))
        {
            return ResolvedCredentials.Sigv4("sso: profile " + name, FromAwsSdk(profile, files), ssoProfile: name);
        }

        if (!string.IsNullOrWhiteSpace(options.CredentialProcess))
        {
            return ResolvedCredentials.Sigv4($"profile {name}: credential_process", FromAwsSdk(profile, files));
        }

        if (!string.IsNullOrWhiteSpace(options.AccessKey) && !string.IsNullOrWhiteSpace(options.SecretKey))
        {
            return ResolvedCredentials.Sigv4("profile: " + name, FromAwsSdk(profile, files));
        }

        throw Unusable(name, "it has no credentials: no aws_access_key_id/aws_secret_access_key, credential_process, sso_session, sso_start_url or role_arn");
    }

    private ResolvedCredentials AssumeRole(CredentialProfile profile, ICredentialProfileSource files, List<string> chain)
    {
        var name = profile.Name;
        var options = profile.Options;
        var roleArn = options.RoleArn.Trim();
        if (!string.IsNullOrWhiteSpace(options.MfaSerial))
        {
            throw Unusable(name, $"it assumes role {roleArn} with mfa_serial, and a library cannot prompt for an MFA code. "
                + $"Get temporary credentials first (for example `aws configure export-credentials --profile {name} --format env`) "
                + "and pass them as AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY/AWS_SESSION_TOKEN, or use a profile without mfa_serial");
        }

        var sessionName = options.RoleSessionName;
        if (!string.IsNullOrWhiteSpace(options.WebIdentityTokenFile))
        {
            return ResolvedCredentials.Sigv4($"profile {name}: web identity {roleArn}",
                new WebIdentityCredentials(options.WebIdentityTokenFile.Trim(), roleArn, sts, sessionName));
        }

        ResolvedCredentials source;
        if (!string.IsNullOrWhiteSpace(options.SourceProfile))
        {
            var sourceName = options.SourceProfile.Trim();
            if (string.Equals(sourceName, name, StringComparison.Ordinal)
                && !string.IsNullOrWhiteSpace(options.AccessKey) && !string.IsNullOrWhiteSpace(options.SecretKey))
            {
                // A profile may be its own source: its keys call AssumeRole.
                source = ResolvedCredentials.Sigv4("profile: " + name, FromAwsSdk(new CredentialProfile(name, new CredentialProfileOptions
                {
                    AccessKey = options.AccessKey,
                    SecretKey = options.SecretKey,
                    Token = options.Token,
                }), files));
            }
            else
            {
                if (chain.Contains(sourceName, StringComparer.Ordinal) || string.Equals(sourceName, name, StringComparison.Ordinal))
                {
                    throw Unusable(name, "its source_profile chain loops: " + string.Join(" -> ", [.. chain, name, sourceName]));
                }

                source = Resolve(sourceName, [.. chain, name])
                    ?? throw Unusable(name, $"its source_profile '{sourceName}' is not declared in the shared credentials or config file");
            }
        }
        else if (!string.IsNullOrWhiteSpace(options.CredentialSource))
        {
            source = CredentialSource(name, options.CredentialSource.Trim());
        }
        else
        {
            throw Unusable(name, $"it has role_arn {roleArn} but neither source_profile, credential_source nor web_identity_token_file");
        }

        var credentials = new AssumedRoleCredentials(source.AwsCredentials!, roleArn, sts, sessionName, options.ExternalID);
        return ResolvedCredentials.Sigv4($"profile {name}: assume role {roleArn} (source: {source.Source})", credentials, source.SsoProfile);
    }

    private ResolvedCredentials CredentialSource(string name, string credentialSource)
    {
        switch (credentialSource)
        {
            case "Environment":
                var accessKey = environment("AWS_ACCESS_KEY_ID");
                var secretKey = environment("AWS_SECRET_ACCESS_KEY");
                if (string.IsNullOrWhiteSpace(accessKey) || string.IsNullOrWhiteSpace(secretKey))
                {
                    throw Unusable(name, "its credential_source is Environment, but AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY are not set");
                }

                var token = environment("AWS_SESSION_TOKEN");
                return ResolvedCredentials.Sigv4("env: AWS_ACCESS_KEY_ID", string.IsNullOrWhiteSpace(token)
                    ? new BasicAWSCredentials(accessKey.Trim(), secretKey.Trim())
                    : new SessionAWSCredentials(accessKey.Trim(), secretKey.Trim(), token.Trim()));
            case "Ec2InstanceMetadata":
                return ResolvedCredentials.Sigv4("instance role", new DeferredCredentials(static () => new InstanceProfileAWSCredentials()));
            case "EcsContainer":
                return ResolvedCredentials.Sigv4("container credentials", new DeferredCredentials(static () => new GenericContainerCredentials()));
            default:
                throw Unusable(name, $"its credential_source '{credentialSource}' is not one of Environment, Ec2InstanceMetadata, EcsContainer");
        }
    }

    private static AWSCredentials FromAwsSdk(CredentialProfile profile, ICredentialProfileSource files)
    {
        try
        {
            return profile.GetAWSCredentials(files);
        }
        catch (Exception ex) when (ex is InvalidDataException or InvalidOperationException or ArgumentException or AmazonClientException)
        {
            throw Unusable(profile.Name, ServiceMessage.Scrub(ex.Message) ?? ex.GetType().Name);
        }
    }

    private static BedrockException Unusable(string profile, string why)
        => new(BedrockErrorKind.NoCredentials, $"AWS profile '{profile}' cannot be used: {why}.");
}
