using System.Diagnostics;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;

namespace Clawdbot.Sdk;

/// <summary>
/// Traces, measures and logs one Converse / ConverseStream call of a <see cref="BedrockClient"/>. Only created when
/// someone listens (an activity listener, an enabled instrument or an enabled logger), so an unobserved call pays nothing.
/// </summary>
/// <remarks>
/// One call is one GenAI span. When the call runs directly under another source's GenAI <c>chat</c> client span for
/// Bedrock (Microsoft.Extensions.AI's <c>OpenTelemetryChatClient</c>, which <c>UseOpenTelemetry()</c> puts around
/// <c>AsIChatClient()</c>), that span and its instrumentation's metrics describe the call: the SDK then starts no
/// span and records no <c>gen_ai.*</c> metrics of its own, and only adds <c>aws.request_id</c> to that span. Its log
/// events are written either way.
/// </remarks>
internal sealed class CallObservation
{
    private readonly ILogger _logger;
    private readonly string _operation;
    private readonly string _modelId;
    private readonly Uri _endpoint;
    private readonly long _started;
    private readonly Activity? _activity;
    private readonly Activity? _outerSpan;
    private string? _requestId;
    private string? _responseModel;
    private StopReason? _stopReason;
    private TokenUsage? _usage;
    private bool _ended;

    private CallObservation(ILogger logger, string operation, ConverseRequest request, Uri endpoint)
    {
        _logger = logger;
        _operation = operation;
        _modelId = request.ModelId;
        _endpoint = endpoint;
        _started = Stopwatch.GetTimestamp();
        _outerSpan = OuterGenAISpan(Activity.Current);
        _activity = _outerSpan is null ? BedrockTelemetry.ActivitySource.StartActivity(BedrockTelemetry.OperationName + " " + request.ModelId, ActivityKind.Client) : null;
        if (_activity is { IsAllDataRequested: true } activity)
        {
            activity.SetTag(BedrockTelemetry.Tags.OperationName, BedrockTelemetry.OperationName);
            activity.SetTag(BedrockTelemetry.Tags.ProviderName, BedrockTelemetry.ProviderName);
            activity.SetTag(BedrockTelemetry.Tags.System, BedrockTelemetry.ProviderName);
            activity.SetTag(BedrockTelemetry.Tags.RequestModel, request.ModelId);
            activity.SetTag(BedrockTelemetry.Tags.ServerAddress, endpoint.Host);
            activity.SetTag(BedrockTelemetry.Tags.ServerPort, endpoint.Port);
            if ((request.InferenceConfig?.MaxTokens ?? request.Model?.MaxTokens) is { } maxTokens)
            {
                activity.SetTag(BedrockTelemetry.Tags.RequestMaxTokens, maxTokens);
            }

            if (request.InferenceConfig?.Temperature is { } temperature)
            {
                activity.SetTag(BedrockTelemetry.Tags.RequestTemperature, (double)temperature);
            }

            if (request.InferenceConfig?.TopP is { } topP)
            {
                activity.SetTag(BedrockTelemetry.Tags.RequestTopP, (double)topP);
            }
        }

        BedrockLog.CallStarting(logger, operation, _modelId, endpoint.GetLeftPart(UriPartial.Authority));
    }

    /// <summary>
    /// The span of another GenAI instrumentation (Microsoft.Extensions.AI's, typically) already describing this call
    /// as a Bedrock <paramref name="operationName"/> (<c>chat</c> unless given; <c>embeddings</c> for
    /// <see cref="EmbeddingObservation"/>): a client span, not this SDK's, tagged with that
    /// <c>gen_ai.operation.name</c> and provider <c>aws.bedrock</c> (what <c>OpenTelemetryChatClient</c> and
    /// <c>OpenTelemetryEmbeddingGenerator</c> write from the Bedrock clients' metadata).
    /// </summary>
    internal static Activity? OuterGenAISpan(Activity? current, string operationName = BedrockTelemetry.OperationName)
        => current is { Kind: ActivityKind.Client, IsAllDataRequested: true } span
           && span.Source != BedrockTelemetry.ActivitySource
           && span.GetTagItem(BedrockTelemetry.Tags.OperationName) is string name && name == operationName
           && (span.GetTagItem(BedrockTelemetry.Tags.ProviderName) ?? span.GetTagItem(BedrockTelemetry.Tags.System)) is BedrockTelemetry.ProviderName
            ? span
            : null;

    public static bool IsWanted(ILogger logger)
        => BedrockTelemetry.ActivitySource.HasListeners()
           || BedrockTelemetry.OperationDuration.Enabled
           || BedrockTelemetry.TokenUsage.Enabled
           || logger.IsEnabled(LogLevel.Warning);

    public static async Task<ConverseResult> ObserveAsync(Func<ConverseRequest, CancellationToken, Task<ConverseResult>> call, ILogger logger, ConverseRequest request, Uri endpoint, CancellationToken cancellationToken)
    {
        // Started before the call, so that the HTTP client's activity is a child of this one.
        var observation = new CallObservation(logger, "Converse", request, endpoint);
        try
        {
            var result = await call(request, cancellationToken).ConfigureAwait(false);
            observation.Complete(result.RequestId, result.ModelId, result.StopReason, result.Usage);
            return result;
        }
        catch (Exception exception)
        {
            observation.Fail(exception);
            throw;
        }
    }

    public static async IAsyncEnumerable<StreamUpdate> ObserveStreamAsync(
        IAsyncEnumerable<StreamUpdate> updates,
        ILogger logger,
        ConverseRequest request,
        Uri endpoint,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var observation = new CallObservation(logger, "ConverseStream", request, endpoint);
        var enumerator = updates.GetAsyncEnumerator(cancellationToken);
        try
        {
            while (true)
            {
                try
                {
                    if (!await enumerator.MoveNextAsync().ConfigureAwait(false))
                    {
                        break;
                    }
                }
                catch (Exception exception)
                {
                    observation.Fail(exception);
                    throw;
                }

                var update = enumerator.Current;
                observation.Observe(update);
                yield return update;
            }

            observation.Complete();
        }
        finally
        {
            observation.Abandon();
            await enumerator.DisposeAsync().ConfigureAwait(false);
        }
    }

    private void Observe(StreamUpdate update)
    {
        switch (update)
        {
            case MessageStart start:
                _requestId ??= start.RequestId;
                _responseModel ??= start.ModelId;
                break;
            case MessageStop stop:
                _stopReason = stop.StopReason;
                break;
            case UsageUpdate usage:
                _usage = usage.Usage;
                break;
        }
    }

    private void Complete() => Complete(_requestId, _responseModel, _stopReason, _usage);

    private void Complete(string? requestId, string? responseModel, StopReason? stopReason, TokenUsage? usage)
    {
        _requestId = requestId;
        _responseModel = string.IsNullOrEmpty(responseModel) ? _modelId : responseModel;
        _stopReason = stopReason;
        _usage = usage;
        var elapsed = End(errorType: null);
        if (_activity is { IsAllDataRequested: true } activity)
        {
            if (stopReason is { } stop)
            {
                activity.SetTag(BedrockTelemetry.Tags.FinishReasons, new[] { stop.Value });
            }

            activity.SetStatus(ActivityStatusCode.Ok);
        }

        BedrockLog.CallCompleted(_logger, _operation, _modelId, (long)elapsed.TotalMilliseconds, requestId, stopReason?.Value, usage?.InputTokens, usage?.OutputTokens);
    }

    private void Fail(Exception exception)
    {
        if (_ended)
        {
            return;
        }

        var bedrock = exception as BedrockException;
        _requestId ??= bedrock?.RequestId;
        if (bedrock?.PartialResult is { } partial)
        {
            _usage ??= partial.Usage;
            _stopReason ??= partial.StopReason;
        }

        var errorType = ErrorTypeOf(exception);
        var elapsed = (long)End(errorType).TotalMilliseconds;
        _activity?.SetStatus(ActivityStatusCode.Error, errorType);
        LogFailure(_logger, _operation, _modelId, elapsed, exception);
    }

    /// <summary>
    /// The <c>error.type</c> of a failed call (and its span status): the <see cref="BedrockErrorKind"/> of a
    /// <see cref="BedrockException"/>, <c>cancelled</c>, or the exception's type.
    /// </summary>
    internal static string ErrorTypeOf(Exception exception) => exception switch
    {
        BedrockException bedrock => bedrock.Kind.ToString(),
        OperationCanceledException => "cancelled",
        _ => exception.GetType().FullName ?? "error",
    };

    /// <summary>Logs a failed call as a Bedrock failure, a cancellation or an unexpected error.</summary>
    internal static void LogFailure(ILogger logger, string operation, string modelId, long elapsedMs, Exception exception)
    {
        switch (exception)
        {
            case BedrockException bedrock:
                BedrockLog.CallFailed(logger, operation, modelId, elapsedMs, bedrock.Kind, bedrock.StatusCode, bedrock.ErrorCode, bedrock.RequestId, bedrock.Attempts, bedrock);
                break;
            case OperationCanceledException:
                BedrockLog.CallCancelled(logger, operation, modelId, elapsedMs);
                break;
            default:
                BedrockLog.CallError(logger, operation, modelId, elapsedMs, exception.GetType().Name, exception);
                break;
        }
    }

    /// <summary>Ends the call if the caller stopped reading the stream before its end.</summary>
    private void Abandon()
    {
        if (_ended)
        {
            return;
        }

        var elapsed = (long)End("abandoned").TotalMilliseconds;
        BedrockLog.StreamAbandoned(_logger, _operation, _modelId, elapsed, _requestId);
    }

    private TimeSpan End(string? errorType)
    {
        _ended = true;
        var elapsed = Stopwatch.GetElapsedTime(_started);
        if (_activity is { IsAllDataRequested: true } activity)
        {
            activity.SetTag(BedrockTelemetry.Tags.ResponseModel, _responseModel ?? _modelId);
            if (_requestId is not null)
            {
                activity.SetTag(BedrockTelemetry.Tags.ResponseId, _requestId);
                activity.SetTag(BedrockTelemetry.Tags.AwsRequestId, _requestId);
            }

            if (_usage is { } usage)
            {
                activity.SetTag(BedrockTelemetry.Tags.InputTokens, usage.InputTokens);
                activity.SetTag(BedrockTelemetry.Tags.OutputTokens, usage.OutputTokens);
            }

            if (errorType is not null)
            {
                activity.SetTag(BedrockTelemetry.Tags.ErrorType, errorType);
            }
        }

        _activity?.Dispose();
        if (_outerSpan is { } outer)
        {
            // The outer instrumentation records the span and the metrics; only what it cannot know is added.
            if (_requestId is not null)
            {
                outer.SetTag(BedrockTelemetry.Tags.AwsRequestId, _requestId);
            }
        }
        else
        {
            Record(elapsed, errorType);
        }

        return elapsed;
    }

    /// <summary>The tags of a GenAI call's <c>gen_ai.client.*</c> measurements (chat and embeddings alike).</summary>
    internal static TagList MetricTags(string operationName, string requestModel, string responseModel, Uri endpoint, string? errorType)
    {
        var tags = new TagList
        {
            { BedrockTelemetry.Tags.OperationName, operationName },
            { BedrockTelemetry.Tags.ProviderName, BedrockTelemetry.ProviderName },
            { BedrockTelemetry.Tags.RequestModel, requestModel },
            { BedrockTelemetry.Tags.ResponseModel, responseModel },
            { BedrockTelemetry.Tags.ServerAddress, endpoint.Host },
            { BedrockTelemetry.Tags.ServerPort, endpoint.Port },
        };
        if (errorType is not null)
        {
            tags.Add(BedrockTelemetry.Tags.ErrorType, errorType);
        }

        return tags;
    }

    private void Record(TimeSpan elapsed, string? errorType)
    {
        var tags = MetricTags(BedrockTelemetry.OperationName, _modelId, _responseModel ?? _modelId, _endpoint, errorType);
        BedrockTelemetry.OperationDuration.Record(elapsed.TotalSeconds, tags);
        if (_usage is { } usage && BedrockTelemetry.TokenUsage.Enabled)
        {
            var input = tags;
            input.Add(BedrockTelemetry.Tags.TokenType, "input");
            BedrockTelemetry.TokenUsage.Record(usage.InputTokens, input);
            var output = tags;
            output.Add(BedrockTelemetry.Tags.TokenType, "output");
            BedrockTelemetry.TokenUsage.Record(usage.OutputTokens, output);
        }
    }
}
