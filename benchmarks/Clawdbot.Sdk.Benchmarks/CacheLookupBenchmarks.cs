using Amazon.Runtime;
using BenchmarkDotNet.Attributes;

namespace Clawdbot.Sdk.Benchmarks;

/// <summary>
/// What a call pays for the caches once they are warm: the transport's resolved credentials (every attempt asks) and a
/// discovery result (every profile route and listing asks). The target is at most 1 µs each.
/// </summary>
[MemoryDiagnoser]
public class CacheLookupBenchmarks
{
    private const string DiscoveryKey = "listing|us-east-1|anthropic|benchmark";
    private static readonly Func<CancellationToken, Task<string>> LoadListing = static _ => Task.FromResult("listing");

    private BedrockTransport _transport = null!;
    private BedrockDiscoveryCache _cache = null!;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        var options = new BedrockClientOptions
        {
            Region = "us-east-1",
            Endpoint = new Uri("http://127.0.0.1:9/"),
            Credentials = new BasicAWSCredentials("AKIDBENCHMARK", "benchmark-secret"),
        };
        _transport = new BedrockTransport(options, BedrockLocation.Resolve(options, providerBaseUrl: null), []);
        await _transport.GetCredentialsAsync(CancellationToken.None);

        _cache = new BedrockDiscoveryCache();
        await _cache.GetAsync(DiscoveryKey, TimeSpan.FromHours(1), TimeSpan.FromSeconds(30), refresh: false, LoadListing, CancellationToken.None);
    }

    [GlobalCleanup]
    public void Cleanup() => _transport.Dispose();

    [Benchmark]
    public async ValueTask<string> CachedCredentials() => (await _transport.GetCredentialsAsync(CancellationToken.None)).Source;

    [Benchmark]
    public Task<string> CachedDiscoveryResult()
        => _cache.GetAsync(DiscoveryKey, TimeSpan.FromHours(1), TimeSpan.FromSeconds(30), refresh: false, LoadListing, CancellationToken.None);
}
