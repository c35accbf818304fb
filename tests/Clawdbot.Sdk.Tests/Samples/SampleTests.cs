using OpenTelemetry.Trace;
using OpenTelemetry.Metrics;
using Microsoft.Extensions.DependencyInjection;
using System.Globalization;
using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Clawdbot.Sdk.Testing;
using ReasoningChat;
using StreamingApi;
using ToolUse;

namespace Clawdbot.Sdk.Tests.Samples;

/// <summary>Each sample, run in-process against the emulator (<c>--emulator</c>), as a user would see it.</summary>
// The samples route their generated models through static Bedrock.Clients: never two runs of one sample at once.
[Collection(nameof(SampleTests))]
public sealed class SampleTests
{
    [Fact]
    public async Task ToolUse_calls_get_weather_and_answers_with_its_result()
    {
        var output = new StringWriter();
        LocalBedrock? emulator = null;

        var exitCode = await ToolUseSample.RunAsync(["--emulator"], output, e => emulator = e);

        Assert.Equal(0, exitCode);
        var lines = output.ToString().Split(Environment.NewLine);
        Assert.Equal("--emulator: running against the local Bedrock emulator (LocalBedrock) with scripted replies.", lines[0]);
        Assert.Contains("[tool] get_weather(city: Paris)", lines);
        Assert.Contains("(scripted) It is 18 °C and partly cloudy in Paris.", output.ToString());
        var requests = emulator!.Requests;
        Assert.Equal(2, requests.Count);
        Assert.All(requests, r => Assert.Equal("us.anthropic.claude-haiku-4-5-20251001-v1:0", r.ModelId));
        using var second = JsonDocument.Parse(requests[1].Body);
        var toolResult = second.RootElement.GetProperty("messages")[2].GetProperty("content")[0].GetProperty("toolResult");
        Assert.Equal("tooluse-weather-1", toolResult.GetProperty("toolUseId").GetString());
        var expected = WeatherStation.Current("Paris");
        Assert.Equal(expected.Sky, toolResult.GetProperty("content")[0].GetProperty("json").GetProperty("sky").GetString());
    }

    [Fact]
    public async Task ReasoningChat_sends_the_signed_reasoning_of_turn_one_with_turn_two()
    {
        var output = new StringWriter();
        LocalBedrock? emulator = null;

        var exitCode = await ReasoningChatSample.RunAsync(["--emulator"], output, e => emulator = e);

        Assert.Equal(0, exitCode);
        var text = output.ToString();
        Assert.Contains("[thinking] Let the ball cost x.", text);
        Assert.Contains("[answer] (scripted) The ball costs $0.05.", text);
        Assert.Contains("[answer] (scripted) Then no positive price works", text);
        var requests = emulator!.Requests;
        Assert.Equal(2, requests.Count);
        using var second = JsonDocument.Parse(requests[1].Body);
        var messages = second.RootElement.GetProperty("messages");
        Assert.Equal(3, messages.GetArrayLength());
        var reasoning = messages[1].GetProperty("content")[0].GetProperty("reasoningContent").GetProperty("reasoningText");
        Assert.Equal("c2NyaXB0ZWQtc2lnbmF0dXJlLTE=", reasoning.GetProperty("signature").GetString());
        Assert.StartsWith("Let the ball cost x.", reasoning.GetProperty("text").GetString());
        Assert.Equal("enabled", second.RootElement.GetProperty("additionalModelRequestFields").GetProperty("thinking").GetProperty("type").GetString());
    }

    [Fact]
    public async Task StreamingApi_streams_the_answer_as_server_sent_events()
    {
        var output = new StringWriter();
        await using var app = await StreamingApiApp.CreateAsync(["--emulator", "--urls", "http://127.0.0.1:0"], output);
        await app.Web.StartAsync();
        try
        {
            using var http = new HttpClient { BaseAddress = new Uri(app.Web.Urls.Single()) };

            using var response = await http.GetAsync("/chat?prompt=" + Uri.EscapeDataString("hello streaming world"), HttpCompletionOption.ResponseHeadersRead);
            var body = await response.Content.ReadAsStringAsync();

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
            var events = ParseEvents(body);
            Assert.Equal("You said: hello streaming world", string.Concat(events.Where(e => e.Type == "delta").Select(e => e.Data)));
            Assert.True(events.Count(e => e.Type == "delta") > 1);
            var done = Assert.Single(events, e => e.Type == "done");
            using var summary = JsonDocument.Parse(done.Data);
            Assert.Equal("stop", summary.RootElement.GetProperty("finishReason").GetString());
            Assert.True(summary.RootElement.GetProperty("outputTokens").GetInt32() > 0);
            Assert.Equal("hello streaming world", JsonDocument.Parse(app.Emulator!.Requests.Single().Body).RootElement
                .GetProperty("messages")[0].GetProperty("content")[0].GetProperty("text").GetString());
            Assert.StartsWith("--emulator: running against the local Bedrock emulator", output.ToString());
        }
        finally
        {
            await app.Web.StopAsync();
        }
    }

    [Fact]
    public async Task StreamingApi_traces_and_measures_each_call_with_the_GenAI_conventions()
    {
        var spans = new List<Activity>();
        var metrics = new List<Metric>();
        var traceId = ActivityTraceId.CreateRandom();
        await using var app = await StreamingApiApp.CreateAsync(["--emulator", "--urls", "http://127.0.0.1:0"], new StringWriter(), services =>
        {
            services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddInMemoryExporter(spans));
            services.ConfigureOpenTelemetryMeterProvider(meters => meters.AddInMemoryExporter(metrics));
        });
        await app.Web.StartAsync();
        try
        {
            using var http = new HttpClient { BaseAddress = new Uri(app.Web.Urls.Single()) };
            // The listeners see every test's activities in this process: the request's own trace id picks out this call's.
            using var request = new HttpRequestMessage(HttpMethod.Get, "/chat?prompt=" + Uri.EscapeDataString("trace me"));
            request.Headers.Add("traceparent", $"00-{traceId.ToHexString()}-{ActivitySpanId.CreateRandom().ToHexString()}-01");
            (await http.SendAsync(request)).EnsureSuccessStatusCode();
            app.Web.Services.GetRequiredService<TracerProvider>().ForceFlush();
            app.Web.Services.GetRequiredService<MeterProvider>().ForceFlush();
        }
        finally
        {
            await app.Web.StopAsync();
        }

        var span = Assert.Single(spans, s => s.Source.Name == BedrockTelemetry.SourceName && s.TraceId == traceId);
        var model = app.Emulator!.Requests.Single().ModelId;
        Assert.Equal("chat " + model, span.DisplayName);
        Assert.Equal("Microsoft.AspNetCore", span.Parent?.Source.Name);
        Assert.Equal("chat", span.GetTagItem("gen_ai.operation.name"));
        Assert.Equal(model, span.GetTagItem("gen_ai.request.model"));
        Assert.True(Convert.ToInt64(span.GetTagItem("gen_ai.usage.output_tokens"), CultureInfo.InvariantCulture) > 0);
        Assert.Contains(metrics, m => m.Name == "gen_ai.client.token.usage");
        Assert.Contains(metrics, m => m.Name == "gen_ai.client.operation.duration");
    }

    private static List<(string Type, string Data)> ParseEvents(string body)
    {
        var events = new List<(string, string)>();
        foreach (var block in body.Split("\n\n", StringSplitOptions.RemoveEmptyEntries))
        {
            string type = "message";
            var data = new List<string>();
            foreach (var line in block.Split('\n'))
            {
                if (line.StartsWith("event: ", StringComparison.Ordinal))
                {
                    type = line["event: ".Length..];
                }
                else if (line.StartsWith("data: ", StringComparison.Ordinal))
                {
                    data.Add(line["data: ".Length..]);
                }
            }

            events.Add((type, string.Join("\n", data)));
        }

        return events;
    }
}
