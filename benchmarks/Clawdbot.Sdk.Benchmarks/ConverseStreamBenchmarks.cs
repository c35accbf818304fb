using System.Net.Http.Headers;
using System.Text;
using BenchmarkDotNet.Attributes;
using Clawdbot.Sdk;
using Clawdbot.Sdk.Testing;

namespace Clawdbot.Sdk.Benchmarks;

/// <summary>
/// One recorded reply of 100k text deltas (<see cref="EventStreamRecordings.TextDeltas"/>, padded like the real service)
/// served by the emulator over loopback HTTP/1.1 to both sides in the same run: decoded into typed updates by
/// <see cref="BedrockClient"/>, against a raw <see cref="HttpClient"/> read of the same body into a 64 KB buffer, the
/// client's first frame buffer (the ceiling: the frame buffer grows to 512 KB while reads fill it, but a raw read into
/// 512 KB measured slower here, 8.3 against 7.0 ms). Throughput ratio = raw mean / typed mean.
/// </summary>
/// <remarks>
/// The emulator runs in the benchmark process, so Allocated counts its side too: the client's own allocation per
/// delta is (typed Allocated - raw Allocated) / <see cref="DeltaCount"/>.
/// One call decodes 100k frames, so the JIT keeps the decoding loop in tier-0 code for the first dozen or so calls
/// (the call-counting delay restarts while new methods are still compiled); 30 warm-ups put the measured
/// iterations past that, on the code a long-running service runs.
/// </remarks>
[MemoryDiagnoser]
[Config(typeof(SteadyStateConfig))]
public class ConverseStreamBenchmarks
{
    public const int DeltaCount = 100_000;
    private const string ModelId = "anthropic.claude-3-haiku-20240307-v1:0";
    private const int ReadBufferSize = 64 * 1024;

    private LocalBedrock _bedrock = null!;
    private BedrockClient _client = null!;
    private HttpClient _raw = null!;
    private byte[] _body = null!;
    private ConverseRequest _request = null!;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _bedrock = await LocalBedrock.StartAsync();
        _body = EventStreamRecordings.TextDeltas(DeltaCount);
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
        var buffer = new byte[ReadBufferSize];
        long total = 0;
        int read;
        while ((read = await stream.ReadAsync(buffer)) > 0)
        {
            total += read;
        }

        return total;
    }

    [Benchmark]
    public Task<int> TypedUpdatesViaBedrockClient() => CountTextDeltasAsync(_client, _request);

    /// <summary>Streams <paramref name="request"/> through <paramref name="client"/>, counting its text deltas.</summary>
    internal static async Task<int> CountTextDeltasAsync(BedrockClient client, ConverseRequest request)
    {
        var deltas = 0;
        await foreach (var update in client.ConverseStreamAsync(request))
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
}
