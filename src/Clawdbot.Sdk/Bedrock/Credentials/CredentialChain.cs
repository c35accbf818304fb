using Amazon.Runtime;
using Amazon.Runtime.CredentialManagement;
using Amazon.Runtime.Credentials;

namespace Clawdbot.Sdk;

/// <summary>
/// Finds credentials in the order Clawdbot uses: explicit options, the provider's API key,
/// <c>AWS_BEARER_TOKEN_BEDROCK</c>, <c>AWS_ACCESS_KEY_ID</c>/<c>AWS_SECRET_ACCESS_KEY</c>, a named profile, then the
/// rest of AWSSDK.Core's default chain (web identity, container, EC2 instance role) bounded by a timeout.
/// </summary>
internal sealed class CredentialChain
{
    private readonly BedrockClientOptions _options;
    private readonly Func<string, string?> _environment;
    private readonly string? _configApiKey;
    private readonly string? _configApiKeySource;

    public CredentialChain(BedrockClientOptions options, string? configApiKey = null, string? configApiKeySource = null)
    {
        _options = options;
        _environment = options.Environment;
        _configApiKey = configApiKey;
        _configApiKeySource = configApiKeySource;
    }

    public async Task<ResolvedCredentials> ResolveAsync(CancellationToken cancellationToken)
    {
        var lookedAt = new List<string>();
        if (_options.Credentials is { } explicitCredentials)
        {
            return ResolvedCredentials.Sigv4("options: Credentials", explicitCredentials);
        }

        if (!string.IsNullOrWhiteSpace(_options.BearerToken))
        {
            return ResolvedCredentials.Bearer("options: BearerToken", _options.BearerToken.Trim());
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

        var profile = NonBlank(_options.Profile) ?? Env("AWS_PROFILE");
        if (profile is not null)
        {
            var file = SharedCredentialsFilePath();
            lookedAt.Add($"profile '{profile}' in {file ?? "the default shared files"}");
            if (TryProfile(profile, file, out var fromProfile))
            {
                return ResolvedCredentials.Sigv4("profile: " + profile, fromProfile);
            }
        }

        const string defaultChain = "the AWS SDK default chain (web identity, default profile, container credentials, EC2 instance role)";
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

    private bool TryProfile(string profile, string? credentialsFile, out AWSCredentials credentials)
    {
        var chain = credentialsFile is null ? new CredentialProfileStoreChain() : new CredentialProfileStoreChain(credentialsFile);
        try
        {
            return chain.TryGetAWSCredentials(profile, out credentials);
        }
        catch (Exception ex) when (ex is AmazonClientException or IOException or InvalidOperationException or ArgumentException)
        {
            credentials = null!;
            return false;
        }
    }

    private string? SharedCredentialsFilePath() => SharedCredentialsFilePath(_environment);

    /// <summary><c>AWS_SHARED_CREDENTIALS_FILE</c>, else <c>$HOME/.aws/credentials</c>, read from the given environment.</summary>
    internal static string? SharedCredentialsFilePath(Func<string, string?> environment)
    {
        var explicitFile = NonBlank(environment(SharedCredentialsFile.SharedCredentialsFileEnvVar));
        if (explicitFile is not null)
        {
            return explicitFile;
        }

        var home = NonBlank(environment("HOME")) ?? NonBlank(environment("USERPROFILE"));
        return home is null ? null : Path.Combine(home, ".aws", "credentials");
    }

    private static string DescribeChainCredentials(AWSCredentials credentials) => credentials.GetType().Name switch
    {
        "AssumeRoleWithWebIdentityCredentials" => "web identity",
        "ECSTaskCredentials" or "GenericContainerCredentials" => "container credentials",
        "DefaultInstanceProfileAWSCredentials" or "InstanceProfileAWSCredentials" => "instance role",
        "EnvironmentVariablesAWSCredentials" => "env: AWS_ACCESS_KEY_ID",
        var other => "default chain: " + other,
    };

    private string? Env(string name) => NonBlank(_environment(name));

    private static string? NonBlank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
