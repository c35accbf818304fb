using Amazon.Runtime;
using Clawdbot.Sdk.Testing;
using Microsoft.Extensions.Time.Testing;
using static Clawdbot.Sdk.Tests.Runtime.RuntimeTestSupport;

namespace Clawdbot.Sdk.Tests.Runtime;

/// <summary>
/// Profiles of every kind and credentials that expire, in process. Profiles live in the shared credentials file the
/// client's environment names (AWSSDK.Core reads the config file only from the process environment); the whole chain
/// against local STS and SSO endpoints runs through the CLI in the packaging tests.
/// </summary>
public sealed class CredentialSourceTests : IDisposable
{
    private const string Secret = "CANARY-PROFILE-SECRET-7f6e5d";
    private readonly string _directory = Directory.CreateTempSubdirectory("clawdbot-profiles-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task AnAssumeRoleProfileIsNamedByItsRoleAndSource()
    {
        var source = await SourceOf("dev", $"""
            [base]
            aws_access_key_id = AKIDBASE
            aws_secret_access_key = {Secret}
            [dev]
            role_arn = arn:aws:iam::123456789012:role/Dev
            source_profile = base
            external_id = shared-ext
            """);

        Assert.Equal("profile dev: assume role arn:aws:iam::123456789012:role/Dev (source: profile: base)", source);
    }

    [Fact]
    public async Task ChainedRolesNameEveryHop()
    {
        var source = await SourceOf("admin", $"""
            [base]
            aws_access_key_id = AKIDBASE
            aws_secret_access_key = {Secret}
            [dev]
            role_arn = arn:aws:iam::123456789012:role/Dev
            source_profile = base
            [admin]
            role_arn = arn:aws:iam::210987654321:role/Admin
            source_profile = dev
            """);

        Assert.Equal("profile admin: assume role arn:aws:iam::210987654321:role/Admin (source: profile dev: assume role arn:aws:iam::123456789012:role/Dev (source: profile: base))", source);
    }

    [Theory]
    [InlineData("Environment", "env: AWS_ACCESS_KEY_ID")]
    [InlineData("Ec2InstanceMetadata", "instance role")]
    [InlineData("EcsContainer", "container credentials")]
    public async Task ACredentialSourceIsNamed(string credentialSource, string expected)
    {
        var source = await SourceOf("ops", $"""
            [ops]
            role_arn = arn:aws:iam::123456789012:role/Ops
            credential_source = {credentialSource}
            """, ("AWS_ACCESS_KEY_ID", "AKIDENV"), ("AWS_SECRET_ACCESS_KEY", Secret));
        // The profile is named by the options, which win over the environment's keys (AWS_PROFILE would not).

        Assert.Equal($"profile ops: assume role arn:aws:iam::123456789012:role/Ops (source: {expected})", source);
    }

    [Fact]
    public async Task WebIdentityFromTheEnvironmentIsNamedByItsRole()
    {
        var tokenFile = Path.Combine(_directory, "token");
        File.WriteAllText(tokenFile, "header.payload.signature");
        using var client = new BedrockClient(Options(Environment(("AWS_WEB_IDENTITY_TOKEN_FILE", tokenFile), ("AWS_ROLE_ARN", "arn:aws:iam::123456789012:role/Pod"))));

        Assert.Equal("web identity: arn:aws:iam::123456789012:role/Pod", await client.GetCredentialSourceAsync());
    }

    [Fact]
    public async Task WebIdentityInAProfileIsNamedByProfileAndRole()
    {
        var source = await SourceOf("ci", $"""
            [ci]
            role_arn = arn:aws:iam::123456789012:role/Ci
            web_identity_token_file = {Path.Combine(_directory, "token")}
            """);

        Assert.Equal("profile ci: web identity arn:aws:iam::123456789012:role/Ci", source);
    }

    [Fact]
    public async Task AnSsoProfileIsNamed()
    {
        var source = await SourceOf("corp", """
            [corp]
            sso_start_url = https://clawdbot-tests.awsapps.com/start
            sso_region = us-east-1
            sso_account_id = 123456789012
            sso_role_name = Developer
            """);

        Assert.Equal("sso: profile corp", source);
    }

    [Fact]
    public async Task TheDefaultProfileIsUsedWhenNoneIsNamed()
    {
        var source = await SourceOf(profile: null, $"""
            [default]
            aws_access_key_id = AKIDDEFAULT
            aws_secret_access_key = {Secret}
            """);

        Assert.Equal("profile: default", source);
    }

    [Fact]
    public async Task AnMfaProfileIsAClearErrorNotAPrompt()
    {
        var error = await ErrorOf("mfa", $"""
            [base]
            aws_access_key_id = AKIDBASE
            aws_secret_access_key = {Secret}
            [mfa]
            role_arn = arn:aws:iam::123456789012:role/Guarded
            source_profile = base
            mfa_serial = arn:aws:iam::123456789012:mfa/alice
            """);

        Assert.Equal(BedrockErrorKind.NoCredentials, error.Kind);
        Assert.Contains("AWS profile 'mfa'", error.Message, StringComparison.Ordinal);
        Assert.Contains("mfa_serial", error.Message, StringComparison.Ordinal);
        Assert.Contains("aws configure export-credentials --profile mfa", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, error.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[a]\nrole_arn = arn:aws:iam::1:role/A\nsource_profile = b\n[b]\nrole_arn = arn:aws:iam::1:role/B\nsource_profile = a\n", "a", "loops: a -> b -> a")]
    [InlineData("[a]\nrole_arn = arn:aws:iam::1:role/A\nsource_profile = missing\n", "a", "source_profile 'missing' is not declared")]
    [InlineData("[a]\nrole_arn = arn:aws:iam::1:role/A\n", "a", "neither source_profile, credential_source nor web_identity_token_file")]
    [InlineData("[a]\nrole_arn = arn:aws:iam::1:role/A\ncredential_source = Laptop\n", "a", "credential_source 'Laptop' is not one of")]
    [InlineData("[a]\nrole_arn = arn:aws:iam::1:role/A\ncredential_source = Environment\n", "a", "AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY are not set")]
    public async Task AnInconsistentRoleProfileSaysWhatIsWrong(string file, string profile, string expected)
    {
        var error = await ErrorOf(profile, file);

        Assert.Equal(BedrockErrorKind.NoCredentials, error.Kind);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CredentialProcessSignsAcceptedRequests()
    {
        await using var bedrock = await LocalBedrock.StartAsync();
        var script = Path.Combine(_directory, "credentials-process.sh");
        File.WriteAllText(script, $"#!/bin/sh\necho '{{\"Version\": 1, \"AccessKeyId\": \"{bedrock.AccessKeyId}\", \"SecretAccessKey\": \"{bedrock.SecretAccessKey}\"}}'\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        using var client = ProfileClient("tool", $"[tool]\ncredential_process = {script}\n", bedrock);

        var result = await client.ConverseStreamAsync(Request()).ToResultAsync();

        Assert.True(result.IsComplete);
        Assert.Equal("profile tool: credential_process", await client.GetCredentialSourceAsync());
    }

    [Fact]
    public async Task ASsoProfileWithoutASessionSaysToLogIn()
    {
        await using var bedrock = await LocalBedrock.StartAsync();
        using var client = ProfileClient("corp", """
            [corp]
            sso_start_url = https://clawdbot-tests-never-logged-in.awsapps.com/start
            sso_region = us-east-1
            sso_account_id = 123456789012
            sso_role_name = Developer
            """, bedrock);

        var error = await Assert.ThrowsAsync<BedrockException>(() => client.ConverseStreamAsync(Request()).ToResultAsync());

        Assert.Equal(BedrockErrorKind.NoCredentials, error.Kind);
        Assert.Contains("sso: profile corp", error.Message, StringComparison.Ordinal);
        Assert.Contains("aws sso login --profile corp", error.Message, StringComparison.Ordinal);
        Assert.Empty(bedrock.Requests);
    }

    [Fact]
    public async Task ARoleWhoseSourceIsTheEnvironmentIsAssumedThroughTheClientsStsEndpoint()
    {
        await using var bedrock = await LocalBedrock.StartAsync();
        var options = Options(ProfileEnvironment(null, "[ops]\nrole_arn = arn:aws:iam::123456789012:role/Ops\ncredential_source = Environment\n",
            [("AWS_ACCESS_KEY_ID", bedrock.AccessKeyId), ("AWS_SECRET_ACCESS_KEY", bedrock.SecretAccessKey), ("AWS_ENDPOINT_URL_STS", bedrock.Endpoint.ToString())]));
        options.Profile = "ops";
        options.Endpoint = bedrock.Endpoint;
        options.Region = bedrock.Region;
        using var client = new BedrockClient(options);

        Assert.True((await client.ConverseStreamAsync(Request()).ToResultAsync()).IsComplete);

        Assert.Equal(["AssumeRole", "ConverseStream"], bedrock.Requests.Select(r => r.Operation));
        Assert.Equal(bedrock.AccessKeyId, bedrock.Requests[0].AccessKeyId);
        Assert.Equal(Assert.Single(bedrock.IssuedCredentials).AccessKeyId, bedrock.Requests[1].AccessKeyId);
    }

    [Fact]
    public async Task AnAssumedRoleIsAssumedAgainBeforeItsCredentialsExpire()
    {
        // STS hands out credentials for 10 minutes, inside the 15-minute margin: each call must get new ones first.
        await using var bedrock = await LocalBedrock.StartAsync(new LocalBedrockOptions { TemporaryCredentialLifetime = TimeSpan.FromMinutes(10) });
        var options = Options(ProfileEnvironment(null, $"[base]\naws_access_key_id = {bedrock.AccessKeyId}\naws_secret_access_key = {bedrock.SecretAccessKey}\n"
            + "[dev]\nrole_arn = arn:aws:iam::123456789012:role/Dev\nsource_profile = base\n", [("AWS_ENDPOINT_URL_STS", bedrock.Endpoint.ToString())]));
        options.Profile = "dev";
        options.Endpoint = bedrock.Endpoint;
        options.Region = bedrock.Region;
        using var client = new BedrockClient(options);

        Assert.True((await client.ConverseStreamAsync(Request()).ToResultAsync()).IsComplete);
        var first = bedrock.IssuedCredentials[0];
        Assert.Equal(first.AccessKeyId, bedrock.Requests.Single(r => r.Operation == "ConverseStream").AccessKeyId);

        // AWSSDK.Core renews a set inside its margin in the background while the current one is still good, so the
        // renewal shows on a later call; how many calls that takes depends on the machine, so calls go on until one is
        // signed with a set STS issued after the first (bounded only against a hang).
        var giveUp = TimeProvider.System.GetTimestamp();
        do
        {
            Assert.True(TimeProvider.System.GetElapsedTime(giveUp) < Eventually.Bound, "No call was signed with renewed credentials.");
            Assert.True((await client.ConverseStreamAsync(Request()).ToResultAsync()).IsComplete);
        }
        while (bedrock.Requests.Last(r => r.Operation == "ConverseStream").AccessKeyId == first.AccessKeyId);

        var calls = bedrock.Requests.Where(r => r.Operation == "ConverseStream").ToList();
        var issued = bedrock.IssuedCredentials;
        Assert.True(issued.Count >= 2, $"{issued.Count} AssumeRole answers");
        Assert.All(calls, c => Assert.Contains(issued, credential => credential.AccessKeyId == c.AccessKeyId));
    }

    [Fact]
    public async Task ALongLivedClientRefreshesCredentialsBeforeTheyExpire()
    {
        await using var bedrock = await LocalBedrock.StartAsync();
        using var credentials = new CountingCredentials(bedrock.AccessKeyId, bedrock.SecretAccessKey, lifetime: TimeSpan.FromMinutes(10));
        using var client = Client(bedrock, options => options.Credentials = credentials);

        for (var call = 0; call < 3; call++)
        {
            Assert.True((await client.ConverseStreamAsync(Request()).ToResultAsync()).IsComplete);
        }

        // Each set lives 10 minutes, inside the 15-minute margin: the client goes back to the source while the set it
        // holds is still good (AWSSDK.Core may renew in the background, so "again" is the claim, not "once per call").
        Assert.True(credentials.Generated >= 2, $"{credentials.Generated} credential sets for 3 calls");
        Assert.Equal(3, bedrock.Requests.Count);
    }

    [Fact]
    public async Task AFailedRefreshIsNoCredentialsNamingTheSource()
    {
        await using var bedrock = await LocalBedrock.StartAsync();
        using var credentials = new CountingCredentials(bedrock.AccessKeyId, bedrock.SecretAccessKey, lifetime: TimeSpan.FromMinutes(10))
        {
            Failure = new AmazonServiceException("The security token included in the request is expired"),
        };
        using var client = Client(bedrock, options => options.Credentials = credentials);

        var error = await Assert.ThrowsAsync<BedrockException>(() => client.ConverseStreamAsync(Request()).ToResultAsync());

        Assert.Equal(BedrockErrorKind.NoCredentials, error.Kind);
        Assert.Contains("options: Credentials", error.Message, StringComparison.Ordinal);
        Assert.Contains("security token included in the request is expired", error.Message, StringComparison.Ordinal);
        Assert.False(error.IsRetryable);
        Assert.Empty(bedrock.Requests);
    }

    [Fact]
    public async Task ARefreshThatHangsEndsWithTheCallsTimeout()
    {
        await using var bedrock = await LocalBedrock.StartAsync();
        var clock = new FakeTimeProvider();
        using var credentials = new CountingCredentials(bedrock.AccessKeyId, bedrock.SecretAccessKey, lifetime: TimeSpan.FromMinutes(10))
        {
            Hang = new TaskCompletionSource(),
        };
        using var client = Client(bedrock, options =>
        {
            options.Credentials = credentials;
            options.TimeProvider = clock;
            options.FirstEventTimeout = TimeSpan.FromSeconds(30);
            options.MaxAttempts = 1;
        });

        var call = client.ConverseStreamAsync(Request()).ToResultAsync();
        await credentials.Started.Task;
        clock.Advance(TimeSpan.FromSeconds(30));
        var error = await Assert.ThrowsAsync<BedrockException>(() => call);

        Assert.Equal(BedrockErrorKind.Timeout, error.Kind);
        Assert.Empty(bedrock.Requests);
        credentials.Hang.SetResult();
    }

    private async Task<string> SourceOf(string? profile, string file, params (string, string)[] variables)
    {
        var options = Options(ProfileEnvironment(null, file, variables));
        options.Profile = profile;
        using var client = new BedrockClient(options);
        var source = await client.GetCredentialSourceAsync();
        Assert.DoesNotContain(Secret, source, StringComparison.Ordinal);
        return source;
    }

    private async Task<BedrockException> ErrorOf(string profile, string file)
    {
        using var client = new BedrockClient(Options(ProfileEnvironment(profile, file, [])));
        return await Assert.ThrowsAsync<BedrockException>(() => client.GetCredentialSourceAsync());
    }

    private BedrockClient ProfileClient(string profile, string file, LocalBedrock bedrock)
    {
        var options = Options(ProfileEnvironment(profile, file, []));
        options.Endpoint = bedrock.Endpoint;
        options.Region = bedrock.Region;
        return new BedrockClient(options);
    }

    private Func<string, string?> ProfileEnvironment(string? profile, string file, (string, string)[] variables)
    {
        var path = Path.Combine(_directory, "credentials");
        File.WriteAllText(path, file.Replace("\r\n", "\n", StringComparison.Ordinal));
        (string, string)[] all = [("AWS_SHARED_CREDENTIALS_FILE", path), .. variables];
        return Environment(profile is null ? all : [.. all, ("AWS_PROFILE", profile)]);
    }

    /// <summary>Credentials that live <c>lifetime</c> and count how often they were fetched; they can fail or hang.</summary>
    private sealed class CountingCredentials : RefreshingAWSCredentials
    {
        private readonly string _accessKey;
        private readonly string _secret;
        private readonly TimeSpan _lifetime;
        private int _generated;

        public CountingCredentials(string accessKey, string secret, TimeSpan lifetime)
        {
            _accessKey = accessKey;
            _secret = secret;
            _lifetime = lifetime;
            PreemptExpiryTime = TimeSpan.FromMinutes(15);
        }

        public int Generated => Volatile.Read(ref _generated);

        public Exception? Failure { get; init; }

        public TaskCompletionSource? Hang { get; init; }

        public TaskCompletionSource Started { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        protected override CredentialsRefreshState GenerateNewCredentials() => GenerateNewCredentialsAsync().GetAwaiter().GetResult();

        protected override async Task<CredentialsRefreshState> GenerateNewCredentialsAsync()
        {
            Started.TrySetResult();
            if (Hang is not null)
            {
                await Hang.Task;
            }

            if (Failure is not null)
            {
                throw Failure;
            }

            Interlocked.Increment(ref _generated);
            return new CredentialsRefreshState(new ImmutableCredentials(_accessKey, _secret, null), DateTime.UtcNow + _lifetime);
        }
    }
}
