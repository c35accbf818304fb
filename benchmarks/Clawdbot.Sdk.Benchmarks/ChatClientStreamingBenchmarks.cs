using BenchmarkDotNet.Attributes;
using Clawdbot.Sdk.Testing;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;

namespace Clawdbot.Sdk.Benchmarks;

/// <summary>
/// The cost of the layers above typed updates, over a 20k-delta stream from the emulator: the same call unobserved
/// (baseline), observed (an enabled logger turns on spans/metrics/log bookkeeping), and read as
/// Microsoft.Extensions.AI <see cref="ChatResponseUpdate"/>s through <see cref="BedrockChatClient"/>.
/// </summary>
[MemoryDiagnoser]
public class ChatClientStreamingBenchmarks
{
    public const int DeltaCount = 20_000;
    private const string ModelId = "anthropic.claude-3-haiku-20240307-v1:0";

    private LocalBedrock _bedrock = null!;
    private BedrockClient _plain = null!;
    private BedrockClient _observed = null!;
    private IChatClient _chat = null!;
    private string[] _deltas = null!;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _bedrock = await LocalBedrock.StartAsync();
        _deltas = [.. Enumerable.Range(0, DeltaCount).Select(static i => "token " + (i % 1000) + " ")];
        _plain = Client(null);
        _observed = Client(new DiscardingLoggerFactory());
        _chat = _plain.AsIChatClient(ModelId);
    }

    [IterationSetup]
    public void Enqueue() => _bedrock.Enqueue(Script.Stream().Text(_deltas));

    [Benchmark(Baseline = true)]
    public Task<int> TypedUpdates() => CountAsync(_plain);

    [Benchmark]
    public Task<int> TypedUpdatesObserved() => CountAsync(_observed);

    [Benchmark]
    public async Task<int> ChatResponseUpdates()
    {
        var texts = 0;
        await foreach (var update in _chat.GetStreamingResponseAsync("go"))
        {
            if (update.Contents.Count > 0 && update.Contents[0] is TextContent)
            {
                texts++;
            }
        }

        return texts;
    }

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        _plain.Dispose();
        _observed.Dispose();
        await _bedrock.DisposeAsync();
    }

    private static async Task<int> CountAsync(BedrockClient client)
    {
        var deltas = 0;
        await foreach (var update in client.ConverseStreamAsync(new ConverseRequest(ModelId).AddUser("go")))
        {
            if (update is TextDelta)
            {
                deltas++;
            }
        }

        return deltas;
    }

    private BedrockClient Client(ILoggerFactory? loggers) => new(new BedrockClientOptions
    {
        Endpoint = _bedrock.Endpoint,
        Region = _bedrock.Region,
        BearerToken = _bedrock.BearerToken,
        LoggerFactory = loggers,
    });

    private sealed class DiscardingLoggerFactory : ILoggerFactory, ILogger
    {
        public ILogger CreateLogger(string categoryName) => this;

        public void AddProvider(ILoggerProvider provider)
        {
        }

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
        }

        public void Dispose()
        {
        }
    }
}
