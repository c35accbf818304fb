using System.Globalization;
using System.Text;
using System.Text.Json;
using BenchmarkDotNet.Attributes;

namespace Clawdbot.Sdk.Benchmarks;

/// <summary>JSON5 parsing against System.Text.Json's JsonDocument on the same plain-JSON config-like document.</summary>
[MemoryDiagnoser]
public class Json5ParseBenchmarks
{
    private string _json = "";

    [GlobalSetup]
    public void GenerateDocument()
    {
        // A models.json5-like document: providers with models, each with settings of every JSON type.
        var random = new Random(42);
        var builder = new StringBuilder();
        builder.Append("{\n  \"version\": 1,\n  \"providers\": {\n");
        var provider = 0;
        while (builder.Length < 100_000)
        {
            if (provider > 0)
            {
                builder.Append(",\n");
            }

            builder.Append("    \"provider-").Append(provider).Append("\": {\n")
                .Append("      \"baseUrl\": \"https://bedrock-runtime.us-east-").Append(provider % 3).Append(".amazonaws.com\",\n")
                .Append("      \"api\": \"bedrock-converse-stream\",\n")
                .Append("      \"enabled\": ").Append(provider % 2 == 0 ? "true" : "false").Append(",\n")
                .Append("      \"models\": [\n");
            for (var model = 0; model < 8; model++)
            {
                builder.Append(model == 0 ? "" : ",\n")
                    .Append("        {\"id\": \"anthropic.claude-").Append(random.Next(1000)).Append("-v").Append(model)
                    .Append(":0\", \"name\": \"Model \\\"").Append(model).Append("\\\" of provider ").Append(provider)
                    .Append("\", \"reasoning\": ").Append(model % 3 == 0 ? "true" : "false")
                    .Append(", \"input\": [\"text\", \"image\"], \"contextWindow\": ").Append(200_000 + random.Next(100_000))
                    .Append(", \"maxTokens\": ").Append(8192 * (1 + model))
                    .Append(", \"cost\": {\"input\": ").Append((random.NextDouble() * 10).ToString("0.###", CultureInfo.InvariantCulture))
                    .Append(", \"output\": ").Append((random.NextDouble() * 50).ToString("0.##", CultureInfo.InvariantCulture))
                    .Append(", \"cacheRead\": 0.3, \"cacheWrite\": null}}");
            }

            builder.Append("\n      ]\n    }");
            provider++;
        }

        builder.Append("\n  }\n}\n");
        _json = builder.ToString();
        Clawdbot.Sdk.Json5.Parse(_json);
    }

    [Benchmark(Baseline = true)]
    public int SystemTextJsonDocument()
    {
        using var document = JsonDocument.Parse(_json);
        return document.RootElement.GetProperty("version").GetInt32();
    }

    [Benchmark]
    public int Json5Parse() => ((Json5Object)Clawdbot.Sdk.Json5.Parse(_json)).Count;
}
