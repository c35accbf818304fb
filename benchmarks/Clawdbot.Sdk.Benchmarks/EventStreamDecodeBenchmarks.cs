using Amazon.Runtime.EventStreams.Internal;
using BenchmarkDotNet.Attributes;
using Clawdbot.Sdk.EventStreams;
using Clawdbot.Sdk.Testing;

namespace Clawdbot.Sdk.Benchmarks;

/// <summary>
/// Decoding one recorded converse-stream reply of 100k text deltas held in memory: our pooled
/// <see cref="EventStreamReader"/> against AWSSDK.Core's <see cref="EventStreamDecoder"/> fed the same bytes in the
/// 8 KB reads its own event-stream plumbing uses. Both read the event type and the payload of every frame.
/// </summary>
[MemoryDiagnoser]
public class EventStreamDecodeBenchmarks
{
    private const int DeltaCount = 100_000;
    private const int AwsReadSize = 8192;

    private byte[] _body = [];

    [GlobalSetup]
    public void Setup() => _body = EventStreamRecordings.TextDeltas(DeltaCount);

    [Benchmark(Baseline = true)]
    public async Task<long> EventStreamReader()
    {
        long payloadBytes = 0;
        await using var reader = new EventStreamReader(new MemoryStream(_body, writable: false));
        while (await reader.ReadNextAsync())
        {
            if (reader.EventType == "contentBlockDelta")
            {
                payloadBytes += reader.Payload.Length;
            }
        }

        return payloadBytes;
    }

    [Benchmark]
    public async Task<long> AwsSdkEventStreamDecoder()
    {
        long payloadBytes = 0;
        var decoder = new EventStreamDecoder();
        decoder.MessageReceived += (_, args) =>
        {
            if (args.Message.Headers[":event-type"].AsString() == "contentBlockDelta")
            {
                payloadBytes += args.Message.Payload.Length;
            }
        };
        await using var stream = new MemoryStream(_body, writable: false);
        var buffer = new byte[AwsReadSize];
        int read;
        while ((read = await stream.ReadAsync(buffer)) > 0)
        {
            decoder.ProcessData(buffer, 0, read);
        }

        return payloadBytes;
    }
}
