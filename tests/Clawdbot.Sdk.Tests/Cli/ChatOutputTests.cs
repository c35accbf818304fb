using System.Text;
using Clawdbot.Cli;
using Clawdbot.Sdk.Testing;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace Clawdbot.Sdk.Tests.Cli;

/// <summary><c>clawdbot chat</c> flushes in batches: when the stream has nothing at hand, not per delta.</summary>
public sealed class ChatOutputTests
{
    [Fact]
    public async Task Deltas_that_already_arrived_are_flushed_once_not_one_by_one()
    {
        var output = new FlushRecordingWriter();
        var chat = new ChatOutput(output, new FlushRecordingWriter(), new FakeTimeProvider());
        var updates = new ScriptedUpdates(Enumerable.Repeat("token ", 10_000));

        await PumpAsync(chat, updates);

        Assert.Equal(string.Concat(Enumerable.Repeat("token ", 10_000)), output.ToString());
        Assert.Equal([output.ToString()], output.Flushed);
    }

    [Fact]
    public async Task What_arrived_is_flushed_before_the_stream_waits_for_more()
    {
        var output = new FlushRecordingWriter();
        var chat = new ChatOutput(output, new FlushRecordingWriter(), new FakeTimeProvider());
        var more = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        var updates = new ScriptedUpdates(["Hello", ", ", "world"], pauseBefore: 2, more.Task);
        var firstFlush = output.NextFlush;

        var pump = PumpAsync(chat, updates);
        var flushed = await firstFlush;

        Assert.Equal("Hello, ", flushed);
        Assert.False(pump.IsCompleted);
        more.SetResult(true);
        await pump;
        Assert.Equal(["Hello, ", "Hello, world"], output.Flushed);
    }

    [Theory]
    // Each update comes a quarter interval after the last: the interval has passed at every clock read.
    [InlineData(4, 200, new[] { 64, 128, 192, 200 })]
    // Each comes 1/200 interval after the last: only the fourth clock read (after 256 updates) finds it passed.
    [InlineData(200, 300, new[] { 256, 300 })]
    public async Task Updates_arriving_without_a_pause_are_flushed_at_the_interval(int updatesPerInterval, int count, int[] flushedLengths)
    {
        var time = new FakeTimeProvider();
        var output = new FlushRecordingWriter();
        var chat = new ChatOutput(output, new FlushRecordingWriter(), time);
        var step = ChatOutput.FlushInterval / updatesPerInterval;
        var updates = new ScriptedUpdates(Enumerable.Repeat("x", count), onMove: () => time.Advance(step));

        await PumpAsync(chat, updates);

        Assert.Equal(64, ChatOutput.ClockReadEvery);
        Assert.Equal(new string('x', count), output.ToString());
        // The clock is read after every 64th update written, before the next is asked for.
        Assert.Equal(flushedLengths, output.Flushed.Select(f => f.Length));
    }

    [Fact]
    public async Task Stdout_and_stderr_keep_their_order_and_stderr_is_written_in_one_piece()
    {
        var log = new List<string>();
        var output = new FlushRecordingWriter(log, "out");
        var error = new FlushRecordingWriter(log, "err");
        var chat = new ChatOutput(output, error, new FakeTimeProvider());

        await chat.WriteErrorAsync("Thinking");
        await chat.WriteErrorAsync(" hard");
        await chat.WriteErrorLineAsync();
        await chat.WriteAsync("Hello");
        await chat.WriteLineAsync();
        await chat.WriteErrorLineAsync("usage");
        await chat.FlushAsync();

        Assert.Equal(["err:Thinking hard\n", "err:flush", "out:Hello", "out:\n", "out:flush", "err:usage\n", "err:flush"], log);
    }

    [Fact]
    public async Task Chat_flushes_a_long_answer_in_batches_and_prints_all_of_it()
    {
        const int Deltas = 20_000;
        await using var emulator = await LocalBedrock.StartAsync();
        emulator.Enqueue(Script.RawBody(EventStreamRecordings.TextDeltas(Deltas, "token ")));
        using var cli = new CliHarness(emulator);
        cli.WriteConfig("""
            {
              models: {
                providers: {
                  "amazon-bedrock": {
                    baseUrl: "https://bedrock-runtime.us-east-1.amazonaws.com",
                    api: "bedrock-converse-stream",
                    models: [{ id: "amazon.nova-pro-v1:0", name: "Nova Pro" }],
                  },
                },
                bedrockDiscovery: { enabled: false },
              },
              agents: { defaults: { model: { primary: "amazon-bedrock/amazon.nova-pro-v1:0" } } },
            }
            """);
        var output = new FlushRecordingWriter();
        var error = new FlushRecordingWriter();

        var exitCode = await cli.RunAsync(output, error, "chat", "hi");

        Assert.True(exitCode == 0, error.ToString());
        Assert.Equal(string.Concat(Enumerable.Repeat("token ", Deltas)) + "\n", output.ToString().ReplaceLineEndings("\n"));
        Assert.Contains("10 in, 20000 out", error.ToString(), StringComparison.Ordinal);
        // A flush comes only when the stream waits on the network, and one read brings many events: per delta, the
        // 20,000 deltas (about 2 MB of frames) would need 20,000.
        Assert.InRange(output.Flushed.Count, 1, Deltas / 20);
    }

    private static async Task PumpAsync(ChatOutput chat, IAsyncEnumerator<string> updates)
    {
        while (await chat.NextAsync(updates))
        {
            await chat.WriteAsync(updates.Current);
        }

        await chat.FlushAsync();
    }

    /// <summary>Updates that are at hand (completed synchronously), except the one before which the stream pauses.</summary>
    private sealed class ScriptedUpdates(IEnumerable<string> items, int pauseBefore = -1, Task<bool>? resume = null, Action? onMove = null) : IAsyncEnumerator<string>
    {
        private readonly IEnumerator<string> _items = items.GetEnumerator();
        private int _index;

        public string Current => _items.Current;

        public ValueTask<bool> MoveNextAsync()
        {
            onMove?.Invoke();
            if (_index++ == pauseBefore && resume is not null)
            {
                return new ValueTask<bool>(ResumeAsync());
            }

            return new ValueTask<bool>(_items.MoveNext());
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;

        private async Task<bool> ResumeAsync()
        {
            await resume!;
            return _items.MoveNext();
        }
    }

    /// <summary>A writer that keeps what it was given and records, at each flush, everything written so far.</summary>
    private sealed class FlushRecordingWriter : StringWriter
    {
        private readonly List<string>? _log;
        private readonly string _name;
        private TaskCompletionSource<string> _nextFlush = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public FlushRecordingWriter(List<string>? log = null, string name = "")
        {
            _log = log;
            _name = name;
            NewLine = "\n";
        }

        public List<string> Flushed { get; } = [];

        public Task<string> NextFlush => _nextFlush.Task;

        public override Encoding Encoding => Encoding.UTF8;

        public override void WriteLine(string? value) => Write(value + NewLine);

        public override void Write(char value)
        {
            _log?.Add($"{_name}:{value}");
            base.Write(value);
        }

        public override void Write(string? value)
        {
            _log?.Add($"{_name}:{value}");
            base.Write(value);
        }

        public override Task WriteAsync(StringBuilder? value, CancellationToken cancellationToken = default)
        {
            _log?.Add($"{_name}:{value}");
            return base.WriteAsync(value, cancellationToken);
        }

        public override void Flush()
        {
            _log?.Add($"{_name}:flush");
            Flushed.Add(ToString());
            Interlocked.Exchange(ref _nextFlush, new(TaskCreationOptions.RunContinuationsAsynchronously)).SetResult(ToString());
        }

        public override Task FlushAsync()
        {
            Flush();
            return Task.CompletedTask;
        }

        public override Task FlushAsync(CancellationToken cancellationToken)
        {
            Flush();
            return Task.CompletedTask;
        }
    }
}
