using System.Diagnostics;
using Clawdbot.Sdk.Testing;
using Clawdbot.Sdk.Tests.Runtime;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Clawdbot.Sdk.Tests.Telemetry;

/// <summary>
/// <c>AsIChatClient()</c> composed with Microsoft.Extensions.AI's <c>UseOpenTelemetry()</c>: one call is one GenAI
/// span and one set of GenAI metrics, the pipeline's; without it the SDK's own span and metrics describe the call.
/// </summary>
public sealed class ChatClientTelemetryTests
{
    [Theory]
    [InlineData(false, false)]
    [InlineData(true, false)]
    [InlineData(false, true)]
    [InlineData(true, true)]
    public async Task Under_UseOpenTelemetry_a_call_is_one_span_and_one_duration(bool streaming, bool throughServices)
    {
        // Names of their own: the exporters see every test's telemetry in this process.
        var modelId = "amazon.nova-meai-" + Guid.NewGuid().ToString("N");
        var pipelineSource = "Tests.MEAI." + Guid.NewGuid().ToString("N");
        using var capture = new OpenTelemetryCapture(BedrockTelemetry.SourceName, pipelineSource);
        await using var bedrock = await LocalBedrock.StartAsync();
        using var client = RuntimeTestSupport.Client(bedrock);
        bedrock.Enqueue(Script.Stream().Text("Hi there").Usage(input: 12, output: 7).Stop("end_turn"));

        ServiceProvider? services = null;
        IChatClient chat;
        if (throughServices)
        {
            var collection = new ServiceCollection();
            collection.AddChatClient(client.AsIChatClient(modelId)).UseOpenTelemetry(sourceName: pipelineSource);
            services = collection.BuildServiceProvider();
            chat = services.GetRequiredService<IChatClient>();
        }
        else
        {
            chat = new ChatClientBuilder(client.AsIChatClient(modelId)).UseOpenTelemetry(sourceName: pipelineSource).Build();
        }

        using (services)
        using (chat)
        {
            var responseId = streaming ? (await chat.GetStreamingResponseAsync("Hi").ToChatResponseAsync()).ResponseId : (await chat.GetResponseAsync("Hi")).ResponseId;

            var spans = capture.SpansFor(modelId);
            var span = Assert.Single(spans, s => Equals(s.GetTagItem("gen_ai.operation.name"), "chat"));
            Assert.Equal(pipelineSource, span.Source.Name);
            Assert.DoesNotContain(spans, s => s.Source.Name == BedrockTelemetry.SourceName);
            Assert.Equal("aws.bedrock", span.GetTagItem("gen_ai.provider.name"));
            Assert.Equal(12, Convert.ToInt32(span.GetTagItem("gen_ai.usage.input_tokens")));
            Assert.NotNull(responseId);
            Assert.Equal(responseId, span.GetTagItem("aws.request_id"));

            var durations = capture.DurationsFor(modelId);
            Assert.Equal([pipelineSource], durations);
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Without_UseOpenTelemetry_the_adapter_keeps_the_SDKs_span_even_under_another_span(bool streaming)
    {
        var modelId = "amazon.nova-meai-" + Guid.NewGuid().ToString("N");
        var appSource = "Tests.App." + Guid.NewGuid().ToString("N");
        using var capture = new OpenTelemetryCapture(BedrockTelemetry.SourceName, appSource);
        using var app = new ActivitySource(appSource);
        await using var bedrock = await LocalBedrock.StartAsync();
        using var client = RuntimeTestSupport.Client(bedrock);
        bedrock.Enqueue(Script.Stream().Text("Hi there").Usage(input: 12, output: 7).Stop("end_turn"));
        using var chat = client.AsIChatClient(modelId);

        using (var request = app.StartActivity("GET /chat", ActivityKind.Server))
        {
            Assert.NotNull(request);
            _ = streaming ? await chat.GetStreamingResponseAsync("Hi").ToChatResponseAsync() : await chat.GetResponseAsync("Hi");
        }

        var span = Assert.Single(capture.SpansFor(modelId));
        Assert.Equal(BedrockTelemetry.SourceName, span.Source.Name);
        Assert.Equal("GET /chat", span.Parent?.DisplayName);
        Assert.Equal([BedrockTelemetry.SourceName], capture.DurationsFor(modelId));
    }

    private sealed class OpenTelemetryCapture : IDisposable
    {
        private readonly List<Activity> _spans = [];
        private readonly List<Metric> _metrics = [];
        private readonly TracerProvider _tracing;
        private readonly MeterProvider _meters;

        public OpenTelemetryCapture(params string[] sources)
        {
            _tracing = OpenTelemetry.Sdk.CreateTracerProviderBuilder().AddSource(sources).SetSampler(new AlwaysOnSampler()).AddInMemoryExporter(_spans).Build();
            _meters = OpenTelemetry.Sdk.CreateMeterProviderBuilder().AddMeter(sources).AddInMemoryExporter(_metrics).Build();
        }

        /// <summary>The ended spans whose <c>gen_ai.request.model</c> is <paramref name="modelId"/>.</summary>
        public List<Activity> SpansFor(string modelId)
        {
            _tracing.ForceFlush();
            lock (_spans)
            {
                return _spans.Where(s => Equals(s.GetTagItem("gen_ai.request.model"), modelId)).ToList();
            }
        }

        /// <summary>The meter of each <c>gen_ai.client.operation.duration</c> measurement of <paramref name="modelId"/>.</summary>
        public List<string> DurationsFor(string modelId)
        {
            _meters.ForceFlush();
            var meters = new List<string>();
            lock (_metrics)
            {
                foreach (var metric in _metrics.Where(m => m.Name == "gen_ai.client.operation.duration"))
                {
                    foreach (ref readonly var point in metric.GetMetricPoints())
                    {
                        foreach (var tag in point.Tags)
                        {
                            if (tag.Key == "gen_ai.request.model" && Equals(tag.Value, modelId))
                            {
                                for (var i = 0; i < point.GetHistogramCount(); i++)
                                {
                                    meters.Add(metric.MeterName);
                                }
                            }
                        }
                    }
                }
            }

            return meters;
        }

        public void Dispose()
        {
            _tracing.Dispose();
            _meters.Dispose();
        }
    }
}
