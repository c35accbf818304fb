using System.Net;
using Amazon.Runtime;
using Amazon.SecurityToken;
using Amazon.SecurityToken.Model;
using Amazon.SSO;
using Amazon.SSO.Model;
using Amazon.SSOOIDC;
using Amazon.SSOOIDC.Model;
using Clawdbot.Sdk.Testing;
using Microsoft.Extensions.Time.Testing;
using static Clawdbot.Sdk.Tests.Runtime.RuntimeTestSupport;

namespace Clawdbot.Sdk.Tests.Emulator;

/// <summary>
/// LocalBedrock's identity endpoints driven by the real AWS clients (AWSSDK.SecurityToken, AWSSDK.SSO, AWSSDK.SSOOIDC)
/// pointed at the emulator by ServiceURL, and the credentials they issue signing Bedrock calls.
/// </summary>
public sealed class LocalIdentityTests
{
    private const string ReaderRole = "arn:aws:iam::123456789012:role/Reader";

    [Fact]
    public async Task AssumeRole_issues_credentials_that_sign_runtime_and_control_plane_calls()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var bedrock = await LocalBedrock.StartAsync(new LocalBedrockOptions { TimeProvider = clock });
        using var sts = Sts(bedrock, bedrock.Credentials);

        var assumed = await sts.AssumeRoleAsync(new AssumeRoleRequest { RoleArn = ReaderRole, RoleSessionName = "tests" });

        var credentials = assumed.Credentials;
        Assert.StartsWith("ASIA", credentials.AccessKeyId, StringComparison.Ordinal);
        Assert.Equal(20, credentials.AccessKeyId.Length);
        Assert.Equal("arn:aws:sts::123456789012:assumed-role/Reader/tests", assumed.AssumedRoleUser.Arn);
        Assert.EndsWith(":tests", assumed.AssumedRoleUser.AssumedRoleId, StringComparison.Ordinal);
        Assert.Equal((clock.GetUtcNow() + TimeSpan.FromHours(1)).ToUnixTimeSeconds(),
            new DateTimeOffset(credentials.Expiration!.Value.ToUniversalTime()).ToUnixTimeSeconds());

        using var client = Client(bedrock, options =>
        {
            options.Credentials = Session(credentials);
            options.ControlPlaneEndpoint = bedrock.Endpoint;
        });
        var result = await client.ConverseStreamAsync(Request(EmulatorClient.OpusProfile, "signed by a role")).ToResultAsync();
        var page = await new BedrockClientControlPlane(client).ListFoundationModelsAsync(null, CancellationToken.None);

        Assert.Equal("You said: signed by a role", result.Text);
        Assert.NotEmpty(page.ModelSummaries!);
        var assumeRole = bedrock.Requests.Single(r => r.Operation == "AssumeRole");
        Assert.Equal(RequestAuthKind.SigV4, assumeRole.AuthKind);
        Assert.Equal(bedrock.AccessKeyId, assumeRole.AccessKeyId);
        Assert.Contains("RoleArn=" + Uri.EscapeDataString(ReaderRole), assumeRole.Body, StringComparison.Ordinal);
        Assert.Equal("REDACTED", assumeRole.Headers["Authorization"]);
        Assert.All(bedrock.Requests.Where(r => r.Operation is "ConverseStream" or "ListFoundationModels"),
            r => Assert.Equal(credentials.AccessKeyId, r.AccessKeyId));
        Assert.Equal(new IssuedCredential(credentials.AccessKeyId, assumed.AssumedRoleUser.Arn, "AssumeRole", clock.GetUtcNow() + TimeSpan.FromHours(1)),
            Assert.Single(bedrock.IssuedCredentials));
    }

    [Fact]
    public async Task GetCallerIdentity_names_the_configured_user_and_the_assumed_role_session()
    {
        await using var bedrock = await LocalBedrock.StartAsync();
        using var asUser = Sts(bedrock, bedrock.Credentials);
        var user = await asUser.GetCallerIdentityAsync(new GetCallerIdentityRequest());
        var credentials = (await asUser.AssumeRoleAsync(new AssumeRoleRequest { RoleArn = ReaderRole, RoleSessionName = "who" })).Credentials;
        using var asRole = Sts(bedrock, Session(credentials));

        var role = await asRole.GetCallerIdentityAsync(new GetCallerIdentityRequest());

        Assert.Equal("arn:aws:iam::123456789012:user/local-bedrock", user.Arn);
        Assert.Equal("123456789012", user.Account);
        Assert.StartsWith("AIDA", user.UserId, StringComparison.Ordinal);
        Assert.Equal("arn:aws:sts::123456789012:assumed-role/Reader/who", role.Arn);
        Assert.StartsWith("AROA", role.UserId, StringComparison.Ordinal);
        Assert.EndsWith(":who", role.UserId, StringComparison.Ordinal);
        Assert.Equal(["GetCallerIdentity", "AssumeRole", "GetCallerIdentity"], bedrock.Requests.Select(r => r.Operation));
    }

    [Fact]
    public async Task A_role_session_can_assume_another_role_for_at_most_an_hour()
    {
        await using var bedrock = await LocalBedrock.StartAsync();
        using var asUser = Sts(bedrock, bedrock.Credentials);
        var first = (await asUser.AssumeRoleAsync(new AssumeRoleRequest { RoleArn = ReaderRole, RoleSessionName = "first" })).Credentials;
        using var asFirst = Sts(bedrock, Session(first));

        var chained = await asFirst.AssumeRoleAsync(new AssumeRoleRequest { RoleArn = "arn:aws:iam::210987654321:role/team/Writer", RoleSessionName = "second" });
        var tooLong = await Assert.ThrowsAsync<AmazonSecurityTokenServiceException>(() => asFirst.AssumeRoleAsync(
            new AssumeRoleRequest { RoleArn = ReaderRole, RoleSessionName = "third", DurationSeconds = 7200 }));

        Assert.Equal("arn:aws:sts::210987654321:assumed-role/Writer/second", chained.AssumedRoleUser.Arn);
        Assert.Equal(first.AccessKeyId, bedrock.Requests[1].AccessKeyId);
        Assert.Equal("ValidationError", tooLong.ErrorCode);
        Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);
        Assert.Equal("The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.", tooLong.Message);
        using var client = Client(bedrock, options => options.Credentials = Session(chained.Credentials));
        Assert.Equal("You said: Hi", (await client.ConverseStreamAsync(Request(EmulatorClient.OpusProfile)).ToResultAsync()).Text);
    }

    [Fact]
    public async Task A_role_registered_with_an_external_id_refuses_callers_without_it_as_AccessDenied()
    {
        await using var bedrock = await LocalBedrock.StartAsync();
        const string vendorRole = "arn:aws:iam::123456789012:role/VendorAccess";
        bedrock.AddRole(vendorRole, requiredExternalId: "expected-external-id");
        using var sts = Sts(bedrock, bedrock.Credentials);

        var wrong = await Assert.ThrowsAsync<AmazonSecurityTokenServiceException>(() => sts.AssumeRoleAsync(
            new AssumeRoleRequest { RoleArn = vendorRole, RoleSessionName = "vendor", ExternalId = "wrong" }));
        var missing = await Assert.ThrowsAsync<AmazonSecurityTokenServiceException>(() => sts.AssumeRoleAsync(
            new AssumeRoleRequest { RoleArn = vendorRole, RoleSessionName = "vendor" }));
        var granted = await sts.AssumeRoleAsync(new AssumeRoleRequest { RoleArn = vendorRole, RoleSessionName = "vendor", ExternalId = "expected-external-id" });

        foreach (var denied in new[] { wrong, missing })
        {
            Assert.Equal("AccessDenied", denied.ErrorCode);
            Assert.Equal(ErrorType.Sender, denied.ErrorType);
            Assert.Equal(HttpStatusCode.Forbidden, denied.StatusCode);
            Assert.Equal($"User: arn:aws:iam::123456789012:user/local-bedrock is not authorized to perform: sts:AssumeRole on resource: {vendorRole}", denied.Message);
            Assert.Matches("^00000000-0000-4000-8000-[0-9a-f]{12}$", denied.RequestId);
        }

        Assert.StartsWith("ASIA", granted.Credentials.AccessKeyId, StringComparison.Ordinal);
        Assert.Single(bedrock.IssuedCredentials);
    }

    [Fact]
    public async Task AssumeRole_checks_its_parameters_as_STS_does()
    {
        await using var bedrock = await LocalBedrock.StartAsync();
        using var sts = Sts(bedrock, bedrock.Credentials);
        // Values the SDK's analyzers would refuse as literals: STS itself must check them.
        var oneMinute = int.Parse("60", System.Globalization.CultureInfo.InvariantCulture);
        var sessionWithSpace = string.Concat("has", " ", "space");

        var badArn = await Assert.ThrowsAsync<AmazonSecurityTokenServiceException>(() => sts.AssumeRoleAsync(
            new AssumeRoleRequest { RoleArn = "arn:aws:iam::123:user/Reader", RoleSessionName = "s1" }));
        var shortDuration = await Assert.ThrowsAsync<AmazonSecurityTokenServiceException>(() => sts.AssumeRoleAsync(
            new AssumeRoleRequest { RoleArn = ReaderRole, RoleSessionName = "s1", DurationSeconds = oneMinute }));
        var badSession = await Assert.ThrowsAsync<AmazonSecurityTokenServiceException>(() => sts.AssumeRoleAsync(
            new AssumeRoleRequest { RoleArn = ReaderRole, RoleSessionName = sessionWithSpace }));
        var twoHours = await sts.AssumeRoleAsync(new AssumeRoleRequest { RoleArn = ReaderRole, RoleSessionName = "long", DurationSeconds = 7200 });

        Assert.Equal(("ValidationError", "Request ARN is invalid"), (badArn.ErrorCode, badArn.Message));
        Assert.Equal("ValidationError", shortDuration.ErrorCode);
        Assert.Contains("'durationSeconds' failed to satisfy constraint: Member must have value greater than or equal to 900", shortDuration.Message, StringComparison.Ordinal);
        Assert.Equal("ValidationError", badSession.ErrorCode);
        Assert.Contains("'roleSessionName'", badSession.Message, StringComparison.Ordinal);
        var issued = Assert.Single(bedrock.IssuedCredentials);
        Assert.Equal(twoHours.Credentials.AccessKeyId, issued.AccessKeyId);
        Assert.InRange(issued.Expiration - DateTimeOffset.UtcNow, TimeSpan.FromMinutes(119), TimeSpan.FromMinutes(121));
    }

    [Fact]
    public async Task STS_refuses_unknown_keys_and_bad_signatures_in_its_own_words()
    {
        await using var bedrock = await LocalBedrock.StartAsync();
        using var unknownKey = Sts(bedrock, new BasicAWSCredentials("AKIDSOMEONEELSE", bedrock.SecretAccessKey));
        using var wrongSecret = Sts(bedrock, new BasicAWSCredentials(bedrock.AccessKeyId, "not-the-secret"));

        var unknown = await Assert.ThrowsAsync<AmazonSecurityTokenServiceException>(() => unknownKey.GetCallerIdentityAsync(new GetCallerIdentityRequest()));
        var mismatch = await Assert.ThrowsAsync<AmazonSecurityTokenServiceException>(() => wrongSecret.GetCallerIdentityAsync(new GetCallerIdentityRequest()));

        Assert.Equal(("InvalidClientTokenId", "The security token included in the request is invalid."), (unknown.ErrorCode, unknown.Message));
        Assert.Equal(HttpStatusCode.Forbidden, unknown.StatusCode);
        Assert.Equal("SignatureDoesNotMatch", mismatch.ErrorCode);
        Assert.StartsWith("The request signature we calculated does not match", mismatch.Message, StringComparison.Ordinal);
        Assert.Contains("/sts/aws4_request", mismatch.Message, StringComparison.Ordinal);
        Assert.Empty(bedrock.IssuedCredentials);
    }

    [Fact]
    public async Task STS_accepts_the_global_signing_region_as_well_as_the_emulators()
    {
        await using var bedrock = await LocalBedrock.StartAsync(new LocalBedrockOptions { Region = "eu-west-1" });
        using var regional = Sts(bedrock, bedrock.Credentials);
        using var global = Sts(bedrock, bedrock.Credentials, "us-east-1");
        using var elsewhere = Sts(bedrock, bedrock.Credentials, "ap-south-1");

        await regional.GetCallerIdentityAsync(new GetCallerIdentityRequest());
        await global.GetCallerIdentityAsync(new GetCallerIdentityRequest());
        var refused = await Assert.ThrowsAsync<AmazonSecurityTokenServiceException>(() => elsewhere.GetCallerIdentityAsync(new GetCallerIdentityRequest()));

        Assert.Equal("SignatureDoesNotMatch", refused.ErrorCode);
        Assert.StartsWith("Credential should be scoped to a valid region, not 'ap-south-1'.", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Issued_credentials_are_refused_once_expired_by_Bedrock_and_by_STS()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var bedrock = await LocalBedrock.StartAsync(new LocalBedrockOptions
        {
            TimeProvider = clock,
            TemporaryCredentialLifetime = TimeSpan.FromMinutes(3),
        });
        using var sts = Sts(bedrock, bedrock.Credentials);
        var credentials = (await sts.AssumeRoleAsync(new AssumeRoleRequest { RoleArn = ReaderRole, RoleSessionName = "brief" })).Credentials;
        using var client = Client(bedrock, options => options.Credentials = Session(credentials));
        using var asRole = Sts(bedrock, Session(credentials));
        await client.ConverseStreamAsync(Request(EmulatorClient.OpusProfile, "still valid")).ToResultAsync();

        // Within the 5-minute clock skew AWS allows, so the expiry alone refuses the calls.
        clock.Advance(TimeSpan.FromMinutes(3));
        var bedrockError = await Assert.ThrowsAsync<BedrockException>(() => client.ConverseStreamAsync(Request(EmulatorClient.OpusProfile, "expired")).ToResultAsync());
        var stsError = await Assert.ThrowsAsync<AmazonSecurityTokenServiceException>(() => asRole.GetCallerIdentityAsync(new GetCallerIdentityRequest()));

        Assert.Equal(BedrockErrorKind.ExpiredToken, bedrockError.Kind);
        Assert.Equal(403, bedrockError.StatusCode);
        Assert.Equal("ExpiredTokenException", bedrockError.ErrorCode);
        Assert.Contains("The security token included in the request is expired", bedrockError.Message, StringComparison.Ordinal);
        Assert.Equal(("ExpiredToken", HttpStatusCode.Forbidden), (stsError.ErrorCode, stsError.StatusCode));
        Assert.Equal("The security token included in the request is expired", stsError.Message);
        Assert.All(bedrock.Requests.Where(r => r.Operation == "ConverseStream"), r => Assert.Equal(credentials.AccessKeyId, r.AccessKeyId));
    }

    [Fact]
    public async Task AssumeRoleWithWebIdentity_accepts_registered_tokens_only_and_never_logs_them()
    {
        const string token = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ0ZXN0cyJ9.registered-token";
        const string stranger = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ0ZXN0cyJ9.unknown-token";
        await using var bedrock = await LocalBedrock.StartAsync();
        bedrock.AddWebIdentityToken(token);
        using var sts = Sts(bedrock, new AnonymousAWSCredentials());

        var assumed = await sts.AssumeRoleWithWebIdentityAsync(new AssumeRoleWithWebIdentityRequest
        {
            RoleArn = "arn:aws:iam::123456789012:role/PodRole", RoleSessionName = "pod", WebIdentityToken = token,
        });
        var refused = await Assert.ThrowsAsync<InvalidIdentityTokenException>(() => sts.AssumeRoleWithWebIdentityAsync(new AssumeRoleWithWebIdentityRequest
        {
            RoleArn = "arn:aws:iam::123456789012:role/PodRole", RoleSessionName = "pod", WebIdentityToken = stranger,
        }));

        Assert.Equal("arn:aws:sts::123456789012:assumed-role/PodRole/pod", assumed.AssumedRoleUser.Arn);
        Assert.Equal("InvalidIdentityToken", refused.ErrorCode);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.All(bedrock.Requests, request =>
        {
            Assert.Equal("AssumeRoleWithWebIdentity", request.Operation);
            Assert.Equal(RequestAuthKind.None, request.AuthKind);
            Assert.Contains("RoleArn=arn%3Aaws%3Aiam%3A%3A123456789012%3Arole%2FPodRole", request.Body, StringComparison.Ordinal);
            Assert.Contains("WebIdentityToken=REDACTED", request.Body, StringComparison.Ordinal);
            Assert.DoesNotContain("token", request.Body.Replace("WebIdentityToken", ""), StringComparison.Ordinal);
        });
        using var client = Client(bedrock, options => options.Credentials = Session(assumed.Credentials));
        await client.ConverseStreamAsync(Request(EmulatorClient.OpusProfile)).ToResultAsync();
        Assert.Equal(assumed.Credentials.AccessKeyId, bedrock.Requests[^1].AccessKeyId);
    }

    [Fact]
    public async Task Unsupported_STS_action_is_InvalidAction()
    {
        await using var bedrock = await LocalBedrock.StartAsync();
        using var sts = Sts(bedrock, bedrock.Credentials);

        var error = await Assert.ThrowsAsync<AmazonSecurityTokenServiceException>(() => sts.GetSessionTokenAsync(new GetSessionTokenRequest()));

        Assert.Equal(("InvalidAction", "Could not find operation GetSessionToken for version 2011-06-15"), (error.ErrorCode, error.Message));
        Assert.Equal("GetSessionToken", bedrock.Requests.Single().Operation);
    }

    [Fact]
    public async Task GetRoleCredentials_trades_a_registered_SSO_access_token_for_credentials()
    {
        const string accessToken = "aoa-registered-sso-access-token";
        await using var bedrock = await LocalBedrock.StartAsync();
        bedrock.AddSsoAccessToken(accessToken);
        using var sso = new AmazonSSOClient(new AnonymousAWSCredentials(), new AmazonSSOConfig { ServiceURL = bedrock.Endpoint.ToString(), MaxErrorRetry = 0 });

        var granted = await sso.GetRoleCredentialsAsync(new GetRoleCredentialsRequest { AccessToken = accessToken, AccountId = "111122223333", RoleName = "Developer" });
        var refused = await Assert.ThrowsAsync<UnauthorizedException>(() => sso.GetRoleCredentialsAsync(
            new GetRoleCredentialsRequest { AccessToken = "aoa-unknown", AccountId = "111122223333", RoleName = "Developer" }));

        var roleCredentials = granted.RoleCredentials;
        Assert.StartsWith("ASIA", roleCredentials.AccessKeyId, StringComparison.Ordinal);
        Assert.InRange(DateTimeOffset.FromUnixTimeMilliseconds(roleCredentials.Expiration!.Value) - DateTimeOffset.UtcNow, TimeSpan.FromMinutes(59), TimeSpan.FromMinutes(61));
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal("Session token not found or invalid", refused.Message);
        Assert.StartsWith("arn:aws:sts::111122223333:assumed-role/AWSReservedSSO_Developer_", Assert.Single(bedrock.IssuedCredentials).Arn, StringComparison.Ordinal);
        Assert.All(bedrock.Requests, request =>
        {
            Assert.Equal("GetRoleCredentials", request.Operation);
            Assert.Equal("REDACTED", request.Headers["x-amz-sso_bearer_token"]);
            Assert.Contains("role_name=Developer", request.Query, StringComparison.Ordinal);
        });
        using var client = Client(bedrock, options => options.Credentials = new SessionAWSCredentials(
            roleCredentials.AccessKeyId, roleCredentials.SecretAccessKey, roleCredentials.SessionToken));
        await client.ConverseStreamAsync(Request(EmulatorClient.OpusProfile)).ToResultAsync();
        Assert.Equal(roleCredentials.AccessKeyId, bedrock.Requests[^1].AccessKeyId);
    }

    [Fact]
    public async Task CreateToken_refreshes_an_SSO_token_the_portal_then_accepts_until_it_expires()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var bedrock = await LocalBedrock.StartAsync(new LocalBedrockOptions { TimeProvider = clock });
        bedrock.AddSsoRefreshToken("aor-refresh-token", "client-id-1", "client-secret-1");
        using var oidc = new AmazonSSOOIDCClient(new AnonymousAWSCredentials(), new AmazonSSOOIDCConfig { ServiceURL = bedrock.Endpoint.ToString(), MaxErrorRetry = 0 });
        using var sso = new AmazonSSOClient(new AnonymousAWSCredentials(), new AmazonSSOConfig { ServiceURL = bedrock.Endpoint.ToString(), MaxErrorRetry = 0 });

        var token = await oidc.CreateTokenAsync(new CreateTokenRequest
        {
            ClientId = "client-id-1", ClientSecret = "client-secret-1", GrantType = "refresh_token", RefreshToken = "aor-refresh-token",
        });
        var granted = await sso.GetRoleCredentialsAsync(new GetRoleCredentialsRequest { AccessToken = token.AccessToken, AccountId = "123456789012", RoleName = "Reader" });
        clock.Advance(TimeSpan.FromHours(1));
        var expired = await Assert.ThrowsAsync<UnauthorizedException>(() => sso.GetRoleCredentialsAsync(
            new GetRoleCredentialsRequest { AccessToken = token.AccessToken, AccountId = "123456789012", RoleName = "Reader" }));
        var next = await oidc.CreateTokenAsync(new CreateTokenRequest
        {
            ClientId = "client-id-1", ClientSecret = "client-secret-1", GrantType = "refresh_token", RefreshToken = token.RefreshToken,
        });

        Assert.Equal("Bearer", token.TokenType);
        Assert.Equal(3600, token.ExpiresIn);
        Assert.NotEqual("aor-refresh-token", token.RefreshToken);
        Assert.StartsWith("ASIA", granted.RoleCredentials.AccessKeyId, StringComparison.Ordinal);
        Assert.Equal("Session token not found or invalid", expired.Message);
        Assert.NotEqual(token.AccessToken, next.AccessToken);
        var createToken = bedrock.Requests.First(r => r.Operation == "CreateToken");
        Assert.Contains("\"clientId\":\"client-id-1\"", createToken.Body, StringComparison.Ordinal);
        Assert.Contains("\"refreshToken\":\"REDACTED\"", createToken.Body, StringComparison.Ordinal);
        Assert.Contains("\"clientSecret\":\"REDACTED\"", createToken.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("client-secret-1", createToken.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateToken_refuses_an_unknown_refresh_token_or_client_as_SSO_OIDC_does()
    {
        await using var bedrock = await LocalBedrock.StartAsync();
        bedrock.AddSsoRefreshToken("aor-refresh-token", "client-id-1", "client-secret-1");
        using var oidc = new AmazonSSOOIDCClient(new AnonymousAWSCredentials(), new AmazonSSOOIDCConfig { ServiceURL = bedrock.Endpoint.ToString(), MaxErrorRetry = 0 });

        var unknownGrant = await Assert.ThrowsAsync<InvalidGrantException>(() => oidc.CreateTokenAsync(new CreateTokenRequest
        {
            ClientId = "client-id-1", ClientSecret = "client-secret-1", GrantType = "refresh_token", RefreshToken = "aor-never-issued",
        }));
        var unknownClient = await Assert.ThrowsAsync<InvalidClientException>(() => oidc.CreateTokenAsync(new CreateTokenRequest
        {
            ClientId = "client-id-1", ClientSecret = "wrong-secret", GrantType = "refresh_token", RefreshToken = "aor-refresh-token",
        }));

        Assert.Equal(HttpStatusCode.BadRequest, unknownGrant.StatusCode);
        Assert.Equal(("invalid_grant", "Invalid refresh token provided"), (unknownGrant.Error, unknownGrant.Error_description));
        Assert.Equal(HttpStatusCode.Unauthorized, unknownClient.StatusCode);
        Assert.Equal("invalid_client", unknownClient.Error);
        Assert.Empty(bedrock.IssuedCredentials);
    }

    [Fact]
    public async Task Instance_metadata_serves_IMDSv2_only_and_mints_credentials_for_its_role()
    {
        await using var bedrock = await LocalBedrock.StartAsync();
        using var http = new HttpClient { BaseAddress = bedrock.InstanceMetadataEndpoint };

        using var withoutToken = await http.GetAsync("latest/meta-data/iam/security-credentials/");
        using var tokenRequest = new HttpRequestMessage(HttpMethod.Put, "latest/api/token");
        tokenRequest.Headers.Add("x-aws-ec2-metadata-token-ttl-seconds", "60");
        using var tokenResponse = await http.SendAsync(tokenRequest);
        var token = await tokenResponse.Content.ReadAsStringAsync();
        http.DefaultRequestHeaders.Add("x-aws-ec2-metadata-token", token);
        var roles = await http.GetStringAsync("latest/meta-data/iam/security-credentials/");
        var document = System.Text.Json.JsonDocument.Parse(await http.GetStringAsync("latest/meta-data/iam/security-credentials/" + roles));
        using var otherRole = await http.GetAsync("latest/meta-data/iam/security-credentials/SomeOtherRole");

        Assert.Equal(HttpStatusCode.Unauthorized, withoutToken.StatusCode);
        Assert.Equal("60", tokenResponse.Headers.GetValues("x-aws-ec2-metadata-token-ttl-seconds").Single());
        Assert.Equal(LocalBedrockOptions.DefaultInstanceRoleName, roles);
        var credentials = document.RootElement;
        Assert.Equal("Success", credentials.GetProperty("Code").GetString());
        Assert.Equal("AWS-HMAC", credentials.GetProperty("Type").GetString());
        var accessKeyId = credentials.GetProperty("AccessKeyId").GetString()!;
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$", credentials.GetProperty("Expiration").GetString());
        Assert.Equal(HttpStatusCode.NotFound, otherRole.StatusCode);
        Assert.Equal(accessKeyId, Assert.Single(bedrock.IssuedCredentials).AccessKeyId);
        Assert.Equal(
            ["InstanceMetadataRoles", "InstanceMetadataToken", "InstanceMetadataRoles", "InstanceMetadataCredentials", "InstanceMetadataCredentials"],
            bedrock.Requests.Select(r => r.Operation));
        Assert.All(bedrock.Requests.Skip(2), r => Assert.Equal("REDACTED", r.Headers["x-aws-ec2-metadata-token"]));

        using var client = Client(bedrock, options => options.Credentials = new SessionAWSCredentials(
            accessKeyId, credentials.GetProperty("SecretAccessKey").GetString(), credentials.GetProperty("Token").GetString()));
        await client.ConverseStreamAsync(Request(EmulatorClient.OpusProfile)).ToResultAsync();
        Assert.Equal(accessKeyId, bedrock.Requests[^1].AccessKeyId);
    }

    [Fact]
    public async Task Instance_metadata_tokens_expire_and_need_a_TTL()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var bedrock = await LocalBedrock.StartAsync(new LocalBedrockOptions { TimeProvider = clock });
        using var http = new HttpClient { BaseAddress = bedrock.InstanceMetadataEndpoint };
        using var noTtl = await http.PutAsync("latest/api/token", null);
        using var tokenRequest = new HttpRequestMessage(HttpMethod.Put, "latest/api/token");
        tokenRequest.Headers.Add("x-aws-ec2-metadata-token-ttl-seconds", "30");
        using var tokenResponse = await http.SendAsync(tokenRequest);
        http.DefaultRequestHeaders.Add("x-aws-ec2-metadata-token", await tokenResponse.Content.ReadAsStringAsync());

        using var fresh = await http.GetAsync("latest/meta-data/iam/info");
        clock.Advance(TimeSpan.FromSeconds(30));
        using var stale = await http.GetAsync("latest/meta-data/iam/info");

        Assert.Equal(HttpStatusCode.BadRequest, noTtl.StatusCode);
        Assert.Equal(HttpStatusCode.OK, fresh.StatusCode);
        Assert.Contains("instance-profile/" + LocalBedrockOptions.DefaultInstanceRoleName, await fresh.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, stale.StatusCode);
    }

    [Fact]
    public async Task Container_credentials_need_the_authorization_token()
    {
        await using var bedrock = await LocalBedrock.StartAsync(new LocalBedrockOptions { ContainerAuthorizationToken = "container-token-for-tests" });
        using var http = new HttpClient();

        using var anonymous = await http.GetAsync(bedrock.ContainerCredentialsUri);
        using var wrong = new HttpRequestMessage(HttpMethod.Get, bedrock.ContainerCredentialsUri);
        wrong.Headers.TryAddWithoutValidation("Authorization", "not-the-token");
        using var refused = await http.SendAsync(wrong);
        using var right = new HttpRequestMessage(HttpMethod.Get, bedrock.ContainerCredentialsUri);
        right.Headers.TryAddWithoutValidation("Authorization", bedrock.ContainerAuthorizationToken);
        using var granted = await http.SendAsync(right);
        var credentials = System.Text.Json.JsonDocument.Parse(await granted.Content.ReadAsStringAsync()).RootElement;

        Assert.Equal("container-token-for-tests", bedrock.ContainerAuthorizationToken);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal(HttpStatusCode.OK, granted.StatusCode);
        Assert.Equal("arn:aws:iam::123456789012:role/local-bedrock-container-role", credentials.GetProperty("RoleArn").GetString());
        Assert.Equal(Assert.Single(bedrock.IssuedCredentials).AccessKeyId, credentials.GetProperty("AccessKeyId").GetString());
        Assert.All(bedrock.Requests, request =>
        {
            Assert.Equal("ContainerCredentials", request.Operation);
            Assert.Equal(RequestAuthKind.None, request.AuthKind);
            Assert.Null(request.AccessKeyId);
        });
        Assert.Equal("REDACTED", bedrock.Requests[2].Headers["Authorization"]);
    }

    [Fact]
    public async Task A_lifetime_that_is_not_positive_is_refused_at_start()
    {
        var error = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() =>
            LocalBedrock.StartAsync(new LocalBedrockOptions { TemporaryCredentialLifetime = TimeSpan.Zero }));

        Assert.Equal("TemporaryCredentialLifetime", error.ParamName);
    }

    internal static AmazonSecurityTokenServiceClient Sts(LocalBedrock bedrock, AWSCredentials credentials, string? signingRegion = null) =>
        new(credentials, new AmazonSecurityTokenServiceConfig
        {
            ServiceURL = bedrock.Endpoint.ToString(),
            AuthenticationRegion = signingRegion ?? bedrock.Region,
            MaxErrorRetry = 0,
        });

    internal static SessionAWSCredentials Session(Amazon.SecurityToken.Model.Credentials credentials) =>
        new(credentials.AccessKeyId, credentials.SecretAccessKey, credentials.SessionToken);
}
