using System.Security.Cryptography;
using System.Text;

namespace Clawdbot.Sdk.Testing.Internal;

/// <summary>
/// What the identity endpoints know: the temporary credentials they issued, and what tests registered (roles with
/// their rules, web identity tokens, IAM Identity Center tokens and clients). Thread-safe.
/// </summary>
internal sealed class IdentityStore(LocalBedrockOptions options)
{
    private const string Base32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

    private readonly Lock _gate = new();
    private readonly Dictionary<string, Issued> _issued = new(StringComparer.Ordinal);
    private readonly List<IssuedCredential> _issuedInOrder = [];
    private readonly Dictionary<string, string?> _roles = new(StringComparer.Ordinal);
    private readonly HashSet<string> _webIdentityTokens = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DateTimeOffset> _ssoAccessTokens = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (string ClientId, string ClientSecret)> _ssoRefreshTokens = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DateTimeOffset> _metadataTokens = new(StringComparer.Ordinal);

    /// <summary>Issued temporary credentials, with the principal they act as.</summary>
    public sealed record Issued(
        string AccessKeyId, string SecretAccessKey, string SessionToken, DateTimeOffset Expiration,
        string Arn, string UserId, string Account, string Operation, bool IsRoleSession);

    public DateTimeOffset Now => options.TimeProvider.GetUtcNow();

    public IReadOnlyList<IssuedCredential> IssuedCredentials
    {
        get
        {
            lock (_gate)
            {
                return _issuedInOrder.ToArray();
            }
        }
    }

    public Issued Mint(string operation, string arn, string userId, string account, TimeSpan? lifetime = null, bool isRoleSession = true)
    {
        var issued = new Issued(
            "ASIA" + RandomText(16),
            Convert.ToBase64String(RandomNumberGenerator.GetBytes(30)),
            Convert.ToBase64String(RandomNumberGenerator.GetBytes(120)),
            Now + (lifetime ?? options.TemporaryCredentialLifetime),
            arn, userId, account, operation, isRoleSession);
        lock (_gate)
        {
            _issued[issued.AccessKeyId] = issued;
            _issuedInOrder.Add(new IssuedCredential(issued.AccessKeyId, arn, operation, issued.Expiration));
        }

        return issued;
    }

    public Issued? FindIssued(string accessKeyId)
    {
        lock (_gate)
        {
            return _issued.GetValueOrDefault(accessKeyId);
        }
    }

    public void AddRole(string roleArn, string? requiredExternalId)
    {
        lock (_gate)
        {
            _roles[roleArn] = requiredExternalId;
        }
    }

    /// <summary>Whether the role was registered, and the external id it then requires (null: none).</summary>
    public bool TryGetRole(string roleArn, out string? requiredExternalId)
    {
        lock (_gate)
        {
            return _roles.TryGetValue(roleArn, out requiredExternalId);
        }
    }

    public void AddWebIdentityToken(string token)
    {
        lock (_gate)
        {
            _webIdentityTokens.Add(token);
        }
    }

    public bool IsWebIdentityToken(string token)
    {
        lock (_gate)
        {
            return _webIdentityTokens.Contains(token);
        }
    }

    public void AddSsoAccessToken(string accessToken, DateTimeOffset expiresAt)
    {
        lock (_gate)
        {
            _ssoAccessTokens[accessToken] = expiresAt;
        }
    }

    public bool IsValidSsoAccessToken(string accessToken)
    {
        lock (_gate)
        {
            return _ssoAccessTokens.TryGetValue(accessToken, out var expiresAt) && Now < expiresAt;
        }
    }

    public void AddSsoRefreshToken(string refreshToken, string clientId, string clientSecret)
    {
        lock (_gate)
        {
            _ssoRefreshTokens[refreshToken] = (clientId, clientSecret);
        }
    }

    /// <summary>Whether some registered refresh token belongs to this client with this secret.</summary>
    public bool IsSsoClient(string clientId, string clientSecret)
    {
        lock (_gate)
        {
            return _ssoRefreshTokens.Values.Any(client => client.ClientId == clientId && FixedTimeEquals(client.ClientSecret, clientSecret));
        }
    }

    public bool IsSsoRefreshTokenOf(string refreshToken, string clientId)
    {
        lock (_gate)
        {
            return _ssoRefreshTokens.TryGetValue(refreshToken, out var client) && client.ClientId == clientId;
        }
    }

    public string IssueMetadataToken(TimeSpan timeToLive)
    {
        var token = "AQAEA" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(42)).Replace('/', '_').Replace('+', '-');
        lock (_gate)
        {
            _metadataTokens[token] = Now + timeToLive;
        }

        return token;
    }

    public bool IsValidMetadataToken(string token)
    {
        lock (_gate)
        {
            return _metadataTokens.TryGetValue(token, out var expiresAt) && Now < expiresAt;
        }
    }

    /// <summary>Random upper-case base-32 text, the alphabet of AWS access key ids and principal ids.</summary>
    public static string RandomText(int length)
    {
        var bytes = RandomNumberGenerator.GetBytes(length);
        return string.Create(length, bytes, static (chars, source) =>
        {
            for (var i = 0; i < chars.Length; i++)
            {
                chars[i] = Base32[source[i] % Base32.Length];
            }
        });
    }

    /// <summary>A stable principal id for a name (role ids are stable in AWS too): <paramref name="prefix"/> and 17 characters.</summary>
    public static string StableId(string prefix, string name)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(name));
        var chars = new char[17];
        for (var i = 0; i < chars.Length; i++)
        {
            chars[i] = Base32[hash[i] % Base32.Length];
        }

        return prefix + new string(chars);
    }

    public static bool FixedTimeEquals(string left, string right) =>
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(left), Encoding.UTF8.GetBytes(right));
}
