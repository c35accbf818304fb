using System.Net.Http.Headers;
using System.Text;
using Amazon.Runtime.EventStreams;
using BenchmarkDotNet.Attributes;
using Clawdbot.Sdk;
using Clawdbot.Sdk.Testing;

namespace Clawdbot.Sdk.Benchmarks;

/// <summary>
/// A 100k-delta ConverseStream served by the emulator: decoded into typed updates by <see cref="BedrockClient"/>,
/// against a raw <see cref="HttpClient"/> read of the same body (the ceiling). Per-delta allocation =
/// Allocated / <see cref="DeltaCount"/>.
/// </summary>
[MemoryDiagnoser]
public class ConverseStreamBenchmarks
{
    public const int DeltaCount = 100_000;
    private const string ModelId = "anthropic.claude-3-haiku-20240307-v1:0";

    private LocalBedrock _bedrock = null!;
    private BedrockClient _client = null!;
    private HttpClient _raw = null!;
    private byte[] _body = null!;
    private ConverseRequest _request = null!;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _bedrock = await LocalBedrock.StartAsync();
        _body = BuildBody();
        _client = new BedrockClient(new BedrockClientOptions
        {
            Endpoint = _bedrock.Endpoint,
            Region = _bedrock.Region,
            BearerToken = _bedrock.BearerToken,
        });
        _raw = new HttpClient(new SocketsHttpHandler()) { BaseAddress = _bedrock.Endpoint };
        _request = new ConverseRequest(ModelId).AddUser("go");
    }

    [IterationSetup]
    public void Enqueue() => _bedrock.Enqueue(Script.RawBody(_body));

    [Benchmark(Baseline = true)]
    public async Task<long> RawHttpClientRead()
    {
        using var message = new HttpRequestMessage(HttpMethod.Post, "model/" + Uri.EscapeDataString(ModelId) + "/converse-stream")
        {
            Content = new StringContent("{\"messages\":[{\"role\":\"user\",\"content\":[{\"text\":\"go\"}]}]}", Encoding.UTF8, "application/json"),
        };
        message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _bedrock.BearerToken);
        using var response = await _raw.SendAsync(message, HttpCompletionOption.ResponseHeadersRead);
        response.EnsureSuccessStatusCode();
        await using var stream = await response.Content.ReadAsStreamAsync();
        var buffer = new byte[16 * 1024];
        long total = 0;
        int read;
        while ((read = await stream.ReadAsync(buffer)) > 0)
        {
            total += read;
        }

        return total;
    }

    [Benchmark]
    public async Task<int> TypedUpdatesViaBedrockClient()
    {
        var deltas = 0;
        await foreach (var update in _client.ConverseStreamAsync(_request))
        {
            if (update is TextDelta)
            {
                deltas++;
            }
        }

        return deltas;
    }

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        _client.Dispose();
        _raw.Dispose();
        await _bedrock.DisposeAsync();
    }

    private static byte[] BuildBody()
    {
        using var body = new MemoryStream();
        Write(body, "messageStart", """{"role":"assistant"}""");
        for (var i = 0; i < DeltaCount; i++)
        {
            Write(body, "contentBlockDelta", "{\"contentBlockIndex\":0,\"delta\":{\"text\":\"token " + (i % 1000) + " \"},\"p\":\"abcdefghij\"}");
        }

        Write(body, "contentBlockStop", """{"contentBlockIndex":0}""");
        Write(body, "messageStop", """{"stopReason":"end_turn"}""");
        Write(body, "metadata", """{"usage":{"inputTokens":1,"outputTokens":100000,"totalTokens":100001},"metrics":{"latencyMs":1}}""");
        return body.ToArray();
    }

    private static void Write(Stream body, string eventType, string json)
    {
        var headers = new List<IEventStreamHeader> { Header(":event-type", eventType), Header(":content-type", "application/json"), Header(":message-type", "event") };
        body.Write(new EventStreamMessage(headers, Encoding.UTF8.GetBytes(json)).ToByteArray());
    }

    private static EventStreamHeader Header(string name, string value)
    {
        var header = new EventStreamHeader(name);
        header.SetString(value);
        return header;
    }
}
