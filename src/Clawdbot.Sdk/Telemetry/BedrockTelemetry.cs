using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Clawdbot.Sdk;

/// <summary>
/// The <see cref="ActivitySource"/> and <see cref="Meter"/> (both named <c>Clawdbot.Sdk</c>) through which
/// <see cref="BedrockClient"/> reports its Converse calls, following the OpenTelemetry GenAI semantic conventions:
/// a client span <c>chat {model}</c> per call, and the histograms <c>gen_ai.client.operation.duration</c> (seconds)
/// and <c>gen_ai.client.token.usage</c> (tokens, split by <c>gen_ai.token.type</c>); an embedding request is one
/// <c>embeddings {model}</c> span, measured the same way (input tokens only).
/// Register the name with OpenTelemetry (<c>AddSource("Clawdbot.Sdk")</c>, <c>AddMeter("Clawdbot.Sdk")</c>).
/// A call made under Microsoft.Extensions.AI's telemetry (<c>AsIChatClient()</c> in a pipeline with
/// <c>UseOpenTelemetry()</c>) is traced and measured by that span alone, so one call is never two spans.
/// </summary>
public static class BedrockTelemetry
{
    /// <summary>The name of the activity source and of the meter.</summary>
    public const string SourceName = "Clawdbot.Sdk";

    internal const string OperationName = "chat";

    /// <summary>The GenAI operation of an embedding request (<c>embeddings {model}</c> spans).</summary>
    internal const string EmbeddingsOperationName = "embeddings";
    internal const string ProviderName = "aws.bedrock";

    /// <summary>The span a <see cref="BedrockFallbackChain"/> call opens when no caller's GenAI span is there.</summary>
    internal const string FailoverSpanName = "failover";

    /// <summary>The span event of each switch to the next model of a <see cref="BedrockFallbackChain"/>.</summary>
    internal const string FailoverEventName = "clawdbot.failover";

    internal static readonly ActivitySource ActivitySource = new(SourceName, typeof(BedrockTelemetry).Assembly.GetName().Version?.ToString());

    internal static readonly Meter Meter = new(SourceName, typeof(BedrockTelemetry).Assembly.GetName().Version?.ToString());

    // Bucket boundaries advised by the GenAI semantic conventions.
    internal static readonly Histogram<double> OperationDuration = Meter.CreateHistogram(
        "gen_ai.client.operation.duration",
        unit: "s",
        description: "GenAI operation duration",
        tags: null,
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.01, 0.02, 0.04, 0.08, 0.16, 0.32, 0.64, 1.28, 2.56, 5.12, 10.24, 20.48, 40.96, 81.92] });

    internal static readonly Histogram<int> TokenUsage = Meter.CreateHistogram(
        "gen_ai.client.token.usage",
        unit: "{token}",
        description: "Measures number of input and output tokens used",
        tags: null,
        advice: new InstrumentAdvice<int> { HistogramBucketBoundaries = [1, 4, 16, 64, 256, 1024, 4096, 16384, 65536, 262144, 1048576, 4194304, 16777216, 67108864] });

    internal static class Tags
    {
        public const string OperationName = "gen_ai.operation.name";
        public const string ProviderName = "gen_ai.provider.name";
        public const string System = "gen_ai.system";
        public const string RequestModel = "gen_ai.request.model";
        public const string RequestMaxTokens = "gen_ai.request.max_tokens";
        public const string RequestTemperature = "gen_ai.request.temperature";
        public const string RequestTopP = "gen_ai.request.top_p";
        public const string ResponseModel = "gen_ai.response.model";
        public const string ResponseId = "gen_ai.response.id";
        public const string FinishReasons = "gen_ai.response.finish_reasons";
        public const string InputTokens = "gen_ai.usage.input_tokens";
        public const string OutputTokens = "gen_ai.usage.output_tokens";
        public const string TokenType = "gen_ai.token.type";
        public const string EmbeddingsDimensionCount = "gen_ai.embeddings.dimension.count";
        public const string ServerAddress = "server.address";
        public const string ServerPort = "server.port";
        public const string ErrorType = "error.type";
        public const string AwsRequestId = "aws.request_id";
        public const string FailoverFrom = "clawdbot.failover.from";
        public const string FailoverTo = "clawdbot.failover.to";
        public const string FailoverAnsweredBy = "clawdbot.failover.answered_by";
        public const string FailoverAttempts = "clawdbot.failover.attempts";
    }
}
