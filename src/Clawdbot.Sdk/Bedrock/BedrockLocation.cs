using System.Text.RegularExpressions;

namespace Clawdbot.Sdk;

/// <summary>
/// Where a client sends its calls. Region: explicit option, the provider's baseUrl when it is a Bedrock host, the
/// provider's <c>region</c>, <c>models.bedrockDiscovery.region</c>, <c>AWS_REGION</c>, <c>AWS_DEFAULT_REGION</c>, the profile's region, then <c>us-east-1</c>. Runtime endpoint:
/// explicit option, <c>AWS_ENDPOINT_URL_BEDROCK_RUNTIME</c>, <c>AWS_ENDPOINT_URL</c>, the provider's baseUrl, then
/// <c>https://bedrock-runtime.{region}.{suffix}</c>; the control plane likewise with <c>AWS_ENDPOINT_URL_BEDROCK</c>.
/// </summary>
internal sealed partial record BedrockLocation(string Region, Uri RuntimeEndpoint, Uri ControlPlaneEndpoint)
{
    public const string DefaultRegion = "us-east-1";

    public static BedrockLocation Resolve(BedrockClientOptions options, string? providerBaseUrl, string? configRegion = null, Func<string?, string?>? profileRegion = null)
    {
        var env = options.Environment;
        var baseUri = ParseEndpoint(providerBaseUrl, "provider baseUrl");
        var baseHost = baseUri is null ? null : ParseAwsHost(baseUri.Host);

        var region = NonBlank(options.Region)
            ?? baseHost?.Region
            ?? NonBlank(configRegion)
            ?? NonBlank(env("AWS_REGION"))
            ?? NonBlank(env("AWS_DEFAULT_REGION"))
            ?? profileRegion?.Invoke(NonBlank(options.Profile) ?? NonBlank(env("AWS_PROFILE")))
            ?? DefaultRegion;

        var suffix = baseHost?.DnsSuffix ?? (region.StartsWith("cn-", StringComparison.Ordinal) ? "amazonaws.com.cn" : "amazonaws.com");
        var fips = baseHost?.Fips == true ? "-fips" : string.Empty;

        var runtime = options.Endpoint
            ?? EnvEndpoint(env, "AWS_ENDPOINT_URL_BEDROCK_RUNTIME")
            ?? EnvEndpoint(env, "AWS_ENDPOINT_URL")
            ?? baseUri
            ?? new Uri($"https://bedrock-runtime{fips}.{region}.{suffix}");

        var controlPlane = options.ControlPlaneEndpoint
            ?? EnvEndpoint(env, "AWS_ENDPOINT_URL_BEDROCK")
            ?? EnvEndpoint(env, "AWS_ENDPOINT_URL")
            ?? new Uri($"https://bedrock{fips}.{region}.{suffix}");

        return new BedrockLocation(region, runtime, controlPlane);
    }

    /// <summary>
    /// Where the client of provider <paramref name="providerId"/> of <paramref name="config"/> sends its calls, worked
    /// out without creating a client: the provider's <c>baseUrl</c> and <c>models.bedrockDiscovery.region</c> (their
    /// <c>${NAME}</c> placeholders filled from <see cref="BedrockClientOptions.Environment"/>), then as
    /// <see cref="Resolve"/>, the profile's region read from the shared AWS files.
    /// </summary>
    /// <exception cref="ArgumentException">The config declares no such provider (other than <c>amazon-bedrock</c>), or an endpoint is malformed.</exception>
    /// <exception cref="InvalidOperationException">A placeholder names an unset variable.</exception>
    public static BedrockLocation ForProvider(ClawdbotConfig config, string providerId, BedrockClientOptions options)
    {
        var provider = FindProvider(config, providerId);
        var env = options.Environment;
        var baseUrl = string.IsNullOrWhiteSpace(provider?.BaseUrl) ? null : EnvironmentPlaceholders.Expand(provider.BaseUrl, env, "models.providers." + providerId + ".baseUrl");
        // The provider's own region comes before the discovery section's: it names where this provider's models run.
        var configRegion = !string.IsNullOrWhiteSpace(provider?.Region)
            ? EnvironmentPlaceholders.Expand(provider.Region, env, "models.providers." + providerId + ".region")
            : config.Models.BedrockDiscovery?.Region is { } discoveryRegion && !string.IsNullOrWhiteSpace(discoveryRegion)
                ? EnvironmentPlaceholders.Expand(discoveryRegion, env, "models.bedrockDiscovery.region")
                : null;
        return Resolve(options, baseUrl, configRegion, ProfileRegion(options));
    }

    /// <summary>The region of a named shared-config profile (else <c>default</c>), read from the files the options' environment names.</summary>
    public static Func<string?, string?> ProfileRegion(BedrockClientOptions options)
    {
        var env = options.Environment;
        return profile => AwsProfileFiles.RegionOf(env, profile);
    }

    /// <summary>The provider <paramref name="providerId"/> of <paramref name="config"/>; null for an undeclared <c>amazon-bedrock</c>.</summary>
    public static ModelProviderConfig? FindProvider(ClawdbotConfig config, string providerId)
    {
        var provider = config.Models.Providers.FirstOrDefault(p => string.Equals(p.Id, providerId, StringComparison.Ordinal));
        if (provider is null && !string.Equals(providerId, "amazon-bedrock", StringComparison.Ordinal))
        {
            throw new ArgumentException($"The config declares no provider '{providerId}'.", nameof(providerId));
        }

        return provider;
    }

    /// <summary>Recognises <c>bedrock-runtime[-fips].{region}.amazonaws.com[.cn]</c> (and the control-plane form).</summary>
    internal static AwsHost? ParseAwsHost(string host)
    {
        var match = AwsHostPattern().Match(host);
        return match.Success
            ? new AwsHost(match.Groups["region"].Value, match.Groups["fips"].Success, match.Groups["suffix"].Value)
            : null;
    }

    private static Uri? EnvEndpoint(Func<string, string?> env, string name) => ParseEndpoint(env(name), "env " + name);

    /// <summary>The endpoint URL <paramref name="value"/> read from <paramref name="source"/>; a bad one is an error naming both.</summary>
    private static Uri? ParseEndpoint(string? value, string source)
    {
        value = NonBlank(value);
        if (value is null)
        {
            return null;
        }

        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            throw new ArgumentException($"The endpoint from {source}, '{WithoutUserInfo(value)}', is not an absolute http(s) URL.");
        }

        // Bedrock authenticates by signature or bearer token, never by URL: user info there can only be a credential that
        // would then travel into logs, traces and error messages, so it is refused.
        if (uri.UserInfo.Length > 0)
        {
            throw new ArgumentException($"The endpoint from {source}, '{WithoutUserInfo(value)}', must not carry a user name or password.");
        }

        return uri;
    }

    /// <summary>The URL text without any <c>user:password@</c>, which may be a credential; works on text that is no valid URI.</summary>
    internal static string WithoutUserInfo(string url)
    {
        var scheme = url.IndexOf("://", StringComparison.Ordinal);
        var authorityStart = scheme < 0 ? 0 : scheme + 3;
        var authorityEnd = url.IndexOfAny(['/', '?', '#'], authorityStart);
        var authority = url.AsSpan(authorityStart, (authorityEnd < 0 ? url.Length : authorityEnd) - authorityStart);
        var at = authority.LastIndexOf('@');
        return at < 0 ? url : string.Concat(url.AsSpan(0, authorityStart), url.AsSpan(authorityStart + at + 1));
    }

    private static string? NonBlank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    [GeneratedRegex(@"^bedrock(?:-runtime)?(?<fips>-fips)?\.(?<region>[a-z]{2}(?:-[a-z]+)+-\d+)\.(?<suffix>amazonaws\.com(?:\.cn)?)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex AwsHostPattern();

    internal sealed record AwsHost(string Region, bool Fips, string DnsSuffix);
}
