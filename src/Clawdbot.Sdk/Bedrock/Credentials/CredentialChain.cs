using Amazon.Runtime;
using Amazon.Runtime.CredentialManagement;
using Amazon.Runtime.Credentials;

namespace Clawdbot.Sdk;

/// <summary>
/// Finds credentials in the order Clawdbot uses: explicit options, the provider's API key,
/// <c>AWS_BEARER_TOKEN_BEDROCK</c>, <c>AWS_ACCESS_KEY_ID</c>/<c>AWS_SECRET_ACCESS_KEY</c>, the profile named by the
/// options or <c>AWS_PROFILE</c> (else <c>default</c>, when declared; any kind: keys, roles, SSO, process), web identity
/// (<c>AWS_WEB_IDENTITY_TOKEN_FILE</c> + <c>AWS_ROLE_ARN</c>), then the rest of AWSSDK.Core's default chain (container
/// credentials, EC2 instance role) bounded by a timeout.
/// </summary>
internal sealed class CredentialChain
{
    private readonly BedrockClientOptions _options;
    private readonly Func<string, string?> _environment;
    private readonly string? _configApiKey;
    private readonly string? _configApiKeySource;
    private readonly StsClientFactory _sts;
    private readonly ProfileCredentials _profiles;

    /// <param name="options">The client's options (its environment, profile, timeouts).</param>
    /// <param name="region">The client's region: roles are assumed through STS in it.</param>
    /// <param name="configApiKey">The provider's <c>apiKey</c>, if any.</param>
    /// <param name="configApiKeySource">Where that key was written, for <see cref="ResolvedCredentials.Source"/>.</param>
    public CredentialChain(BedrockClientOptions options, string region, string? configApiKey = null, string? configApiKeySource = null)
    {
        _options = options;
        _environment = options.Environment;
        _configApiKey = configApiKey;
        _configApiKeySource = configApiKeySource;
        _sts = new StsClientFactory(region, options.Environment);
        _profiles = new ProfileCredentials(options.Environment, _sts);
    }

    public async Task<ResolvedCredentials> ResolveAsync(CancellationToken cancellationToken)
    {
        AwsRuntimeDependencies.EnsureRegistered();
        var lookedAt = new List<string>();
        if (_options.Credentials is { } explicitCredentials)
        {
            return ResolvedCredentials.Sigv4("options: Credentials", explicitCredentials);
        }

        if (!string.IsNullOrWhiteSpace(_options.BearerToken))
        {
            return ResolvedCredentials.Bearer("options: BearerToken", _options.BearerToken.Trim());
        }

        // A profile the application names explicitly wins over the environment, as a client's Profile does in AWSSDK.
        if (NonBlank(_options.Profile) is { } optionsProfile)
        {
            lookedAt.Add($"profile '{optionsProfile}' (options: Profile)");
            if (_profiles.Resolve(optionsProfile) is { } fromOptions)
            {
                return fromOptions;
            }
        }

        if (!string.IsNullOrWhiteSpace(_configApiKey))
        {
            return ResolvedCredentials.Bearer(_configApiKeySource ?? "config: apiKey", _configApiKey.Trim());
        }

        var bearer = Env("AWS_BEARER_TOKEN_BEDROCK");
        lookedAt.Add("env AWS_BEARER_TOKEN_BEDROCK");
        if (bearer is not null)
        {
            return ResolvedCredentials.Bearer("env: AWS_BEARER_TOKEN_BEDROCK", bearer);
        }

        var accessKey = Env("AWS_ACCESS_KEY_ID");
        var secretKey = Env("AWS_SECRET_ACCESS_KEY");
        lookedAt.Add("env AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY");
        if (accessKey is not null && secretKey is not null)
        {
            var sessionToken = Env("AWS_SESSION_TOKEN");
            AWSCredentials keys = sessionToken is null
                ? new BasicAWSCredentials(accessKey, secretKey)
                : new SessionAWSCredentials(accessKey, secretKey, sessionToken);
            return ResolvedCredentials.Sigv4("env: AWS_ACCESS_KEY_ID", keys);
        }

        var namedProfile = Env("AWS_PROFILE");
        var profileName = namedProfile ?? SharedCredentialsFile.DefaultProfileName;
        var fromProfile = _profiles.Resolve(profileName);
        if (fromProfile is not null)
        {
            return fromProfile;
        }

        if (namedProfile is not null)
        {
            lookedAt.Add($"profile '{namedProfile}' in {AwsProfileFiles.CredentialsFilePath(_environment) ?? "the default shared files"} and the shared config file");
        }

        var tokenFile = Env("AWS_WEB_IDENTITY_TOKEN_FILE");
        var roleArn = Env("AWS_ROLE_ARN");
        lookedAt.Add("env AWS_WEB_IDENTITY_TOKEN_FILE/AWS_ROLE_ARN");
        if (tokenFile is not null && roleArn is not null)
        {
            return ResolvedCredentials.Sigv4("web identity: " + roleArn, new WebIdentityCredentials(tokenFile, roleArn, _sts, sessionName: null));
        }

        const string defaultChain = "the AWS SDK default chain (container credentials, EC2 instance role)";
        var fromChain = await ResolveDefaultChainAsync(cancellationToken).ConfigureAwait(false);
        if (fromChain.Credentials is { } found)
        {
            return ResolvedCredentials.Sigv4(DescribeChainCredentials(found), found);
        }

        lookedAt.Add(fromChain.TimedOut
            ? $"{defaultChain}, which timed out after {Milliseconds(_options.CredentialResolutionTimeout)} ms (CredentialResolutionTimeout)"
            : defaultChain);
        throw new BedrockException(BedrockErrorKind.NoCredentials,
            "No AWS credentials found. Looked at: " + string.Join("; ", lookedAt)
            + ". Set AWS_BEARER_TOKEN_BEDROCK, AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, AWS_PROFILE, or run with an IAM role.")
        {
            Timeout = fromChain.TimedOut ? BedrockTimeoutKind.CredentialResolution : null,
        };
    }

    /// <summary>
    /// Runs the default chain, waiting at most <see cref="BedrockClientOptions.CredentialResolutionTimeout"/>.
    /// AWSSDK.Core's chain is synchronous underneath and ignores the token (an unanswered EC2 metadata lookup holds
    /// it for about 16 s), so the wait, not the token, is the bound: the chain runs on the thread pool and an
    /// abandoned attempt finishes there on its own.
    /// </summary>
    private async Task<(AWSCredentials? Credentials, bool TimedOut)> ResolveDefaultChainAsync(CancellationToken cancellationToken)
    {
        var timeout = _options.CredentialResolutionTimeout;
        using var expiry = new CancellationTokenSource(timeout, _options.TimeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, expiry.Token);
        var attempt = _options.DefaultCredentialChain is { } substitute
            ? substitute(linked.Token)
            : Task.Run(ResolveWithAwsSdkAsync, CancellationToken.None);
        try
        {
            return (await attempt.WaitAsync(timeout, _options.TimeProvider, cancellationToken).ConfigureAwait(false), false);
        }
        catch (Exception exception) when (exception is TimeoutException
                                          || (exception is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            Abandon(attempt);
            return (null, true);
        }
        catch (OperationCanceledException)
        {
            Abandon(attempt);
            throw;
        }
        catch (AmazonClientException)
        {
            // The chain found nothing; its per-provider messages can quote file contents, so they are not passed on.
            return (null, false);
        }
    }

    private static async Task<AWSCredentials?> ResolveWithAwsSdkAsync()
    {
        // The attempt owns the resolver and gets no token: it may outlive the caller, and every token the caller owns.
        using var resolver = new DefaultAWSCredentialsIdentityResolver();
        return await resolver.ResolveIdentityAsync(null, CancellationToken.None).ConfigureAwait(false);
    }

    /// <summary>Observes the outcome of an attempt nobody waits for any more, so its failure is not left unobserved.</summary>
    private static void Abandon(Task attempt)
        => attempt.ContinueWith(static finished => _ = finished.Exception, CancellationToken.None,
            TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);

    private static long Milliseconds(TimeSpan value) => (long)value.TotalMilliseconds;

    private static string DescribeChainCredentials(AWSCredentials credentials) => credentials.GetType().Name switch
    {
        "AssumeRoleWithWebIdentityCredentials" => "web identity: " + ((AssumeRoleWithWebIdentityCredentials)credentials).RoleArn,
        "ECSTaskCredentials" or "GenericContainerCredentials" => "container credentials",
        "DefaultInstanceProfileAWSCredentials" or "InstanceProfileAWSCredentials" => "instance role",
        "EnvironmentVariablesAWSCredentials" => "env: AWS_ACCESS_KEY_ID",
        var other => "default chain: " + other,
    };

    private string? Env(string name) => NonBlank(_environment(name));

    private static string? NonBlank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
