using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Clawdbot.Sdk.Testing.Internal;

/// <summary>The two Bedrock control-plane listings the SDK's discovery uses, with AWS's filters and paging.</summary>
internal static class ControlPlane
{
    private const int MaxPageSize = 1000;
    private const string TokenPrefix = "local-bedrock-page:";

    public static (AwsError? Error, byte[] Body) ListFoundationModels(BedrockCatalog catalog, IQueryCollection query, string region)
    {
        if (!TryEnum(query, "byOutputModality", ["TEXT", "IMAGE", "EMBEDDING"], out var outputModality, out var error)
            || !TryEnum(query, "byInferenceType", ["ON_DEMAND", "PROVISIONED"], out var inferenceType, out error)
            || !TryEnum(query, "byCustomizationType", ["FINE_TUNING", "CONTINUED_PRE_TRAINING", "DISTILLATION"], out var customization, out error))
        {
            return (error, []);
        }

        var provider = query["byProvider"].ToString();
        var summaries = new JsonArray();
        foreach (var model in catalog.FoundationModels)
        {
            if ((provider.Length > 0 && !string.Equals(model.ProviderName, provider, StringComparison.OrdinalIgnoreCase))
                || (outputModality is not null && !model.OutputModalities.Contains(outputModality))
                || (inferenceType is not null && !model.InferenceTypesSupported.Contains(inferenceType))
                || (customization is not null && !model.CustomizationsSupported.Contains(customization)))
            {
                continue;
            }

            summaries.Add((JsonNode)new JsonObject
            {
                ["modelArn"] = model.ModelArn ?? $"arn:aws:bedrock:{region}::foundation-model/{model.ModelId}",
                ["modelId"] = model.ModelId,
                ["modelName"] = model.ModelName,
                ["providerName"] = model.ProviderName,
                ["inputModalities"] = Strings(model.InputModalities),
                ["outputModalities"] = Strings(model.OutputModalities),
                ["responseStreamingSupported"] = model.ResponseStreamingSupported,
                ["customizationsSupported"] = Strings(model.CustomizationsSupported),
                ["inferenceTypesSupported"] = Strings(model.InferenceTypesSupported),
                ["modelLifecycle"] = new JsonObject { ["status"] = model.LifecycleStatus },
            });
        }

        return (null, Encoding.UTF8.GetBytes(new JsonObject { ["modelSummaries"] = summaries }.ToJsonString()));
    }

    public static (AwsError? Error, byte[] Body) ListInferenceProfiles(BedrockCatalog catalog, IQueryCollection query, string region, string accountId)
    {
        if (!TryEnum(query, "typeEquals", ["SYSTEM_DEFINED", "APPLICATION"], out var type, out var error))
        {
            return (error, []);
        }

        var pageSize = MaxPageSize;
        var maxResults = query["maxResults"].ToString();
        if (maxResults.Length > 0 && (!int.TryParse(maxResults, out pageSize) || pageSize < 1 || pageSize > MaxPageSize))
        {
            return (AwsError.Validation($"1 validation error detected: Value '{maxResults}' at 'maxResults' failed to satisfy constraint: Member must have value between 1 and {MaxPageSize}"), []);
        }

        var start = 0;
        var nextToken = query["nextToken"].ToString();
        if (nextToken.Length > 0 && !TryReadToken(nextToken, out start))
        {
            return (AwsError.Validation("The pagination token is invalid."), []);
        }

        var matching = catalog.InferenceProfiles.Where(profile => type is null || profile.Type == type).ToList();
        var summaries = new JsonArray();
        foreach (var profile in matching.Skip(start).Take(pageSize))
        {
            summaries.Add((JsonNode)Profile(profile, region, accountId));
        }

        var body = new JsonObject { ["inferenceProfileSummaries"] = summaries };
        if (start + pageSize < matching.Count)
        {
            body["nextToken"] = WriteToken(start + pageSize);
        }

        return (null, Encoding.UTF8.GetBytes(body.ToJsonString()));
    }

    public static (AwsError? Error, byte[] Body) GetInferenceProfile(BedrockCatalog catalog, string identifier, string region, string accountId)
    {
        var profile = catalog.InferenceProfiles.FirstOrDefault(p => p.InferenceProfileId == identifier || ArnOf(p, region, accountId) == identifier);
        return profile is null
            ? (new AwsError(404, "ResourceNotFoundException", $"The inference profile {identifier} does not exist."), [])
            : (null, Encoding.UTF8.GetBytes(Profile(profile, region, accountId).ToJsonString()));
    }

    // One shape for a listed summary and a GetInferenceProfile answer, as Bedrock sends both.
    private static JsonObject Profile(InferenceProfileEntry profile, string region, string accountId) => new()
    {
        ["inferenceProfileName"] = profile.InferenceProfileName,
        ["description"] = profile.Description,
        ["createdAt"] = DateTime(profile.CreatedAt),
        ["updatedAt"] = DateTime(profile.UpdatedAt),
        ["inferenceProfileArn"] = ArnOf(profile, region, accountId),
        ["models"] = new JsonArray(profile.ModelArns.Select(arn => (JsonNode)new JsonObject { ["modelArn"] = arn }).ToArray()),
        ["inferenceProfileId"] = profile.InferenceProfileId,
        ["status"] = profile.Status,
        ["type"] = profile.Type,
    };

    private static string ArnOf(InferenceProfileEntry profile, string region, string accountId) => profile.InferenceProfileArn
        ?? $"arn:aws:bedrock:{region}:{accountId}:{(profile.Type == "APPLICATION" ? "application-inference-profile" : "inference-profile")}/{profile.InferenceProfileId}";

    private static bool TryEnum(IQueryCollection query, string name, string[] allowed, out string? value, out AwsError? error)
    {
        value = null;
        error = null;
        var text = query[name].ToString();
        if (text.Length == 0)
        {
            return true;
        }

        if (!allowed.Contains(text))
        {
            error = AwsError.Validation(
                $"1 validation error detected: Value '{text}' at '{name}' failed to satisfy constraint: Member must satisfy enum value set: [{string.Join(", ", allowed)}]");
            return false;
        }

        value = text;
        return true;
    }

    /// <summary>Bedrock's control plane writes timestamps as RFC 3339 date-times (<c>@timestampFormat("date-time")</c>), not epoch seconds.</summary>
    private static string DateTime(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture);

    private static JsonArray Strings(IEnumerable<string> values) => new(values.Select(value => (JsonNode)JsonValue.Create(value)).ToArray());

    private static string WriteToken(int offset) => Convert.ToBase64String(Encoding.UTF8.GetBytes(TokenPrefix + offset));

    private static bool TryReadToken(string token, out int offset)
    {
        offset = 0;
        try
        {
            var text = Encoding.UTF8.GetString(Convert.FromBase64String(token));
            return text.StartsWith(TokenPrefix, StringComparison.Ordinal)
                && int.TryParse(text.AsSpan(TokenPrefix.Length), out offset)
                && offset >= 0;
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
