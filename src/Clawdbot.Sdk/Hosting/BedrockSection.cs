using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace Clawdbot.Sdk;

/// <summary>
/// The <c>Bedrock</c> configuration section as written, bound by the configuration binding source generator
/// (<c>EnableConfigurationBindingGenerator</c>: generated code, no reflection, so trimming and Native AOT keep working).
/// Durations and URLs are bound as text and read by <see cref="ToOptions"/>, so a duration may be a
/// <see cref="TimeSpan"/> (<c>00:00:30</c>), a number of seconds (<c>30</c>, <c>2.5</c>) or <c>Infinite</c>, which the
/// binder's own <see cref="TimeSpan"/> parsing would read otherwise (<c>30</c> as thirty days).
/// </summary>
internal sealed class BedrockSection
{
    public string? Region { get; set; }

    public string? Endpoint { get; set; }

    public string? ControlPlaneEndpoint { get; set; }

    public string? Profile { get; set; }

    public string? ConnectTimeout { get; set; }

    public string? FirstEventTimeout { get; set; }

    public string? IdleTimeout { get; set; }

    public string? OverallTimeout { get; set; }

    public int? MaxAttempts { get; set; }

    public string? RetryBaseDelay { get; set; }

    public string? RetryMaxDelay { get; set; }

    public string? ConfigFile { get; set; }

    public string? ProviderId { get; set; }

    public string? DefaultModel { get; set; }

    public GuardrailSection? Guardrail { get; set; }

    /// <summary>Binds <paramref name="section"/>; a value of the wrong type throws <see cref="InvalidOperationException"/> naming its key.</summary>
    public static BedrockOptions Read(IConfiguration section)
    {
        ArgumentNullException.ThrowIfNull(section);
        var values = section.Get<BedrockSection>() ?? new BedrockSection();
        return values.ToOptions(section is IConfigurationSection named ? named.Path + ":" : string.Empty);
    }

    private BedrockOptions ToOptions(string path) => new()
    {
        Region = Text(Region),
        Endpoint = Address(Endpoint, path + nameof(Endpoint)),
        ControlPlaneEndpoint = Address(ControlPlaneEndpoint, path + nameof(ControlPlaneEndpoint)),
        Profile = Text(Profile),
        ConnectTimeout = Duration(ConnectTimeout, path + nameof(ConnectTimeout)),
        FirstEventTimeout = Duration(FirstEventTimeout, path + nameof(FirstEventTimeout)),
        IdleTimeout = Duration(IdleTimeout, path + nameof(IdleTimeout)),
        OverallTimeout = Duration(OverallTimeout, path + nameof(OverallTimeout)),
        MaxAttempts = MaxAttempts,
        RetryBaseDelay = Duration(RetryBaseDelay, path + nameof(RetryBaseDelay)),
        RetryMaxDelay = Duration(RetryMaxDelay, path + nameof(RetryMaxDelay)),
        ConfigFile = Text(ConfigFile),
        ProviderId = Text(ProviderId),
        DefaultModel = Text(DefaultModel),
        DefaultGuardrail = Guardrail?.ToConfig(path + nameof(Guardrail) + ":"),
    };

    /// <summary>The <c>Guardrail</c> subsection, with the key names of Bedrock's <c>guardrailConfig</c> (and OpenClaw's).</summary>
    internal sealed class GuardrailSection
    {
        public string? GuardrailIdentifier { get; set; }

        public string? GuardrailVersion { get; set; }

        public string? Trace { get; set; }

        public string? StreamProcessingMode { get; set; }

        public GuardrailConfig? ToConfig(string path)
        {
            var identifier = Text(GuardrailIdentifier);
            var version = Text(GuardrailVersion);
            var trace = Text(Trace);
            var mode = Text(StreamProcessingMode);
            if (identifier is null && version is null && trace is null && mode is null)
            {
                return null;
            }

            return new GuardrailConfig(
                identifier ?? throw Invalid(path + nameof(GuardrailIdentifier), "set: a guardrail needs its id (or ARN) and version"),
                version ?? throw Invalid(path + nameof(GuardrailVersion), "set: a guardrail needs its id (or ARN) and version"))
            {
                Trace = trace is null || ClawdbotConfigReader.GuardrailTraces.Contains(trace, StringComparer.Ordinal) ? trace : throw Invalid(path + nameof(Trace), "enabled, disabled or enabled_full"),
                StreamProcessingMode = mode is null || ClawdbotConfigReader.GuardrailStreamModes.Contains(mode, StringComparer.Ordinal) ? mode : throw Invalid(path + nameof(StreamProcessingMode), "sync or async"),
            };
        }
    }

    private static string? Text(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static Uri? Address(string? value, string key)
        => Text(value) is { } text
            ? Uri.TryCreate(text, UriKind.Absolute, out var uri) ? uri : throw Invalid(key, "an absolute URI")
            : null;

    // "00:00:30" (a TimeSpan) or "30" / "2.5" (seconds); "Infinite" for no limit.
    private static TimeSpan? Duration(string? value, string key)
    {
        if (Text(value) is not { } text)
        {
            return null;
        }

        if (string.Equals(text, "Infinite", StringComparison.OrdinalIgnoreCase))
        {
            return Timeout.InfiniteTimeSpan;
        }

        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds))
        {
            return TimeSpan.FromSeconds(seconds);
        }

        return TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var span) ? span : throw Invalid(key, "a TimeSpan (00:00:30) or a number of seconds");
    }

    private static InvalidOperationException Invalid(string key, string expected) => new($"Configuration value '{key}' must be {expected}.");
}
