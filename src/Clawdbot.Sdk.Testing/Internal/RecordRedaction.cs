using System.Text.Json;
using System.Text.Json.Nodes;

namespace Clawdbot.Sdk.Testing.Internal;

/// <summary>What the request log never keeps: credentials and tokens, in headers and in identity request bodies.</summary>
internal static class RecordRedaction
{
    public const string Redacted = "REDACTED";

    private static readonly HashSet<string> SecretHeaders = new(StringComparer.OrdinalIgnoreCase)
    {
        "Authorization", "x-amz-security-token", "x-amz-sso_bearer_token", "x-aws-ec2-metadata-token",
    };

    private static readonly HashSet<string> SecretStsParameters = new(StringComparer.Ordinal)
    {
        "WebIdentityToken", "TokenCode", "SAMLAssertion",
    };

    private static readonly string[] SecretOidcFields = ["clientSecret", "refreshToken", "code", "codeVerifier", "deviceCode"];

    public static bool IsSecretHeader(string name) => SecretHeaders.Contains(name);

    public static string Body(string service, string body) => service switch
    {
        RequestRoute.StsService => RedactForm(body),
        RequestRoute.SsoOidcService => RedactJson(body),
        _ => body,
    };

    private static string RedactForm(string body) => string.Join('&', body.Split('&').Select(pair =>
    {
        var equals = pair.IndexOf('=');
        var name = Uri.UnescapeDataString((equals < 0 ? pair : pair[..equals]).Replace('+', ' '));
        return SecretStsParameters.Contains(name) ? pair[..(equals < 0 ? pair.Length : equals)] + "=" + Redacted : pair;
    }));

    private static string RedactJson(string body)
    {
        try
        {
            if (JsonNode.Parse(body) is not JsonObject json)
            {
                return body.Length == 0 ? body : Redacted;
            }

            foreach (var field in SecretOidcFields)
            {
                if (json.ContainsKey(field))
                {
                    json[field] = Redacted;
                }
            }

            return json.ToJsonString();
        }
        catch (JsonException)
        {
            // Not JSON: it cannot be read field by field, so none of it is kept.
            return body.Length == 0 ? body : Redacted;
        }
    }
}
