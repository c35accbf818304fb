using Microsoft.AspNetCore.Http;

namespace Clawdbot.Sdk.Testing.Internal;

/// <summary>Which operation a method and raw path address, and the decoded model id of runtime calls.</summary>
internal sealed record RequestRoute(string Operation, string? ModelId)
{
    public const string ConverseStream = "ConverseStream";
    public const string Converse = "Converse";
    public const string ListFoundationModels = "ListFoundationModels";
    public const string ListInferenceProfiles = "ListInferenceProfiles";
    public const string Unknown = "Unknown";

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

        // A model id may arrive with its '/' escaped (one segment) or not (several), so take everything in between.
        if (HttpMethods.IsPost(method) && segments.Length >= 4 && segments[0].Length == 0 && segments[1] == "model")
        {
            var operation = segments[^1] switch
            {
                "converse-stream" => ConverseStream,
                "converse" => Converse,
                _ => null,
            };
            var modelId = Uri.UnescapeDataString(string.Join('/', segments[2..^1]));
            if (operation is not null && modelId.Length > 0)
            {
                return new RequestRoute(operation, modelId);
            }
        }

        return new RequestRoute(Unknown, null);
    }
}
