using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Clawdbot.Sdk.Tests.Hosting;

/// <summary>Keeps every log entry at every level: category, event, formatted message, structured values and exception text.</summary>
internal sealed class CapturingLoggerProvider : ILoggerProvider
{
    public ConcurrentQueue<LogEntry> Entries { get; } = new();

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    /// <summary>Everything a log sink could see, as one text to search.</summary>
    public string AllText() => string.Join("\n", Entries.Select(e => e.ToString()));

    internal sealed record LogEntry(string Category, LogLevel Level, EventId EventId, string Message, IReadOnlyList<KeyValuePair<string, object?>> State, string? Exception)
    {
        public override string ToString()
            => $"{Category} {Level} {EventId} {Message} {string.Join(";", State.Select(kv => kv.Key + "=" + kv.Value))} {Exception}";
    }

    private sealed class Logger(CapturingLoggerProvider provider, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var values = state as IReadOnlyList<KeyValuePair<string, object?>> ?? [];
            provider.Entries.Enqueue(new LogEntry(category, logLevel, eventId, formatter(state, exception), [.. values], exception?.ToString()));
        }
    }
}
