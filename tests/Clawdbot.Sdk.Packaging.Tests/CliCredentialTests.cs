using System.Security.Cryptography;
using System.Text;
using Clawdbot.Sdk.Testing;

namespace Clawdbot.Sdk.Packaging.Tests;

/// <summary>
/// <c>clawdbot chat</c>, as shipped (Native AOT and JIT), answering with every kind of AWS credentials a company hands
/// out: assume-role profiles (source profile, chains, credential sources, external id), web identity, IAM Identity
/// Center and credential_process. The whole chain runs end to end: AWSSDK.Core reads the shared files of a temporary
/// home, STS, SSO, SSO OIDC, instance metadata and container credentials are LocalBedrock's, and the Bedrock call must
/// be signed with the temporary keys they minted.
/// </summary>
[Collection(CliBuildsCollection.Name)]
public sealed class CliCredentialTests(CliBuilds builds) : IDisposable
{
    private const string Answer = "Signed and answered";
    private const string RoleArn = "arn:aws:iam::123456789012:role/BedrockUser";
    private readonly string _root = Directory.CreateTempSubdirectory("clawdbot-cli-creds-").FullName;

    public static TheoryData<CliBuild> Builds => [CliBuild.NativeAot, CliBuild.Jit];

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Theory]
    [MemberData(nameof(Builds))]
    public async Task An_assume_role_profile_with_a_source_profile_and_external_id_answers(CliBuild build)
    {
        await using var bedrock = await LocalBedrock.StartAsync();
        bedrock.AddRole(RoleArn, requiredExternalId: "partner-7");
        WriteCredentials($"[base]\naws_access_key_id = {bedrock.AccessKeyId}\naws_secret_access_key = {bedrock.SecretAccessKey}\n");
        WriteConfig($"[profile dev]\nrole_arn = {RoleArn}\nsource_profile = base\nexternal_id = partner-7\n");

        await ChatAnswersAsync(build, bedrock, ("AWS_PROFILE", "dev"));

        var assume = Assert.Single(bedrock.Requests, r => r.Operation == "AssumeRole");
        Assert.Equal(bedrock.AccessKeyId, assume.AccessKeyId);
        Assert.Contains("ExternalId=partner-7", Uri.UnescapeDataString(assume.Body), StringComparison.Ordinal);
        AssertSignedWithMinted(bedrock, "AssumeRole");
    }

    [Theory]
    [MemberData(nameof(Builds))]
    public async Task Chained_roles_are_assumed_in_turn(CliBuild build)
    {
        await using var bedrock = await LocalBedrock.StartAsync();
        WriteCredentials($"[base]\naws_access_key_id = {bedrock.AccessKeyId}\naws_secret_access_key = {bedrock.SecretAccessKey}\n");
        WriteConfig($"[profile dev]\nrole_arn = {RoleArn}\nsource_profile = base\n"
            + "[profile admin]\nrole_arn = arn:aws:iam::210987654321:role/Admin\nsource_profile = dev\n");

        await ChatAnswersAsync(build, bedrock, ("AWS_PROFILE", "admin"));

        var assumes = bedrock.Requests.Where(r => r.Operation == "AssumeRole").ToList();
        Assert.Equal(2, assumes.Count);
        Assert.Equal(bedrock.AccessKeyId, assumes[0].AccessKeyId);
        Assert.Contains(RoleArn, Uri.UnescapeDataString(assumes[0].Body), StringComparison.Ordinal);
        // The second hop is signed by the first role's temporary keys.
        Assert.Equal(bedrock.IssuedCredentials[0].AccessKeyId, assumes[1].AccessKeyId);
        Assert.Contains("role/Admin", Uri.UnescapeDataString(assumes[1].Body), StringComparison.Ordinal);
        Assert.Equal(bedrock.IssuedCredentials[1].AccessKeyId, Assert.Single(bedrock.Requests, r => r.Operation == "ConverseStream").AccessKeyId);
    }

    [Theory]
    [MemberData(nameof(Builds))]
    public async Task A_role_whose_credential_source_is_the_instance_role_answers(CliBuild build)
    {
        await using var bedrock = await LocalBedrock.StartAsync();
        WriteConfig($"[profile ec2]\nrole_arn = {RoleArn}\ncredential_source = Ec2InstanceMetadata\n");

        await ChatAnswersAsync(build, bedrock, ("AWS_PROFILE", "ec2"),
            ("AWS_EC2_METADATA_DISABLED", null), ("AWS_EC2_METADATA_SERVICE_ENDPOINT", bedrock.InstanceMetadataEndpoint.ToString()));

        var instance = bedrock.IssuedCredentials[0];
        Assert.Equal(instance.AccessKeyId, Assert.Single(bedrock.Requests, r => r.Operation == "AssumeRole").AccessKeyId);
        AssertSignedWithMinted(bedrock, "AssumeRole");
    }

    [Theory]
    [MemberData(nameof(Builds))]
    public async Task A_role_whose_credential_source_is_the_container_answers(CliBuild build)
    {
        await using var bedrock = await LocalBedrock.StartAsync();
        WriteConfig($"[profile ecs]\nrole_arn = {RoleArn}\ncredential_source = EcsContainer\n");

        await ChatAnswersAsync(build, bedrock, ("AWS_PROFILE", "ecs"),
            ("AWS_CONTAINER_CREDENTIALS_FULL_URI", bedrock.ContainerCredentialsUri.ToString()),
            ("AWS_CONTAINER_AUTHORIZATION_TOKEN", bedrock.ContainerAuthorizationToken));

        var container = bedrock.IssuedCredentials[0];
        Assert.Equal(container.AccessKeyId, Assert.Single(bedrock.Requests, r => r.Operation == "AssumeRole").AccessKeyId);
        AssertSignedWithMinted(bedrock, "AssumeRole");
    }

    [Theory]
    [MemberData(nameof(Builds))]
    public async Task Web_identity_from_the_environment_answers(CliBuild build)
    {
        await using var bedrock = await LocalBedrock.StartAsync();
        var token = "eyJhbGciOiJSUzI1NiJ9.cG9kLXRva2Vu.c2lnbmF0dXJl";
        bedrock.AddWebIdentityToken(token);
        var tokenFile = Path.Combine(_root, "web-identity-token");
        File.WriteAllText(tokenFile, token);

        await ChatAnswersAsync(build, bedrock, ("AWS_WEB_IDENTITY_TOKEN_FILE", tokenFile), ("AWS_ROLE_ARN", RoleArn));

        Assert.Equal(RequestAuthKind.None, Assert.Single(bedrock.Requests, r => r.Operation == "AssumeRoleWithWebIdentity").AuthKind);
        AssertSignedWithMinted(bedrock, "AssumeRoleWithWebIdentity");
    }

    [Theory]
    [MemberData(nameof(Builds))]
    public async Task Web_identity_from_a_profile_answers(CliBuild build)
    {
        await using var bedrock = await LocalBedrock.StartAsync();
        var token = "eyJhbGciOiJSUzI1NiJ9.Y2ktdG9rZW4.c2lnbmF0dXJl";
        bedrock.AddWebIdentityToken(token);
        var tokenFile = Path.Combine(_root, "ci-token");
        File.WriteAllText(tokenFile, token);
        WriteConfig($"[profile ci]\nrole_arn = {RoleArn}\nweb_identity_token_file = {tokenFile}\n");

        await ChatAnswersAsync(build, bedrock, ("AWS_PROFILE", "ci"));

        AssertSignedWithMinted(bedrock, "AssumeRoleWithWebIdentity");
    }

    [Theory]
    [MemberData(nameof(Builds))]
    public async Task An_sso_session_profile_answers_with_the_cached_token(CliBuild build)
    {
        await using var bedrock = await LocalBedrock.StartAsync();
        bedrock.AddSsoAccessToken("sso-access-token-session");
        WriteConfig(SsoSessionConfig);
        WriteSsoCache("corp", """{"accessToken": "sso-access-token-session", "expiresAt": "2099-01-01T00:00:00Z", "region": "us-east-1", "startUrl": "https://clawdbot-tests.awsapps.com/start"}""");

        await ChatAnswersAsync(build, bedrock, ("AWS_PROFILE", "dev"));

        AssertSignedWithMinted(bedrock, "GetRoleCredentials");
    }

    [Theory]
    [MemberData(nameof(Builds))]
    public async Task A_legacy_sso_profile_answers_with_the_cached_token(CliBuild build)
    {
        await using var bedrock = await LocalBedrock.StartAsync();
        const string startUrl = "https://clawdbot-legacy.awsapps.com/start";
        bedrock.AddSsoAccessToken("sso-access-token-legacy");
        WriteConfig($"[profile legacy]\nsso_start_url = {startUrl}\nsso_region = us-east-1\nsso_account_id = 123456789012\nsso_role_name = Developer\n");
        WriteSsoCache(startUrl, $$"""{"accessToken": "sso-access-token-legacy", "expiresAt": "2099-01-01T00:00:00Z", "region": "us-east-1", "startUrl": "{{startUrl}}"}""");

        await ChatAnswersAsync(build, bedrock, ("AWS_PROFILE", "legacy"));

        AssertSignedWithMinted(bedrock, "GetRoleCredentials");
    }

    [Theory]
    [MemberData(nameof(Builds))]
    public async Task An_expired_sso_session_says_to_log_in_again(CliBuild build)
    {
        await using var bedrock = await LocalBedrock.StartAsync();
        WriteConfig(SsoSessionConfig);
        WriteSsoCache("corp", """{"accessToken": "sso-access-token-expired", "expiresAt": "2020-01-01T00:00:00Z", "region": "us-east-1", "startUrl": "https://clawdbot-tests.awsapps.com/start"}""");

        var chat = await ChatAsync(build, bedrock, ("AWS_PROFILE", "dev"));

        Assert.True(chat.ExitCode == 1, $"expected exit code 1, {chat}");
        Assert.Contains("aws sso login --profile dev", chat.StandardError, StringComparison.Ordinal);
        Assert.DoesNotContain("sso-access-token-expired", chat.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(bedrock.Requests, r => r.Operation == "ConverseStream");
    }

    [Theory]
    [MemberData(nameof(Builds))]
    public async Task A_missing_sso_session_says_to_log_in(CliBuild build)
    {
        await using var bedrock = await LocalBedrock.StartAsync();
        WriteConfig(SsoSessionConfig);

        var chat = await ChatAsync(build, bedrock, ("AWS_PROFILE", "dev"));

        Assert.True(chat.ExitCode == 1, $"expected exit code 1, {chat}");
        Assert.Contains("aws sso login --profile dev", chat.StandardError, StringComparison.Ordinal);
        Assert.Empty(bedrock.Requests);
    }

    [Theory]
    [MemberData(nameof(Builds))]
    public async Task An_expired_sso_access_token_is_renewed_with_its_refresh_token(CliBuild build)
    {
        await using var bedrock = await LocalBedrock.StartAsync();
        bedrock.AddSsoRefreshToken("sso-refresh-token", "sso-client-id", "sso-client-secret");
        WriteConfig(SsoSessionConfig);
        WriteSsoCache("corp", """
            {"accessToken": "sso-access-token-old", "expiresAt": "2020-01-01T00:00:00Z", "region": "us-east-1",
             "startUrl": "https://clawdbot-tests.awsapps.com/start", "refreshToken": "sso-refresh-token",
             "clientId": "sso-client-id", "clientSecret": "sso-client-secret", "registrationExpiresAt": "2099-01-01T00:00:00Z"}
            """);

        await ChatAnswersAsync(build, bedrock, ("AWS_PROFILE", "dev"));

        Assert.Single(bedrock.Requests, r => r.Operation == "CreateToken");
        AssertSignedWithMinted(bedrock, "GetRoleCredentials");
    }

    [Theory]
    [MemberData(nameof(Builds))]
    public async Task Credential_process_answers(CliBuild build)
    {
        await using var bedrock = await LocalBedrock.StartAsync();
        var script = Path.Combine(_root, "credentials-process.sh");
        File.WriteAllText(script, $"#!/bin/sh\necho '{{\"Version\": 1, \"AccessKeyId\": \"{bedrock.AccessKeyId}\", \"SecretAccessKey\": \"{bedrock.SecretAccessKey}\"}}'\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        WriteConfig($"[profile tool]\ncredential_process = {script}\n");

        await ChatAnswersAsync(build, bedrock, ("AWS_PROFILE", "tool"));

        Assert.Equal(bedrock.AccessKeyId, Assert.Single(bedrock.Requests).AccessKeyId);
    }

    [Theory]
    [MemberData(nameof(Builds))]
    public async Task An_mfa_profile_is_a_clear_error_not_a_prompt(CliBuild build)
    {
        await using var bedrock = await LocalBedrock.StartAsync();
        WriteCredentials($"[base]\naws_access_key_id = {bedrock.AccessKeyId}\naws_secret_access_key = {bedrock.SecretAccessKey}\n");
        WriteConfig($"[profile guarded]\nrole_arn = {RoleArn}\nsource_profile = base\nmfa_serial = arn:aws:iam::123456789012:mfa/alice\n");

        var chat = await ChatAsync(build, bedrock, ("AWS_PROFILE", "guarded"));

        Assert.True(chat.ExitCode == 1, $"expected exit code 1, {chat}");
        Assert.Contains("mfa_serial", chat.StandardError, StringComparison.Ordinal);
        Assert.DoesNotContain(bedrock.SecretAccessKey, chat.Output, StringComparison.Ordinal);
        Assert.Empty(bedrock.Requests);
    }

    private const string SsoSessionConfig = """
        [profile dev]
        sso_session = corp
        sso_account_id = 123456789012
        sso_role_name = Developer
        region = us-east-1
        [sso-session corp]
        sso_start_url = https://clawdbot-tests.awsapps.com/start
        sso_region = us-east-1
        sso_registration_scopes = sso:account:access

        """;

    private string Home => Path.Combine(_root, "home");

    private void WriteCredentials(string text) => Write(Path.Combine(Home, ".aws", "credentials"), text);

    private void WriteConfig(string text) => Write(Path.Combine(Home, ".aws", "config"), text);

    /// <summary>The token cache <c>aws sso login</c> writes: named by the SHA-1 of the session name (or the legacy start URL).</summary>
    private void WriteSsoCache(string key, string json)
        => Write(Path.Combine(Home, ".aws", "sso", "cache", Convert.ToHexStringLower(SHA1.HashData(Encoding.UTF8.GetBytes(key))) + ".json"), json);

    private static void Write(string path, string text)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text.Replace("\r\n", "\n", StringComparison.Ordinal));
    }

    private async Task ChatAnswersAsync(CliBuild build, LocalBedrock bedrock, params (string Name, string? Value)[] variables)
    {
        bedrock.Enqueue(Script.Stream().Text("Signed", " and", " answered").Stop("end_turn").Usage(9, 3));
        var chat = await ChatAsync(build, bedrock, variables);
        Assert.True(chat.ExitCode == 0, $"chat failed, {chat}");
        Assert.Equal(Answer, chat.StandardOutput.TrimEnd());
    }

    private async Task<ProcessResult> ChatAsync(CliBuild build, LocalBedrock bedrock, params (string Name, string? Value)[] variables)
    {
        var executable = await builds.ExecutableAsync(build);
        var work = Path.Combine(_root, "work");
        Directory.CreateDirectory(work);
        File.WriteAllText(Path.Combine(work, "models.json5"), Config);
        var environment = Environment(bedrock);
        foreach (var (name, value) in variables)
        {
            environment[name] = value;
        }

        return await DotnetCommand.RunProcessAsync(executable, work, ["chat", "--model", "nova", "Who", "signed?"], environment);
    }

    /// <summary>The Bedrock call was signed with temporary keys the emulator minted through <paramref name="operation"/>.</summary>
    private static void AssertSignedWithMinted(LocalBedrock bedrock, string operation)
    {
        var call = Assert.Single(bedrock.Requests, r => r.Operation == "ConverseStream");
        Assert.Equal(RequestAuthKind.SigV4, call.AuthKind);
        var minted = Assert.Single(bedrock.IssuedCredentials, c => c.AccessKeyId == call.AccessKeyId);
        Assert.Equal(operation, minted.Operation);
    }

    /// <summary>The emulator for every AWS endpoint, a temporary home, and nothing of the developer's AWS setup.</summary>
    private Dictionary<string, string?> Environment(LocalBedrock bedrock) => new(StringComparer.Ordinal)
    {
        ["HOME"] = Home,
        ["USERPROFILE"] = Home,
        ["AWS_CONFIG_FILE"] = Path.Combine(Home, ".aws", "config"),
        ["AWS_SHARED_CREDENTIALS_FILE"] = Path.Combine(Home, ".aws", "credentials"),
        ["AWS_EC2_METADATA_DISABLED"] = "true",
        ["AWS_PROFILE"] = null,
        ["AWS_DEFAULT_PROFILE"] = null,
        ["AWS_ACCESS_KEY_ID"] = null,
        ["AWS_SECRET_ACCESS_KEY"] = null,
        ["AWS_SESSION_TOKEN"] = null,
        ["AWS_BEARER_TOKEN_BEDROCK"] = null,
        ["AWS_WEB_IDENTITY_TOKEN_FILE"] = null,
        ["AWS_ROLE_ARN"] = null,
        ["AWS_CONTAINER_CREDENTIALS_FULL_URI"] = null,
        ["AWS_CONTAINER_CREDENTIALS_RELATIVE_URI"] = null,
        ["AWS_CONTAINER_AUTHORIZATION_TOKEN"] = null,
        ["AWS_ENDPOINT_URL"] = null,
        ["CLAWDBOT_CONFIG_PATH"] = null,
        ["AWS_REGION"] = bedrock.Region,
        ["AWS_ENDPOINT_URL_BEDROCK_RUNTIME"] = bedrock.Endpoint.ToString(),
        ["AWS_ENDPOINT_URL_BEDROCK"] = bedrock.Endpoint.ToString(),
        ["AWS_ENDPOINT_URL_STS"] = bedrock.Endpoint.ToString(),
        ["AWS_ENDPOINT_URL_SSO"] = bedrock.Endpoint.ToString(),
        ["AWS_ENDPOINT_URL_SSO_OIDC"] = bedrock.Endpoint.ToString(),
    };

    private const string Config = """
        {
          models: {
            providers: {
              "amazon-bedrock": {
                baseUrl: "https://bedrock-runtime.us-east-1.amazonaws.com",
                api: "bedrock-converse-stream",
                models: [
                  { id: "amazon.nova-pro-v1:0", name: "Nova Pro", input: ["text"], contextWindow: 300000, maxTokens: 5000 },
                ],
              },
            },
            bedrockDiscovery: { enabled: false },
          },
          agents: { defaults: { model: { primary: "amazon-bedrock/amazon.nova-pro-v1:0" }, models: { "amazon-bedrock/amazon.nova-pro-v1:0": { alias: "nova" } } } },
        }

        """;
}
