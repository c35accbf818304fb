using Microsoft.AspNetCore.Http;

namespace Clawdbot.Sdk.Testing.Internal;

/// <summary>
/// Which service and operation a method and raw path address: Bedrock's (with the decoded model id of runtime calls)
/// or one of the identity endpoints credential providers call. STS routes are named by their <c>Action</c> later.
/// </summary>
internal sealed record RequestRoute(string Operation, string? ModelId, string Service = RequestRoute.BedrockService, string? RoleName = null)
{
    public const string ConverseStream = "ConverseStream";
    public const string Converse = "Converse";
    public const string CountTokens = "CountTokens";
    public const string InvokeModel = "InvokeModel";
    public const string ListFoundationModels = "ListFoundationModels";
    public const string ListInferenceProfiles = "ListInferenceProfiles";
    public const string GetInferenceProfile = "GetInferenceProfile";
    public const string Unknown = "Unknown";

    public const string GetRoleCredentials = "GetRoleCredentials";
    public const string CreateToken = "CreateToken";
    public const string InstanceMetadataToken = "InstanceMetadataToken";
    public const string InstanceMetadataRoles = "InstanceMetadataRoles";
    public const string InstanceMetadataCredentials = "InstanceMetadataCredentials";
    public const string InstanceMetadataInfo = "InstanceMetadataInfo";
    public const string InstanceMetadataUnknown = "InstanceMetadataUnknown";
    public const string ContainerCredentials = "ContainerCredentials";

    public const string BedrockService = "bedrock";
    public const string StsService = "sts";
    public const string SsoService = "sso";
    public const string SsoOidcService = "sso-oidc";
    public const string InstanceMetadataService = "imds";
    public const string ContainerService = "container";

    /// <summary>The path <see cref="LocalBedrock.ContainerCredentialsUri"/> names.</summary>
    public const string ContainerCredentialsPath = "/container-credentials";

    private const string SecurityCredentials = "/latest/meta-data/iam/security-credentials";
    private const string SecurityCredentialsExtended = "/latest/meta-data/iam/security-credentials-extended";

    public static RequestRoute Parse(string method, string rawPath)
    {
        var segments = rawPath.Split('/');
        if (HttpMethods.IsGet(method) && segments.Length == 2)
        {
            switch (segments[1])
            {
                case "foundation-models":
                    return new RequestRoute(ListFoundationModels, null);
                case "inference-profiles":
                    return new RequestRoute(ListInferenceProfiles, null);
            }
        }

        // The identifier may be an ARN whose '/' arrives escaped or not, like a model id.
        if (HttpMethods.IsGet(method) && segments.Length >= 3 && segments[0].Length == 0 && segments[1] == "inference-profiles")
        {
            var identifier = Uri.UnescapeDataString(string.Join('/', segments[2..]));
            if (identifier.Length > 0)
            {
                return new RequestRoute(GetInferenceProfile, identifier);
            }
        }

        // A model id may arrive with its '/' escaped (one segment) or not (several), so take everything in between.
        if (HttpMethods.IsPost(method) && segments.Length >= 4 && segments[0].Length == 0 && segments[1] == "model")
        {
            var operation = segments[^1] switch
            {
                "converse-stream" => ConverseStream,
                "converse" => Converse,
                "count-tokens" => CountTokens,
                "invoke" => InvokeModel,
                _ => null,
            };
            var modelId = Uri.UnescapeDataString(string.Join('/', segments[2..^1]));
            if (operation is not null && modelId.Length > 0)
            {
                return new RequestRoute(operation, modelId);
            }
        }

        return ParseIdentity(method, rawPath) ?? new RequestRoute(Unknown, null);
    }

    private static RequestRoute? ParseIdentity(string method, string rawPath)
    {
        // STS's query protocol posts forms to the root; the operation is the form's Action.
        if (rawPath == "/" && (HttpMethods.IsPost(method) || HttpMethods.IsGet(method)))
        {
            return new RequestRoute(Unknown, null, StsService);
        }

        if (HttpMethods.IsGet(method) && rawPath == "/federation/credentials")
        {
            return new RequestRoute(GetRoleCredentials, null, SsoService);
        }

        if (HttpMethods.IsPost(method) && rawPath == "/token")
        {
            return new RequestRoute(CreateToken, null, SsoOidcService);
        }

        if (HttpMethods.IsGet(method) && rawPath == ContainerCredentialsPath)
        {
            return new RequestRoute(ContainerCredentials, null, ContainerService);
        }

        // AWS_EC2_METADATA_SERVICE_ENDPOINT is used as given, and "http://host:port/" + "/latest/..." doubles the slash.
        var path = "/" + rawPath.TrimStart('/');
        if (!path.StartsWith("/latest/", StringComparison.Ordinal))
        {
            return null;
        }

        if (path == "/latest/api/token")
        {
            return new RequestRoute(HttpMethods.IsPut(method) ? InstanceMetadataToken : InstanceMetadataUnknown, null, InstanceMetadataService);
        }

        if (!HttpMethods.IsGet(method))
        {
            return new RequestRoute(InstanceMetadataUnknown, null, InstanceMetadataService);
        }

        if (path == "/latest/meta-data/iam/info")
        {
            return new RequestRoute(InstanceMetadataInfo, null, InstanceMetadataService);
        }

        foreach (var root in (ReadOnlySpan<string>)[SecurityCredentials, SecurityCredentialsExtended])
        {
            if (path == root || path == root + "/")
            {
                return new RequestRoute(InstanceMetadataRoles, null, InstanceMetadataService);
            }

            if (path.StartsWith(root + "/", StringComparison.Ordinal) && path.IndexOf('/', root.Length + 1) < 0)
            {
                return new RequestRoute(InstanceMetadataCredentials, null, InstanceMetadataService,
                    Uri.UnescapeDataString(path[(root.Length + 1)..]))
                {
                    Extended = root == SecurityCredentialsExtended,
                };
            }
        }

        return new RequestRoute(InstanceMetadataUnknown, null, InstanceMetadataService);
    }

    /// <summary>An instance metadata credentials request on the extended path, which also answers the account id.</summary>
    public bool Extended { get; init; }
}
