using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Amazon.Runtime;
using Amazon.Runtime.Internal;
using Amazon.Util;
using Clawdbot.Sdk.Testing;
using static Clawdbot.Sdk.Tests.Runtime.RuntimeTestSupport;

namespace Clawdbot.Sdk.Tests.Emulator;

/// <summary>
/// AWSSDK.Core's own credential providers, the ones <see cref="BedrockClient"/>'s chain runs, against LocalBedrock's
/// identity endpoints. They read their endpoints from the process environment (<c>AWS_ENDPOINT_URL_STS</c>,
/// <c>AWS_ENDPOINT_URL_SSO</c>, <c>AWS_CONTAINER_CREDENTIALS_FULL_URI</c>, ...), so these tests run alone, after the
/// parallel ones, each setting what it needs and restoring it.
/// </summary>
[Collection(AwsProcessEnvironment.Name)]
public sealed class LocalIdentityProviderTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("clawdbot-identity-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task An_assume_role_profile_chain_resolves_through_STS_and_signs_Bedrock_calls()
    {
        await using var bedrock = await LocalBedrock.StartAsync();
        using var environment = AwsProcessEnvironment.Set(("AWS_ENDPOINT_URL_STS", bedrock.Endpoint.ToString()), ("AWS_REGION", bedrock.Region));
        var file = Write("credentials", $"""
            [base]
            aws_access_key_id = {bedrock.AccessKeyId}
            aws_secret_access_key = {bedrock.SecretAccessKey}
            [reader]
            role_arn = arn:aws:iam::123456789012:role/Reader
            source_profile = base
            role_session_name = reader-session
            [writer]
            role_arn = arn:aws:iam::123456789012:role/Writer
            source_profile = reader
            role_session_name = writer-session
            """);
        var options = Options(Environment(("AWS_PROFILE", "writer"), ("AWS_SHARED_CREDENTIALS_FILE", file)));
        options.Endpoint = bedrock.Endpoint;
        options.Region = bedrock.Region;
        using var client = new BedrockClient(options);

        var result = await client.ConverseStreamAsync(Request(EmulatorClient.OpusProfile, "from a chained role")).ToResultAsync();

        Assert.Equal("You said: from a chained role", result.Text);
        Assert.Equal(["AssumeRole", "AssumeRole", "ConverseStream"], bedrock.Requests.Select(r => r.Operation));
        var issued = bedrock.IssuedCredentials;
        Assert.Equal(["arn:aws:sts::123456789012:assumed-role/Reader/reader-session", "arn:aws:sts::123456789012:assumed-role/Writer/writer-session"],
            issued.Select(c => c.Arn));
        Assert.Equal([bedrock.AccessKeyId, issued[0].AccessKeyId, issued[1].AccessKeyId], bedrock.Requests.Select(r => r.AccessKeyId));
    }

    [Fact]
    public async Task AssumeRoleAWSCredentials_assumes_the_role_again_when_asked_for_a_longer_lifetime()
    {
        await using var bedrock = await LocalBedrock.StartAsync();
        bedrock.AddRole("arn:aws:iam::123456789012:role/VendorAccess", requiredExternalId: "vendor-external-id");
        using var environment = AwsProcessEnvironment.Set(("AWS_ENDPOINT_URL_STS", bedrock.Endpoint.ToString()), ("AWS_REGION", bedrock.Region));
        using var provider = new AssumeRoleAWSCredentials(bedrock.Credentials, "arn:aws:iam::123456789012:role/VendorAccess", "vendor",
            new AssumeRoleAWSCredentialsOptions { ExternalId = "vendor-external-id" });
        using var client = Client(bedrock, options => options.Credentials = provider);

        await client.ConverseStreamAsync(Request(EmulatorClient.OpusProfile, "first")).ToResultAsync();
        // The emulator issues one-hour credentials; asking for two hours makes the provider call STS again now.
        await provider.GetCredentialsAsync(TimeSpan.FromHours(2));
        await client.ConverseStreamAsync(Request(EmulatorClient.OpusProfile, "second")).ToResultAsync();

        var issued = bedrock.IssuedCredentials;
        Assert.Equal(2, issued.Count);
        Assert.All(issued, c => Assert.Equal("arn:aws:sts::123456789012:assumed-role/VendorAccess/vendor", c.Arn));
        Assert.Equal(["AssumeRole", "ConverseStream", "AssumeRole", "ConverseStream"], bedrock.Requests.Select(r => r.Operation));
        Assert.Equal([issued[0].AccessKeyId, issued[1].AccessKeyId],
            bedrock.Requests.Where(r => r.Operation == "ConverseStream").Select(r => r.AccessKeyId));
        Assert.All(bedrock.Requests.Where(r => r.Operation == "AssumeRole"),
            r => Assert.Contains("ExternalId=vendor-external-id", r.Body, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Web_identity_from_the_environment_resolves_through_the_default_chain()
    {
        const string token = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJwb2QifQ.web-identity-for-tests";
        await using var bedrock = await LocalBedrock.StartAsync();
        bedrock.AddWebIdentityToken(token);
        using var environment = AwsProcessEnvironment.Set(
            ("AWS_ENDPOINT_URL_STS", bedrock.Endpoint.ToString()),
            ("AWS_REGION", bedrock.Region),
            ("AWS_WEB_IDENTITY_TOKEN_FILE", Write("token", token)),
            ("AWS_ROLE_ARN", "arn:aws:iam::123456789012:role/PodRole"),
            ("AWS_ROLE_SESSION_NAME", "pod-session"));
        using var client = DefaultChainClient(bedrock);

        await client.ConverseStreamAsync(Request(EmulatorClient.OpusProfile)).ToResultAsync();

        Assert.Equal("web identity: arn:aws:iam::123456789012:role/PodRole", await client.GetCredentialSourceAsync());
        var webIdentity = bedrock.Requests[0];
        Assert.Equal("AssumeRoleWithWebIdentity", webIdentity.Operation);
        Assert.Contains("RoleSessionName=pod-session", webIdentity.Body, StringComparison.Ordinal);
        Assert.Contains("WebIdentityToken=REDACTED", webIdentity.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("web-identity-for-tests", webIdentity.Body, StringComparison.Ordinal);
        var issued = Assert.Single(bedrock.IssuedCredentials);
        Assert.Equal("arn:aws:sts::123456789012:assumed-role/PodRole/pod-session", issued.Arn);
        Assert.Equal(issued.AccessKeyId, bedrock.Requests[^1].AccessKeyId);
    }

    [Fact]
    public async Task Container_credentials_from_the_environment_resolve_through_the_default_chain()
    {
        await using var bedrock = await LocalBedrock.StartAsync();
        using var environment = AwsProcessEnvironment.Set(
            ("AWS_CONTAINER_CREDENTIALS_FULL_URI", bedrock.ContainerCredentialsUri.ToString()),
            ("AWS_CONTAINER_AUTHORIZATION_TOKEN", bedrock.ContainerAuthorizationToken));
        using var client = DefaultChainClient(bedrock);

        await client.ConverseStreamAsync(Request(EmulatorClient.OpusProfile)).ToResultAsync();

        Assert.Equal("container credentials", await client.GetCredentialSourceAsync());
        Assert.Equal(["ContainerCredentials", "ConverseStream"], bedrock.Requests.Select(r => r.Operation));
        Assert.Equal("REDACTED", bedrock.Requests[0].Headers["Authorization"]);
        Assert.Equal(Assert.Single(bedrock.IssuedCredentials).AccessKeyId, bedrock.Requests[1].AccessKeyId);
    }

    [Fact]
    public async Task The_SDKs_instance_metadata_client_gets_the_instance_role_credentials_with_IMDSv2()
    {
        await using var bedrock = await LocalBedrock.StartAsync();
        using var environment = AwsProcessEnvironment.Set(("AWS_EC2_METADATA_SERVICE_ENDPOINT", bedrock.InstanceMetadataEndpoint.ToString()));

        // What the default chain's instance role provider calls (DefaultInstanceProfileAWSCredentials is a process-wide singleton).
        var roles = await EC2InstanceMetadata.GetIAMSecurityCredentialsAsync();

        var (role, metadata) = Assert.Single(roles);
        Assert.Equal(LocalBedrockOptions.DefaultInstanceRoleName, role);
        Assert.Equal("Success", metadata.Code);
        var issued = Assert.Single(bedrock.IssuedCredentials);
        Assert.Equal(issued.AccessKeyId, metadata.AccessKeyId);
        Assert.Equal(issued.Expiration.UtcDateTime.ToString("s"), metadata.Expiration.ToUniversalTime().ToString("s"));
        var ours = bedrock.Requests.Where(r => r.Operation.StartsWith("InstanceMetadata", StringComparison.Ordinal)).Select(r => (r.Method, r.RawPath)).ToList();
        Assert.Contains(("PUT", "//latest/api/token"), ours);
        Assert.Contains(("GET", "//latest/meta-data/iam/security-credentials"), ours);
        Assert.Contains(("GET", "//latest/meta-data/iam/security-credentials/" + role), ours);
        Assert.DoesNotContain(bedrock.Requests, r => r.Operation == "InstanceMetadataUnknown");

        using var client = Client(bedrock, options => options.Credentials = new SessionAWSCredentials(metadata.AccessKeyId, metadata.SecretAccessKey, metadata.Token));
        await client.ConverseStreamAsync(Request(EmulatorClient.OpusProfile)).ToResultAsync();
        Assert.Equal(issued.AccessKeyId, bedrock.Requests[^1].AccessKeyId);
    }

    [Fact]
    public async Task An_SSO_profile_with_a_cached_token_resolves_through_the_portal()
    {
        await using var bedrock = await LocalBedrock.StartAsync();
        bedrock.AddSsoAccessToken("aoa-cached-access-token");
        var (client, environment) = SsoProfileClient(bedrock, "https://local-bedrock.awsapps.com/start", new JsonObject
        {
            ["startUrl"] = "https://local-bedrock.awsapps.com/start",
            ["region"] = "us-east-1",
            ["accessToken"] = "aoa-cached-access-token",
            ["expiresAt"] = DateTime.UtcNow.AddHours(1).ToString("yyyy-MM-ddTHH:mm:ssZ"),
        });
        using (environment)
        using (client)
        {
            await client.ConverseStreamAsync(Request(EmulatorClient.OpusProfile)).ToResultAsync();
        }

        Assert.Equal(["GetRoleCredentials", "ConverseStream"], bedrock.Requests.Select(r => r.Operation));
        Assert.Equal("?account_id=111122223333&role_name=Developer", bedrock.Requests[0].Query);
        Assert.Equal("REDACTED", bedrock.Requests[0].Headers["x-amz-sso_bearer_token"]);
        var issued = Assert.Single(bedrock.IssuedCredentials);
        Assert.StartsWith("arn:aws:sts::111122223333:assumed-role/AWSReservedSSO_Developer_", issued.Arn, StringComparison.Ordinal);
        Assert.Equal(issued.AccessKeyId, bedrock.Requests[1].AccessKeyId);
    }

    [Fact]
    public async Task An_expired_cached_SSO_token_is_refreshed_with_CreateToken_before_the_portal_call()
    {
        const string startUrl = "https://local-bedrock-refresh.awsapps.com/start";
        await using var bedrock = await LocalBedrock.StartAsync();
        bedrock.AddSsoRefreshToken("aor-cached-refresh-token", "cached-client-id", "cached-client-secret");
        var (client, environment) = SsoProfileClient(bedrock, startUrl, new JsonObject
        {
            ["startUrl"] = startUrl,
            ["region"] = "us-east-1",
            ["accessToken"] = "aoa-expired-access-token",
            ["expiresAt"] = DateTime.UtcNow.AddHours(-1).ToString("yyyy-MM-ddTHH:mm:ssZ"),
            ["refreshToken"] = "aor-cached-refresh-token",
            ["clientId"] = "cached-client-id",
            ["clientSecret"] = "cached-client-secret",
            ["registrationExpiresAt"] = DateTime.UtcNow.AddDays(30).ToString("yyyy-MM-ddTHH:mm:ssZ"),
        });
        using (environment)
        using (client)
        {
            await client.ConverseStreamAsync(Request(EmulatorClient.OpusProfile)).ToResultAsync();
        }

        Assert.Equal(["CreateToken", "GetRoleCredentials", "ConverseStream"], bedrock.Requests.Select(r => r.Operation));
        Assert.Contains("\"grantType\":\"refresh_token\"", bedrock.Requests[0].Body, StringComparison.Ordinal);
        Assert.Contains("\"refreshToken\":\"REDACTED\"", bedrock.Requests[0].Body, StringComparison.Ordinal);
        var cached = JsonNode.Parse(await File.ReadAllTextAsync(SsoCacheFile(startUrl)))!;
        Assert.StartsWith("aoa", cached["accessToken"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.NotEqual("aoa-expired-access-token", cached["accessToken"]!.GetValue<string>());
        Assert.Equal(Assert.Single(bedrock.IssuedCredentials).AccessKeyId, bedrock.Requests[2].AccessKeyId);
    }

    private (BedrockClient Client, IDisposable Environment) SsoProfileClient(LocalBedrock bedrock, string startUrl, JsonObject cachedToken)
    {
        var environment = AwsProcessEnvironment.Set(
            ("HOME", _directory),
            ("AWS_ENDPOINT_URL_SSO", bedrock.Endpoint.ToString()),
            ("AWS_ENDPOINT_URL_SSO_OIDC", bedrock.Endpoint.ToString()));
        Directory.CreateDirectory(Path.GetDirectoryName(SsoCacheFile(startUrl))!);
        File.WriteAllText(SsoCacheFile(startUrl), cachedToken.ToJsonString());
        var file = Write("credentials", $"""
            [developer]
            sso_start_url = {startUrl}
            sso_region = us-east-1
            sso_account_id = 111122223333
            sso_role_name = Developer
            """);
        var options = Options(Environment(("AWS_PROFILE", "developer"), ("AWS_SHARED_CREDENTIALS_FILE", file), ("HOME", _directory)));
        options.Endpoint = bedrock.Endpoint;
        options.Region = bedrock.Region;
        return (new BedrockClient(options), environment);
    }

    /// <summary>Where AWSSDK.Core caches a legacy (no sso_session) profile's token: the SHA-1 of the start URL.</summary>
    private string SsoCacheFile(string startUrl) => Path.Combine(_directory, ".aws", "sso", "cache",
        Convert.ToHexStringLower(SHA1.HashData(Encoding.UTF8.GetBytes(startUrl))) + ".json");

    private static BedrockClient DefaultChainClient(LocalBedrock bedrock)
    {
        var options = Options();
        options.DefaultCredentialChain = null;
        options.CredentialResolutionTimeout = TimeSpan.FromSeconds(30);
        options.Endpoint = bedrock.Endpoint;
        options.Region = bedrock.Region;
        return new BedrockClient(options);
    }

    private string Write(string name, string text)
    {
        var path = Path.Combine(_directory, name);
        File.WriteAllText(path, text);
        return path;
    }
}

/// <summary>
/// The process environment AWSSDK.Core's providers read. Tests of this collection run alone (no other test runs
/// meanwhile), set variables for their duration and put back what was there.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class AwsProcessEnvironment
{
    public const string Name = "AWS SDK process environment";

    public static IDisposable Set(params (string Name, string Value)[] variables)
    {
        var previous = variables.Select(v => (v.Name, Value: System.Environment.GetEnvironmentVariable(v.Name))).ToArray();
        foreach (var (name, value) in variables)
        {
            System.Environment.SetEnvironmentVariable(name, value);
        }

        Refresh();
        return new Restore(previous);
    }

    /// <summary>AWSSDK.Core caches the instance metadata endpoint and the region it read; they are read again.</summary>
    private static void Refresh()
    {
        FallbackInternalConfigurationFactory.Reset();
        FallbackRegionFactory.Reset();
    }

    private sealed class Restore((string Name, string? Value)[] previous) : IDisposable
    {
        public void Dispose()
        {
            foreach (var (name, value) in previous)
            {
                System.Environment.SetEnvironmentVariable(name, value);
            }

            Refresh();
        }
    }
}
