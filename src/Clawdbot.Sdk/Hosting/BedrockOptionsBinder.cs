using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace Clawdbot.Sdk;

/// <summary>Reads <see cref="BedrockOptions"/> from a configuration section by hand: no reflection, so trimming and Native AOT keep working.</summary>
internal static class BedrockOptionsBinder
{
    public static BedrockOptions Bind(IConfiguration section, BedrockOptions? into = null)
    {
        ArgumentNullException.ThrowIfNull(section);
        var options = into ?? new BedrockOptions();
        options.Region = Text(section, nameof(BedrockOptions.Region)) ?? options.Region;
        options.Endpoint = Address(section, nameof(BedrockOptions.Endpoint)) ?? options.Endpoint;
        options.ControlPlaneEndpoint = Address(section, nameof(BedrockOptions.ControlPlaneEndpoint)) ?? options.ControlPlaneEndpoint;
        options.Profile = Text(section, nameof(BedrockOptions.Profile)) ?? options.Profile;
        options.ConnectTimeout = Duration(section, nameof(BedrockOptions.ConnectTimeout)) ?? options.ConnectTimeout;
        options.FirstEventTimeout = Duration(section, nameof(BedrockOptions.FirstEventTimeout)) ?? options.FirstEventTimeout;
        options.IdleTimeout = Duration(section, nameof(BedrockOptions.IdleTimeout)) ?? options.IdleTimeout;
        options.OverallTimeout = Duration(section, nameof(BedrockOptions.OverallTimeout)) ?? options.OverallTimeout;
        options.MaxAttempts = Integer(section, nameof(BedrockOptions.MaxAttempts)) ?? options.MaxAttempts;
        options.ConfigFile = Text(section, nameof(BedrockOptions.ConfigFile)) ?? options.ConfigFile;
        options.ProviderId = Text(section, nameof(BedrockOptions.ProviderId)) ?? options.ProviderId;
        options.DefaultModel = Text(section, nameof(BedrockOptions.DefaultModel)) ?? options.DefaultModel;
        return options;
    }

    private static string? Text(IConfiguration section, string key)
        => section[key] is { } value && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;

    private static Uri? Address(IConfiguration section, string key)
        => Text(section, key) is { } text
            ? Uri.TryCreate(text, UriKind.Absolute, out var uri) ? uri : throw Invalid(section, key, "an absolute URI")
            : null;

    private static int? Integer(IConfiguration section, string key)
        => Text(section, key) is { } text
            ? int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : throw Invalid(section, key, "an integer")
            : null;

    // "00:00:30" (a TimeSpan) or "30" / "2.5" (seconds); "Infinite" for no limit.
    private static TimeSpan? Duration(IConfiguration section, string key)
    {
        if (Text(section, key) is not { } text)
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

        return TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var span) ? span : throw Invalid(section, key, "a TimeSpan (00:00:30) or a number of seconds");
    }

    private static InvalidOperationException Invalid(IConfiguration section, string key, string expected)
        => new($"Configuration value '{Path(section, key)}' must be {expected}.");

    private static string Path(IConfiguration section, string key)
        => section is IConfigurationSection named ? named.Path + ":" + key : key;
}
