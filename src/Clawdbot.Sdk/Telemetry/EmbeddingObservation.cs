using System.Diagnostics;
using Microsoft.Extensions.Logging;

namespace Clawdbot.Sdk;

/// <summary>
/// Traces, measures and logs one embedding request of a <see cref="BedrockClient"/> (all its InvokeModel calls) as a
/// GenAI <c>embeddings</c> operation, as <see cref="CallObservation"/> does a chat call. Under another
/// instrumentation's <c>embeddings</c> span for Bedrock (Microsoft.Extensions.AI's <c>OpenTelemetryEmbeddingGenerator</c>
/// around <c>AsIEmbeddingGenerator()</c>) it only adds <c>aws.request_id</c> to that span, so one request is one span.
/// </summary>
internal sealed class EmbeddingObservation
{
    private const string Operation = "InvokeModel";

    private readonly ILogger _logger;
    private readonly string _modelId;
    private readonly Uri _endpoint;
    private readonly long _started = Stopwatch.GetTimestamp();
    private readonly Activity? _activity;
    private readonly Activity? _outerSpan;

    private EmbeddingObservation(ILogger logger, string modelId, int? dimensions, Uri endpoint)
    {
        _logger = logger;
        _modelId = modelId;
        _endpoint = endpoint;
        _outerSpan = CallObservation.OuterGenAISpan(Activity.Current, BedrockTelemetry.EmbeddingsOperationName);
        _activity = _outerSpan is null
            ? BedrockTelemetry.ActivitySource.StartActivity(BedrockTelemetry.EmbeddingsOperationName + " " + modelId, ActivityKind.Client)
            : null;
        if (_activity is { IsAllDataRequested: true } activity)
        {
            activity.SetTag(BedrockTelemetry.Tags.OperationName, BedrockTelemetry.EmbeddingsOperationName);
            activity.SetTag(BedrockTelemetry.Tags.ProviderName, BedrockTelemetry.ProviderName);
            activity.SetTag(BedrockTelemetry.Tags.System, BedrockTelemetry.ProviderName);
            activity.SetTag(BedrockTelemetry.Tags.RequestModel, modelId);
            activity.SetTag(BedrockTelemetry.Tags.ServerAddress, endpoint.Host);
            activity.SetTag(BedrockTelemetry.Tags.ServerPort, endpoint.Port);
            if (dimensions is { } count)
            {
                activity.SetTag(BedrockTelemetry.Tags.EmbeddingsDimensionCount, count);
            }
        }

        BedrockLog.CallStarting(logger, Operation, modelId, endpoint.GetLeftPart(UriPartial.Authority));
    }

    public static async Task<EmbeddingResult> ObserveAsync(Func<CancellationToken, Task<EmbeddingResult>> call, ILogger logger, string modelId, int? dimensions, Uri endpoint, CancellationToken cancellationToken)
    {
        var observation = new EmbeddingObservation(logger, modelId, dimensions, endpoint);
        try
        {
            var result = await call(cancellationToken).ConfigureAwait(false);
            observation.Complete(result);
            return result;
        }
        catch (Exception exception)
        {
            observation.Fail(exception);
            throw;
        }
    }

    private void Complete(EmbeddingResult result)
    {
        var requestId = result.RequestIds.Count > 0 ? string.Join(",", result.RequestIds) : null;
        if (_activity is { IsAllDataRequested: true } activity)
        {
            activity.SetTag(BedrockTelemetry.Tags.InputTokens, result.InputTokens);
            if (result.Embeddings.Count > 0)
            {
                activity.SetTag(BedrockTelemetry.Tags.EmbeddingsDimensionCount, result.Embeddings[0].Length);
            }

            activity.SetStatus(ActivityStatusCode.Ok);
        }

        var elapsed = End(result.ModelId, requestId, result.InputTokens, errorType: null);
        BedrockLog.CallCompleted(_logger, Operation, _modelId, (long)elapsed.TotalMilliseconds, requestId, null, result.InputTokens, null);
    }

    private void Fail(Exception exception)
    {
        var errorType = CallObservation.ErrorTypeOf(exception);
        _activity?.SetStatus(ActivityStatusCode.Error, errorType);
        var elapsed = (long)End(_modelId, (exception as BedrockException)?.RequestId, null, errorType).TotalMilliseconds;
        CallObservation.LogFailure(_logger, Operation, _modelId, elapsed, exception);
    }

    private TimeSpan End(string responseModel, string? requestId, int? inputTokens, string? errorType)
    {
        var elapsed = Stopwatch.GetElapsedTime(_started);
        if (_activity is { IsAllDataRequested: true } activity)
        {
            activity.SetTag(BedrockTelemetry.Tags.ResponseModel, responseModel);
            if (requestId is not null)
            {
                activity.SetTag(BedrockTelemetry.Tags.AwsRequestId, requestId);
            }

            if (errorType is not null)
            {
                activity.SetTag(BedrockTelemetry.Tags.ErrorType, errorType);
            }
        }

        _activity?.Dispose();
        if (_outerSpan is { } outer)
        {
            if (requestId is not null)
            {
                outer.SetTag(BedrockTelemetry.Tags.AwsRequestId, requestId);
            }

            return elapsed;
        }

        var tags = CallObservation.MetricTags(BedrockTelemetry.EmbeddingsOperationName, _modelId, responseModel, _endpoint, errorType);
        BedrockTelemetry.OperationDuration.Record(elapsed.TotalSeconds, tags);
        if (inputTokens is { } tokens && BedrockTelemetry.TokenUsage.Enabled)
        {
            tags.Add(BedrockTelemetry.Tags.TokenType, "input");
            BedrockTelemetry.TokenUsage.Record(tokens, tags);
        }

        return elapsed;
    }
}
