using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Primitives;

namespace Clawdbot.Sdk.Testing.Internal;

/// <summary>
/// The AWS identity endpoints credential providers call, served beside Bedrock: STS (query protocol), the IAM Identity
/// Center portal (<c>GetRoleCredentials</c>), SSO OIDC (<c>CreateToken</c> with a refresh token), the EC2 instance
/// metadata service (IMDSv2) and a container credentials endpoint. Each success mints temporary credentials in the
/// <see cref="IdentityStore"/>, which the SigV4 check then accepts until they expire.
/// </summary>
internal sealed partial class IdentityEndpoints
{
    public const string StsVersion = "2011-06-15";
    private const string GlobalStsRegion = "us-east-1";
    private const string ExpiredTokenMessage = "The security token included in the request is expired";
    private const int MaxMetadataTokenSeconds = 21600;

    private readonly LocalBedrockOptions _options;
    private readonly IdentityStore _store;
    private readonly string _instanceId = "i-0" + Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(8));

    public IdentityEndpoints(LocalBedrockOptions options)
    {
        _options = options;
        _store = new IdentityStore(options);
    }

    public IdentityStore Store => _store;

    private string ContainerRoleArn => $"arn:aws:iam::{_options.AccountId}:role/local-bedrock-container-role";

    /// <summary>The STS action a request names in its form body or query (STS accepts both), else null.</summary>
    public static string? ActionOf(HttpRequest request, byte[] body) =>
        Parameters(request, body).TryGetValue("Action", out var action) && !StringValues.IsNullOrEmpty(action) ? action.ToString() : null;

    /// <summary>
    /// Checks a SigV4 request against the configured key pair and every issued credential: an issued one past its
    /// expiration is refused as AWS does (<c>ExpiredTokenException</c>) before its signature is looked at.
    /// </summary>
    public AwsError? AuthenticateSigV4(HttpRequest request, string rawTarget, byte[] body, string authorization, string serviceName, IReadOnlyList<string> regions)
    {
        var (accessKeyId, scopeRegion) = SigV4Verifier.ScopeOf(authorization);
        if (accessKeyId is not null
            && _store.FindIssued(accessKeyId) is { } issued
            && _store.Now >= issued.Expiration
            && IdentityStore.FixedTimeEquals(request.Headers["x-amz-security-token"].ToString(), issued.SessionToken))
        {
            return new AwsError(403, "ExpiredTokenException", ExpiredTokenMessage);
        }

        // Kestrel keeps each header line as its own value, in order; the order across different names does not matter.
        var lines = new List<(string Name, string Value)>();
        foreach (var (name, values) in request.Headers)
        {
            foreach (var value in values)
            {
                lines.Add((name, value ?? ""));
            }
        }

        // Over HTTP/2 the authority travels as the ':authority' pseudo-header, which Kestrel shows only as Host; SigV4
        // clients may sign it under either name (the AWS SDK for JavaScript signs ':authority', HttpClient's signers 'host').
        if (HttpProtocol.IsHttp2(request.Protocol) && request.Host.HasValue)
        {
            lines.Add((":authority", request.Host.Value));
        }

        // A service answering for several regions (STS's regional and global endpoints) checks the scope's region
        // when it is one of them; otherwise against the first, which the error then names.
        var region = scopeRegion is not null && regions.Contains(scopeRegion) ? scopeRegion : regions[0];
        var received = new SigV4Request(request.Method, rawTarget, lines, body);
        return SigV4Verifier.Verify(received, LookupSecret, region, serviceName, _options.TimeProvider.GetUtcNow(),
            new SigV4Settings { MaxClockSkew = _options.MaxClockSkew }).Error;
    }

    public Task HandleAsync(HttpContext context, RequestRoute route, string rawTarget, byte[] body, string requestId, CancellationToken cancellationToken) =>
        route.Service switch
        {
            RequestRoute.StsService => HandleStsAsync(context, rawTarget, body, requestId, cancellationToken),
            RequestRoute.SsoService => HandleGetRoleCredentialsAsync(context, cancellationToken),
            RequestRoute.SsoOidcService => HandleCreateTokenAsync(context, body, cancellationToken),
            RequestRoute.InstanceMetadataService => HandleInstanceMetadataAsync(context, route, cancellationToken),
            RequestRoute.ContainerService => HandleContainerCredentialsAsync(context, cancellationToken),
            _ => throw new InvalidOperationException($"No identity endpoint serves {route.Service}."),
        };

    private (string SecretAccessKey, string? SessionToken)? LookupSecret(string accessKeyId)
    {
        if (accessKeyId == _options.AccessKeyId)
        {
            return (_options.SecretAccessKey, _options.SessionToken);
        }

        return _store.FindIssued(accessKeyId) is { } issued ? (issued.SecretAccessKey, issued.SessionToken) : null;
    }

    // ---------------------------------------------------------------- STS

    private async Task HandleStsAsync(HttpContext context, string rawTarget, byte[] body, string requestId, CancellationToken cancellationToken)
    {
        var request = context.Request;
        var parameters = Parameters(request, body);
        var action = parameters.TryGetValue("Action", out var value) ? value.ToString() : "";
        StsXml.Error? error;
        switch (action)
        {
            case "AssumeRole":
            case "GetCallerIdentity":
                var authorization = request.Headers.Authorization.ToString();
                var authError = authorization.Length == 0
                    ? new AwsError(403, "MissingAuthenticationTokenException", "Missing Authentication Token")
                    : AuthenticateSigV4(request, rawTarget, body, authorization, "sts", [_options.Region, GlobalStsRegion]);
                if (authError is not null)
                {
                    error = StsXml.FromAuthentication(authError);
                    break;
                }

                var caller = CallerOf(SigV4Verifier.ScopeOf(authorization).AccessKeyId!);
                error = action == "AssumeRole"
                    ? await AssumeRoleAsync(context.Response, parameters, caller, requestId, cancellationToken).ConfigureAwait(false)
                    : await GetCallerIdentityAsync(context.Response, caller, requestId, cancellationToken).ConfigureAwait(false);
                break;
            case "AssumeRoleWithWebIdentity":
                error = await AssumeRoleWithWebIdentityAsync(context.Response, parameters, requestId, cancellationToken).ConfigureAwait(false);
                break;
            case "":
                error = new StsXml.Error(400, "MissingAction", "Missing Action");
                break;
            default:
                error = new StsXml.Error(400, "InvalidAction", $"Could not find operation {action} for version {StsVersion}");
                break;
        }

        if (error is not null)
        {
            await StsXml.WriteErrorAsync(context.Response, error, requestId, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Who signed: the configured key pair is an IAM user of the emulator's account; issued keys act as their session.</summary>
    private (string Arn, string UserId, string Account, bool IsRoleSession) CallerOf(string accessKeyId) =>
        _store.FindIssued(accessKeyId) is { } issued
            ? (issued.Arn, issued.UserId, issued.Account, issued.IsRoleSession)
            : ($"arn:aws:iam::{_options.AccountId}:user/local-bedrock", IdentityStore.StableId("AIDA", accessKeyId), _options.AccountId, false);

    private async Task<StsXml.Error?> AssumeRoleAsync(HttpResponse response, Dictionary<string, StringValues> parameters,
        (string Arn, string UserId, string Account, bool IsRoleSession) caller, string requestId, CancellationToken cancellationToken)
    {
        if (ValidateRoleRequest(parameters, out var role, out var sessionName, out var duration) is { } invalid)
        {
            return invalid;
        }

        // As AWS: a role session assuming another role (role chaining) gets at most one hour.
        if (caller.IsRoleSession && duration > TimeSpan.FromHours(1))
        {
            return StsXml.Validation("The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.");
        }

        var externalId = Value(parameters, "ExternalId");
        if (_store.TryGetRole(role.Arn, out var requiredExternalId) && requiredExternalId is not null
            && (externalId is null || !IdentityStore.FixedTimeEquals(externalId, requiredExternalId)))
        {
            return new StsXml.Error(403, "AccessDenied", $"User: {caller.Arn} is not authorized to perform: sts:AssumeRole on resource: {role.Arn}");
        }

        var issued = MintRoleSession("AssumeRole", role, sessionName, duration);
        await StsXml.WriteResultAsync(response, "AssumeRole", requestId, writer =>
        {
            StsXml.WriteAssumedRoleUser(writer, issued);
            StsXml.WriteCredentials(writer, issued);
            if (Value(parameters, "SourceIdentity") is { } sourceIdentity)
            {
                writer.WriteElementString("SourceIdentity", sourceIdentity);
            }
        }, cancellationToken).ConfigureAwait(false);
        return null;
    }

    private async Task<StsXml.Error?> AssumeRoleWithWebIdentityAsync(HttpResponse response, Dictionary<string, StringValues> parameters,
        string requestId, CancellationToken cancellationToken)
    {
        if (ValidateRoleRequest(parameters, out var role, out var sessionName, out var duration) is { } invalid)
        {
            return invalid;
        }

        if (Value(parameters, "WebIdentityToken") is not { } token)
        {
            return StsXml.NotNull("webIdentityToken");
        }

        if (!_store.IsWebIdentityToken(token))
        {
            return new StsXml.Error(400, "InvalidIdentityToken",
                "The web identity token is not valid: LocalBedrock accepts only tokens registered with AddWebIdentityToken.");
        }

        var issued = MintRoleSession("AssumeRoleWithWebIdentity", role, sessionName, duration);
        await StsXml.WriteResultAsync(response, "AssumeRoleWithWebIdentity", requestId, writer =>
        {
            writer.WriteElementString("SubjectFromWebIdentityToken", "local-bedrock-web-identity");
            writer.WriteElementString("Audience", "sts.amazonaws.com");
            StsXml.WriteAssumedRoleUser(writer, issued);
            StsXml.WriteCredentials(writer, issued);
            writer.WriteElementString("Provider", Value(parameters, "ProviderId") ?? "local-bedrock");
        }, cancellationToken).ConfigureAwait(false);
        return null;
    }

    private static async Task<StsXml.Error?> GetCallerIdentityAsync(HttpResponse response,
        (string Arn, string UserId, string Account, bool IsRoleSession) caller, string requestId, CancellationToken cancellationToken)
    {
        await StsXml.WriteResultAsync(response, "GetCallerIdentity", requestId, writer =>
        {
            writer.WriteElementString("Arn", caller.Arn);
            writer.WriteElementString("UserId", caller.UserId);
            writer.WriteElementString("Account", caller.Account);
        }, cancellationToken).ConfigureAwait(false);
        return null;
    }

    /// <summary>The checks STS makes on RoleArn, RoleSessionName and DurationSeconds, worded as STS words them.</summary>
    private StsXml.Error? ValidateRoleRequest(Dictionary<string, StringValues> parameters,
        out (string Arn, string Account, string Name) role, out string sessionName, out TimeSpan duration)
    {
        role = default;
        sessionName = "";
        duration = _options.TemporaryCredentialLifetime;
        if (Value(parameters, "RoleArn") is not { } roleArn)
        {
            return StsXml.NotNull("roleArn");
        }

        if (Value(parameters, "RoleSessionName") is not { } session)
        {
            return StsXml.NotNull("roleSessionName");
        }

        if (session.Length is < 2 or > 64)
        {
            return StsXml.Validation($"1 validation error detected: Value '{session}' at 'roleSessionName' failed to satisfy constraint: Member must have length {(session.Length < 2 ? "greater than or equal to 2" : "less than or equal to 64")}");
        }

        if (!SessionNamePattern().IsMatch(session))
        {
            return StsXml.Validation($"1 validation error detected: Value '{session}' at 'roleSessionName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]*");
        }

        if (Value(parameters, "DurationSeconds") is { } durationText)
        {
            if (!int.TryParse(durationText, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) || seconds < 900)
            {
                return StsXml.Validation($"1 validation error detected: Value '{durationText}' at 'durationSeconds' failed to satisfy constraint: Member must have value greater than or equal to 900");
            }

            if (seconds > 43200)
            {
                return StsXml.Validation($"1 validation error detected: Value '{durationText}' at 'durationSeconds' failed to satisfy constraint: Member must have value less than or equal to 43200");
            }

            duration = TimeSpan.FromSeconds(seconds);
        }

        var match = RoleArnPattern().Match(roleArn);
        if (!match.Success)
        {
            return StsXml.Validation("Request ARN is invalid");
        }

        role = (roleArn, match.Groups["account"].Value, match.Groups["name"].Value);
        sessionName = session;
        return null;
    }

    private IdentityStore.Issued MintRoleSession(string operation, (string Arn, string Account, string Name) role, string sessionName, TimeSpan lifetime) =>
        _store.Mint(operation, $"arn:aws:sts::{role.Account}:assumed-role/{role.Name}/{sessionName}",
            IdentityStore.StableId("AROA", role.Arn) + ":" + sessionName, role.Account, lifetime);

    // ---------------------------------------------------------------- IAM Identity Center

    private async Task HandleGetRoleCredentialsAsync(HttpContext context, CancellationToken cancellationToken)
    {
        var request = context.Request;
        var accessToken = request.Headers["x-amz-sso_bearer_token"].ToString();
        if (accessToken.Length == 0 || !_store.IsValidSsoAccessToken(accessToken))
        {
            await WriteRestJsonErrorAsync(context.Response, 401, "UnauthorizedException",
                new JsonObject { ["message"] = "Session token not found or invalid" }, cancellationToken).ConfigureAwait(false);
            return;
        }

        var roleName = request.Query["role_name"].ToString();
        var accountId = request.Query["account_id"].ToString();
        if (roleName.Length == 0 || accountId.Length == 0)
        {
            await WriteRestJsonErrorAsync(context.Response, 400, "InvalidRequestException",
                new JsonObject { ["message"] = "role_name and account_id are required" }, cancellationToken).ConfigureAwait(false);
            return;
        }

        // IAM Identity Center's roles are named AWSReservedSSO_{permission set}_{random suffix}.
        var reservedRole = $"AWSReservedSSO_{roleName}_{Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(roleName)))[..16]}";
        var issued = _store.Mint(RequestRoute.GetRoleCredentials, $"arn:aws:sts::{accountId}:assumed-role/{reservedRole}/local-bedrock-user",
            IdentityStore.StableId("AROA", accountId + "/" + reservedRole) + ":local-bedrock-user", accountId);
        await WriteJsonAsync(context.Response, new JsonObject
        {
            ["roleCredentials"] = new JsonObject
            {
                ["accessKeyId"] = issued.AccessKeyId,
                ["secretAccessKey"] = issued.SecretAccessKey,
                ["sessionToken"] = issued.SessionToken,
                ["expiration"] = issued.Expiration.ToUnixTimeMilliseconds(),
            },
        }, cancellationToken).ConfigureAwait(false);
    }

    private async Task HandleCreateTokenAsync(HttpContext context, byte[] body, CancellationToken cancellationToken)
    {
        string? clientId = null, clientSecret = null, grantType = null, refreshToken = null;
        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind == JsonValueKind.Object)
            {
                clientId = StringProperty(document.RootElement, "clientId");
                clientSecret = StringProperty(document.RootElement, "clientSecret");
                grantType = StringProperty(document.RootElement, "grantType");
                refreshToken = StringProperty(document.RootElement, "refreshToken");
            }
        }
        catch (JsonException)
        {
        }

        var response = context.Response;
        if (clientId is null || clientSecret is null || grantType is null)
        {
            await WriteOidcErrorAsync(response, 400, "InvalidRequestException", "invalid_request",
                "clientId, clientSecret and grantType are required", cancellationToken).ConfigureAwait(false);
            return;
        }

        if (grantType != "refresh_token")
        {
            await WriteOidcErrorAsync(response, 400, "UnsupportedGrantTypeException", "unsupported_grant_type",
                $"LocalBedrock supports only the refresh_token grant, not {grantType}", cancellationToken).ConfigureAwait(false);
            return;
        }

        if (!_store.IsSsoClient(clientId, clientSecret))
        {
            await WriteOidcErrorAsync(response, 401, "InvalidClientException", "invalid_client",
                "Invalid client provided", cancellationToken).ConfigureAwait(false);
            return;
        }

        if (refreshToken is null || !_store.IsSsoRefreshTokenOf(refreshToken, clientId))
        {
            await WriteOidcErrorAsync(response, 400, "InvalidGrantException", "invalid_grant",
                "Invalid refresh token provided", cancellationToken).ConfigureAwait(false);
            return;
        }

        var lifetime = _options.TemporaryCredentialLifetime;
        var accessToken = "aoa" + IdentityStore.RandomText(40);
        var nextRefreshToken = "aor" + IdentityStore.RandomText(40);
        _store.AddSsoAccessToken(accessToken, _store.Now + lifetime);
        _store.AddSsoRefreshToken(nextRefreshToken, clientId, clientSecret);
        await WriteJsonAsync(response, new JsonObject
        {
            ["accessToken"] = accessToken,
            ["tokenType"] = "Bearer",
            ["expiresIn"] = (int)lifetime.TotalSeconds,
            ["refreshToken"] = nextRefreshToken,
        }, cancellationToken).ConfigureAwait(false);
    }

    private static string? StringProperty(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    /// <summary>SSO OIDC's errors: the exception name in <c>x-amzn-ErrorType</c>, the OAuth 2.0 error in the body.</summary>
    private static Task WriteOidcErrorAsync(HttpResponse response, int status, string type, string error, string description, CancellationToken cancellationToken) =>
        WriteRestJsonErrorAsync(response, status, type, new JsonObject { ["error"] = error, ["error_description"] = description }, cancellationToken);

    private static async Task WriteRestJsonErrorAsync(HttpResponse response, int status, string type, JsonObject body, CancellationToken cancellationToken)
    {
        response.StatusCode = status;
        response.Headers["x-amzn-ErrorType"] = type;
        response.ContentType = "application/json";
        await response.WriteAsync(body.ToJsonString(), cancellationToken).ConfigureAwait(false);
    }

    private static async Task WriteJsonAsync(HttpResponse response, JsonObject body, CancellationToken cancellationToken)
    {
        response.StatusCode = 200;
        response.ContentType = "application/json";
        await response.WriteAsync(body.ToJsonString(), cancellationToken).ConfigureAwait(false);
    }

    // ---------------------------------------------------------------- EC2 instance metadata (IMDSv2) and containers

    private async Task HandleInstanceMetadataAsync(HttpContext context, RequestRoute route, CancellationToken cancellationToken)
    {
        var request = context.Request;
        var response = context.Response;
        if (route.Operation == RequestRoute.InstanceMetadataToken)
        {
            // As IMDS: a token request that went through a proxy is refused, and the TTL is required and bounded.
            if (request.Headers.ContainsKey("X-Forwarded-For"))
            {
                await WriteTextAsync(response, 403, "Forbidden", cancellationToken).ConfigureAwait(false);
                return;
            }

            var ttlText = request.Headers["x-aws-ec2-metadata-token-ttl-seconds"].ToString();
            if (!int.TryParse(ttlText, NumberStyles.None, CultureInfo.InvariantCulture, out var ttl) || ttl is < 1 or > MaxMetadataTokenSeconds)
            {
                await WriteTextAsync(response, 400, "Bad Request", cancellationToken).ConfigureAwait(false);
                return;
            }

            response.Headers["x-aws-ec2-metadata-token-ttl-seconds"] = ttlText;
            await WriteTextAsync(response, 200, _store.IssueMetadataToken(TimeSpan.FromSeconds(ttl)), cancellationToken).ConfigureAwait(false);
            return;
        }

        if (route.Operation == RequestRoute.InstanceMetadataUnknown)
        {
            await WriteTextAsync(response, 404, "Not Found", cancellationToken).ConfigureAwait(false);
            return;
        }

        // IMDSv2 only (HttpTokens=required): every read carries a live session token.
        var token = request.Headers["x-aws-ec2-metadata-token"].ToString();
        if (token.Length == 0 || !_store.IsValidMetadataToken(token))
        {
            await WriteTextAsync(response, 401, "Unauthorized", cancellationToken).ConfigureAwait(false);
            return;
        }

        var roleName = _options.InstanceRoleName;
        var roleArn = $"arn:aws:iam::{_options.AccountId}:role/{roleName}";
        var now = StsXml.Iso8601(_store.Now);
        switch (route.Operation)
        {
            case RequestRoute.InstanceMetadataRoles:
                await WriteTextAsync(response, 200, roleName, cancellationToken).ConfigureAwait(false);
                break;
            case RequestRoute.InstanceMetadataInfo:
                await WriteIndentedJsonAsync(response, new JsonObject
                {
                    ["Code"] = "Success",
                    ["LastUpdated"] = now,
                    ["InstanceProfileArn"] = $"arn:aws:iam::{_options.AccountId}:instance-profile/{roleName}",
                    ["InstanceProfileId"] = IdentityStore.StableId("AIPA", roleArn),
                }, cancellationToken).ConfigureAwait(false);
                break;
            case RequestRoute.InstanceMetadataCredentials when route.RoleName == roleName:
                var issued = _store.Mint(RequestRoute.InstanceMetadataCredentials, $"arn:aws:sts::{_options.AccountId}:assumed-role/{roleName}/{_instanceId}",
                    IdentityStore.StableId("AROA", roleArn) + ":" + _instanceId, _options.AccountId);
                var credentials = new JsonObject
                {
                    ["Code"] = "Success",
                    ["LastUpdated"] = now,
                    ["Type"] = "AWS-HMAC",
                    ["AccessKeyId"] = issued.AccessKeyId,
                    ["SecretAccessKey"] = issued.SecretAccessKey,
                    ["Token"] = issued.SessionToken,
                    ["Expiration"] = StsXml.Iso8601(issued.Expiration),
                };
                if (route.Extended)
                {
                    credentials["AccountId"] = _options.AccountId;
                }

                await WriteIndentedJsonAsync(response, credentials, cancellationToken).ConfigureAwait(false);
                break;
            default:
                await WriteTextAsync(response, 404, "Not Found", cancellationToken).ConfigureAwait(false);
                break;
        }
    }

    private async Task HandleContainerCredentialsAsync(HttpContext context, CancellationToken cancellationToken)
    {
        var presented = context.Request.Headers.Authorization.ToString();
        if (presented.Length == 0 || !IdentityStore.FixedTimeEquals(presented, _options.ContainerAuthorizationToken))
        {
            await WriteRestJsonErrorAsync(context.Response, 401, "AccessDeniedException",
                new JsonObject { ["message"] = "The Authorization header is missing or is not the container authorization token." }, cancellationToken).ConfigureAwait(false);
            return;
        }

        const string session = "local-bedrock-task";
        var roleArn = ContainerRoleArn;
        var issued = _store.Mint(RequestRoute.ContainerCredentials, $"arn:aws:sts::{_options.AccountId}:assumed-role/local-bedrock-container-role/{session}",
            IdentityStore.StableId("AROA", roleArn) + ":" + session, _options.AccountId);
        await WriteIndentedJsonAsync(context.Response, new JsonObject
        {
            ["RoleArn"] = roleArn,
            ["AccessKeyId"] = issued.AccessKeyId,
            ["SecretAccessKey"] = issued.SecretAccessKey,
            ["Token"] = issued.SessionToken,
            ["Expiration"] = StsXml.Iso8601(issued.Expiration),
        }, cancellationToken).ConfigureAwait(false);
    }

    private static async Task WriteTextAsync(HttpResponse response, int status, string text, CancellationToken cancellationToken)
    {
        response.StatusCode = status;
        response.ContentType = "text/plain";
        await response.WriteAsync(text, cancellationToken).ConfigureAwait(false);
    }

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    private static async Task WriteIndentedJsonAsync(HttpResponse response, JsonObject body, CancellationToken cancellationToken)
    {
        response.StatusCode = 200;
        response.ContentType = "application/json";
        await response.WriteAsync(body.ToJsonString(Indented), cancellationToken).ConfigureAwait(false);
    }

    // ---------------------------------------------------------------- helpers

    /// <summary>STS parameters: the query string, then the form body (which wins), as STS reads them.</summary>
    private static Dictionary<string, StringValues> Parameters(HttpRequest request, byte[] body)
    {
        var parameters = QueryHelpers.ParseQuery(request.QueryString.Value);
        if (body.Length > 0 && request.ContentType?.StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase) == true)
        {
            foreach (var (name, value) in QueryHelpers.ParseQuery(System.Text.Encoding.UTF8.GetString(body)))
            {
                parameters[name] = value;
            }
        }

        return parameters;
    }

    private static string? Value(Dictionary<string, StringValues> parameters, string name) =>
        parameters.TryGetValue(name, out var value) && !StringValues.IsNullOrEmpty(value) ? value.ToString() : null;

    [GeneratedRegex(@"^[\w+=,.@-]+$")]
    private static partial Regex SessionNamePattern();

    [GeneratedRegex(@"^arn:aws[a-z-]*:iam::(?<account>\d{12}):role/(?:[\w+=,.@-]+/)*(?<name>[\w+=,.@-]{1,64})$")]
    private static partial Regex RoleArnPattern();
}
