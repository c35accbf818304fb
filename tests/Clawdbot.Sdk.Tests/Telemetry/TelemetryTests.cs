using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using Clawdbot.Sdk.Testing;
using Clawdbot.Sdk.Tests.Runtime;

namespace Clawdbot.Sdk.Tests.Telemetry;

/// <summary>Spans and metrics of Converse calls, per the OpenTelemetry GenAI semantic conventions.</summary>
public sealed class TelemetryTests
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_call_emits_a_chat_span_and_both_histograms(bool streaming)
    {
        // A model id of its own: listeners are process-wide and other tests call concurrently.
        var modelId = "amazon.nova-telemetry-" + Guid.NewGuid().ToString("N");
        using var capture = new TelemetryCapture(modelId);
        await using var bedrock = await LocalBedrock.StartAsync();
        using var client = RuntimeTestSupport.Client(bedrock);
        bedrock.Enqueue(Script.Stream().Text("Hi there").Usage(input: 12, output: 7).Stop("max_tokens"));
        var request = RuntimeTestSupport.Request(modelId);
        request.InferenceConfig = new InferenceConfig { MaxTokens = 99, Temperature = 0.5f };

        var result = streaming ? await client.ConverseStreamAsync(request).ToResultAsync() : await client.ConverseAsync(request);

        var activity = Assert.Single(capture.Activities);
        Assert.Equal("chat " + modelId, activity.DisplayName);
        Assert.Equal(ActivityKind.Client, activity.Kind);
        Assert.Equal(ActivityStatusCode.Ok, activity.Status);
        Assert.Equal("chat", activity.GetTagItem("gen_ai.operation.name"));
        Assert.Equal("aws.bedrock", activity.GetTagItem("gen_ai.provider.name"));
        Assert.Equal("aws.bedrock", activity.GetTagItem("gen_ai.system"));
        Assert.Equal(modelId, activity.GetTagItem("gen_ai.request.model"));
        Assert.Equal(modelId, activity.GetTagItem("gen_ai.response.model"));
        Assert.Equal(99, activity.GetTagItem("gen_ai.request.max_tokens"));
        Assert.Equal(0.5, (double)activity.GetTagItem("gen_ai.request.temperature")!, 3);
        Assert.Equal(12, activity.GetTagItem("gen_ai.usage.input_tokens"));
        Assert.Equal(7, activity.GetTagItem("gen_ai.usage.output_tokens"));
        Assert.Equal(new[] { "max_tokens" }, activity.GetTagItem("gen_ai.response.finish_reasons"));
        Assert.Equal(result.RequestId, activity.GetTagItem("gen_ai.response.id"));
        Assert.Equal("127.0.0.1", activity.GetTagItem("server.address"));
        Assert.Equal(bedrock.Endpoint.Port, activity.GetTagItem("server.port"));

        var duration = Assert.Single(capture.Durations);
        Assert.True(duration.Value > 0);
        Assert.Equal("chat", duration.Tags["gen_ai.operation.name"]);
        Assert.False(duration.Tags.ContainsKey("error.type"));
        Assert.Equal(12, capture.Tokens.Single(t => (string)t.Tags["gen_ai.token.type"]! == "input").Value);
        Assert.Equal(7, capture.Tokens.Single(t => (string)t.Tags["gen_ai.token.type"]! == "output").Value);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_call_routed_through_a_profile_is_one_span_naming_the_profile_as_the_response_model(bool streaming)
    {
        var modelId = "anthropic.telemetry-" + Guid.NewGuid().ToString("N");
        using var capture = new TelemetryCapture(modelId);
        await using var bedrock = await LocalBedrock.StartAsync();
        bedrock.Catalog.FoundationModels.Add(new FoundationModelEntry { ModelId = modelId, ModelName = "Profile only", ProviderName = "Anthropic", InferenceTypesSupported = ["INFERENCE_PROFILE"] });
        bedrock.Catalog.InferenceProfiles.Add(new InferenceProfileEntry { InferenceProfileId = "us." + modelId, InferenceProfileName = "US profile only", ModelArns = ["arn:aws:bedrock:us-east-1::foundation-model/" + modelId] });
        using var client = RuntimeTestSupport.Client(bedrock, options =>
        {
            options.ControlPlaneEndpoint = bedrock.Endpoint;
            options.DiscoveryCache = new BedrockDiscoveryCache();
        });
        var request = RuntimeTestSupport.Request(modelId);

        var result = streaming ? await client.ConverseStreamAsync(request).ToResultAsync() : await client.ConverseAsync(request);

        Assert.Equal("us." + modelId, result.ModelId);
        var activity = Assert.Single(capture.Activities);
        Assert.Equal(ActivityStatusCode.Ok, activity.Status);
        Assert.Equal(modelId, activity.GetTagItem("gen_ai.request.model"));
        Assert.Equal("us." + modelId, activity.GetTagItem("gen_ai.response.model"));
        Assert.Equal("us." + modelId, Assert.Single(capture.Durations).Tags["gen_ai.response.model"]);
    }

    [Fact]
    public async Task A_failed_call_records_the_error_type()
    {
        var modelId = "amazon.nova-telemetry-" + Guid.NewGuid().ToString("N");
        using var capture = new TelemetryCapture(modelId);
        await using var bedrock = await LocalBedrock.StartAsync();
        using var client = RuntimeTestSupport.Client(bedrock, options => options.MaxAttempts = 1);
        bedrock.Enqueue(Script.Stream().Text("partial").ThenException("throttlingException", "Rate exceeded"));

        await Assert.ThrowsAsync<BedrockException>(() => client.ConverseStreamAsync(RuntimeTestSupport.Request(modelId)).ToResultAsync());

        var activity = Assert.Single(capture.Activities);
        Assert.Equal(ActivityStatusCode.Error, activity.Status);
        Assert.Equal("Throttling", activity.GetTagItem("error.type"));
        Assert.Equal("Throttling", Assert.Single(capture.Durations).Tags["error.type"]);
    }

    [Fact]
    public async Task A_stream_the_caller_stops_reading_still_ends_its_span()
    {
        var modelId = "amazon.nova-telemetry-" + Guid.NewGuid().ToString("N");
        using var capture = new TelemetryCapture(modelId);
        await using var bedrock = await LocalBedrock.StartAsync();
        using var client = RuntimeTestSupport.Client(bedrock);
        bedrock.Enqueue(Script.Stream().Text("a", "b", "c"));

        await foreach (var update in client.ConverseStreamAsync(RuntimeTestSupport.Request(modelId)))
        {
            if (update is TextDelta)
            {
                break;
            }
        }

        Assert.Equal("abandoned", Assert.Single(capture.Activities).GetTagItem("error.type"));
    }

    private sealed record Measurement<T>(T Value, Dictionary<string, object?> Tags);

    private sealed class TelemetryCapture : IDisposable
    {
        private readonly ActivityListener _activities;
        private readonly MeterListener _meters = new();
        private readonly string _modelId;

        public TelemetryCapture(string modelId)
        {
            _modelId = modelId;
            _activities = new ActivityListener
            {
                ShouldListenTo = source => source.Name == BedrockTelemetry.SourceName,
                Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
                ActivityStopped = activity =>
                {
                    if (Equals(activity.GetTagItem("gen_ai.request.model"), _modelId))
                    {
                        Activities.Add(activity);
                    }
                },
            };
            ActivitySource.AddActivityListener(_activities);
            _meters.InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == BedrockTelemetry.SourceName)
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            };
            _meters.SetMeasurementEventCallback<double>((instrument, value, tags, _) =>
            {
                if (instrument.Name == "gen_ai.client.operation.duration" && Mine(tags, out var map))
                {
                    Durations.Add(new Measurement<double>(value, map));
                }
            });
            _meters.SetMeasurementEventCallback<int>((instrument, value, tags, _) =>
            {
                if (instrument.Name == "gen_ai.client.token.usage" && Mine(tags, out var map))
                {
                    Tokens.Add(new Measurement<int>(value, map));
                }
            });
            _meters.Start();
        }

        public ConcurrentBag<Activity> Activities { get; } = [];

        public ConcurrentBag<Measurement<double>> Durations { get; } = [];

        public ConcurrentBag<Measurement<int>> Tokens { get; } = [];

        public void Dispose()
        {
            _activities.Dispose();
            _meters.Dispose();
        }

        private bool Mine(ReadOnlySpan<KeyValuePair<string, object?>> tags, out Dictionary<string, object?> map)
        {
            map = [];
            foreach (var (key, value) in tags)
            {
                map[key] = value;
            }

            return Equals(map.GetValueOrDefault("gen_ai.request.model"), _modelId);
        }
    }
}
