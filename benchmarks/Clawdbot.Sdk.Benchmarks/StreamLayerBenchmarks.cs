using System.Net;
using System.Net.Http.Headers;
using BenchmarkDotNet.Attributes;
using Clawdbot.Sdk.EventStreams;
using Clawdbot.Sdk.Testing;
using Clawdbot.Sdk.Wire;

namespace Clawdbot.Sdk.Benchmarks;

/// <summary>
/// Where the time of the typed stream goes, with no socket and no emulator: the same 100k-delta body as
/// <see cref="ConverseStreamBenchmarks"/> held in memory and taken one layer further in each benchmark. Each layer's
/// cost is the difference between two neighbours: frames (CRCs, headers), then payload decoding into updates, then
/// the result builder, then the whole <see cref="BedrockClient.ConverseStreamAsync(ConverseRequest, CancellationToken)"/>
/// enumeration (call pipeline, timeouts, the per-update <c>MoveNextAsync</c>) over a handler that answers from memory.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(SteadyStateConfig))]
public class StreamLayerBenchmarks
{
    private const string ModelId = "anthropic.claude-3-haiku-20240307-v1:0";

    private byte[] _body = [];
    private BedrockClient _client = null!;
    private ConverseRequest _request = null!;

    [GlobalSetup]
    public void Setup()
    {
        _body = EventStreamRecordings.TextDeltas(ConverseStreamBenchmarks.DeltaCount);
        _client = new BedrockClient(new BedrockClientOptions
        {
            Endpoint = new Uri("http://127.0.0.1:1/"),
            Region = "us-east-1",
            BearerToken = "benchmark-token",
            HttpMessageHandlerFactory = () => new MemoryBodyHandler(_body),
        });
        _request = new ConverseRequest(ModelId).AddUser("go");
    }

    [Benchmark(Baseline = true)]
    public async Task<long> Frames()
    {
        long payloadBytes = 0;
        await using var reader = new EventStreamReader(new MemoryStream(_body, writable: false));
        while (await reader.ReadNextAsync())
        {
            if (reader.MessageType == EventStreamKnownStrings.Event && reader.EventType is not null)
            {
                payloadBytes += reader.Payload.Length;
            }
        }

        return payloadBytes;
    }

    [Benchmark]
    public async Task<int> FramesDecoded()
    {
        var updates = new List<StreamUpdate>(4);
        var decoder = new ConverseStreamDecoder(null);
        var count = 0;
        await using var reader = new EventStreamReader(new MemoryStream(_body, writable: false));
        while (await reader.ReadNextAsync())
        {
            updates.Clear();
            if (reader.MessageType == EventStreamKnownStrings.Event && decoder.Decode(reader.EventType, reader.Payload.Span, updates))
            {
                count += updates.Count;
            }
        }

        return count;
    }

    [Benchmark]
    public async Task<int> FramesDecodedBuilt()
    {
        var updates = new List<StreamUpdate>(4);
        var decoder = new ConverseStreamDecoder(null);
        using var builder = new ConverseResultBuilder(ModelId);
        await using var reader = new EventStreamReader(new MemoryStream(_body, writable: false));
        while (await reader.ReadNextAsync())
        {
            updates.Clear();
            if (reader.MessageType == EventStreamKnownStrings.Event && decoder.Decode(reader.EventType, reader.Payload.Span, updates))
            {
                foreach (var update in updates)
                {
                    builder.Add(update);
                }
            }
        }

        return builder.Build().Message.Content.Count;
    }

    [Benchmark]
    public Task<int> TypedStreamFromMemory() => ConverseStreamBenchmarks.CountTextDeltasAsync(_client, _request);

    [GlobalCleanup]
    public void Cleanup() => _client.Dispose();

    /// <summary>Answers every request with the body, as a network handler would after the headers arrived.</summary>
    private sealed class MemoryBodyHandler(byte[] body) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var content = new StreamContent(new MemoryStream(body, writable: false));
            content.Headers.ContentType = new MediaTypeHeaderValue("application/vnd.amazon.eventstream");
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = content, RequestMessage = request });
        }
    }
}
