using System;
using System.Collections.Generic;
using System.Globalization;

namespace Clawdbot.Sdk;

/// <summary>
/// The <c>params</c> of an <c>agents.defaults.models["provider/id"]</c> entry that this SDK applies to the model's
/// calls, read as Clawdbot reads them: a value of the wrong type or outside its set is ignored (reported as CLAW2008),
/// and every other key is passed over, since Clawdbot hands params it does not know to the provider untouched.
/// A request's own values win over these, and these win over the model's declaration.
/// </summary>
/// <remarks>Must stay value-equatable: strings, numbers and enums only.</remarks>
sealed partial record AgentModelParams
{
    /// <summary>The thinking levels Clawdbot writes in <c>params.thinking</c>.</summary>
    internal static readonly string[] ThinkingLevels = ["off", "on", "minimal", "low", "medium", "high", "xhigh", "adaptive", "max"];

    internal static readonly string[] CacheRetentions = ["none", "short", "long"];

    internal static readonly string[] CacheControlTtls = ["5m", "1h"];

    /// <summary><c>temperature</c>: sampling temperature, sent unless a request sets its own; null when not written.</summary>
    public double? Temperature { get; init; }

    /// <summary><c>maxTokens</c>: the most tokens an answer may have; wins over the model's <c>maxTokens</c>.</summary>
    public int? MaxTokens { get; init; }

    /// <summary>
    /// <c>thinking</c>: how hard a reasoning model thinks, one of <c>off</c>, <c>on</c>, <c>minimal</c>, <c>low</c>,
    /// <c>medium</c>, <c>high</c>, <c>xhigh</c>, <c>adaptive</c>, <c>max</c> (lower case); null when not written.
    /// </summary>
    public string? Thinking { get; init; }

    /// <summary>
    /// <c>cacheRetention</c> (or the older <c>cacheControlTtl</c>: <c>5m</c> is short, <c>1h</c> long): how long the
    /// prompt cache points placed automatically on the system prompt and the last user turn live; null when not written.
    /// </summary>
    public CacheRetention? CacheRetention { get; init; }

    /// <summary>True when no param this SDK applies is set.</summary>
    public bool IsEmpty => Temperature is null && MaxTokens is null && Thinking is null && CacheRetention is null;

    /// <summary>
    /// Reads <paramref name="parameters"/>. <paramref name="report"/> (null: report nothing) gets each ignored value with
    /// its path, what it must be and what it is. A string holding <c>${NAME}</c> is filled from
    /// <paramref name="environment"/> first; without one it is left unchecked and unapplied.
    /// </summary>
    internal static AgentModelParams Read(Json5Object parameters, string path, Func<string, string?>? environment, Action<Json5Value, string, string, string>? report)
    {
        double? temperature = null;
        if (parameters["temperature"] is { } temperatureValue)
        {
            if (temperatureValue is Json5Number { Value: var t } && !double.IsNaN(t) && !double.IsInfinity(t) && t >= 0)
            {
                temperature = t;
            }
            else
            {
                report?.Invoke(temperatureValue, path + ".temperature", "a number ≥ 0", Describe(temperatureValue));
            }
        }

        int? maxTokens = null;
        if (parameters["maxTokens"] is { } maxTokensValue)
        {
            if (maxTokensValue is Json5Number { IsInteger: true, Value: var m } && m >= 1 && m <= int.MaxValue)
            {
                maxTokens = (int)m;
            }
            else
            {
                report?.Invoke(maxTokensValue, path + ".maxTokens", "a whole number ≥ 1", Describe(maxTokensValue));
            }
        }

        var thinking = Word(parameters, "thinking", path, ThinkingLevels, environment, report);
        var retention = Word(parameters, "cacheRetention", path, CacheRetentions, environment, report);
        if (retention is null && !parameters.TryGetValue("cacheRetention", out _))
        {
            retention = Word(parameters, "cacheControlTtl", path, CacheControlTtls, environment, report) switch
            {
                "5m" => "short",
                "1h" => "long",
                _ => null,
            };
        }

        return new AgentModelParams
        {
            Temperature = temperature,
            MaxTokens = maxTokens,
            Thinking = thinking,
            CacheRetention = retention switch
            {
                "none" => Sdk.CacheRetention.None,
                "short" => Sdk.CacheRetention.Short,
                "long" => Sdk.CacheRetention.Long,
                _ => null,
            },
        };
    }

    /// <summary>The params in <paramref name="json"/> (standard JSON text), placeholders filled from <paramref name="environment"/>.</summary>
    internal static AgentModelParams FromJson(string? json, Func<string, string?> environment)
        => json is not null && Json5.Parse(json) is Json5Object parameters ? Read(parameters, "params", environment, report: null) : new AgentModelParams();

    private static string? Word(Json5Object parameters, string key, string path, string[] allowed, Func<string, string?>? environment, Action<Json5Value, string, string, string>? report)
    {
        if (parameters[key] is not { } value)
        {
            return null;
        }

        var expected = "one of " + string.Join(", ", Array.ConvertAll(allowed, a => "'" + a + "'"));
        if (value is not Json5String { Value: var text })
        {
            report?.Invoke(value, path + "." + key, expected, Describe(value));
            return null;
        }

        if (EnvironmentPlaceholders.HasPlaceholder(text))
        {
            if (environment is null || !EnvironmentPlaceholders.TryExpand(text, environment, out text, out _))
            {
                return null;
            }
        }

        var word = text.Trim().ToLowerInvariant();
        if (Array.IndexOf(allowed, word) >= 0)
        {
            return word;
        }

        report?.Invoke(value, path + "." + key, expected, "'" + text + "'");
        return null;
    }

    private static string Describe(Json5Value value)
        => value switch
        {
            Json5String s => "'" + s.Value + "'",
            Json5Number n => n.Value.ToString("R", CultureInfo.InvariantCulture),
            Json5Boolean b => b.Value ? "true" : "false",
            Json5Object => "an object",
            Json5Array => "an array",
            _ => "null",
        };
}

/// <summary>
/// How long prompt cache points live (<c>params.cacheRetention</c>, as Clawdbot and its engine pi-ai name it).
/// </summary>
#if CLAWDBOT_SDK_RUNTIME
public
#endif
enum CacheRetention
{
    /// <summary><c>none</c>: no cache points are placed automatically.</summary>
    None,
    /// <summary><c>short</c>: cache points with the 5-minute TTL (<c>ttl: "5m"</c>).</summary>
    Short,
    /// <summary><c>long</c>: cache points with the 1-hour TTL (<c>ttl: "1h"</c>), on models that offer it.</summary>
    Long,
}
