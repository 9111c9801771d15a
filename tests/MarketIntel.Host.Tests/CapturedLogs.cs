using System.Collections.Concurrent;
using System.Text;
using Microsoft.Extensions.Logging;

namespace MarketIntel.Host.Tests;

/// <summary>
/// A logger provider that keeps everything logged at any level: the formatted message, every structured value and the
/// exception with its inner ones, as the sinks a deployment uses (console, Application Insights) would receive them.
/// </summary>
public sealed class CapturedLogs : ILoggerProvider
{
    private readonly ConcurrentQueue<string> _entries = new();

    public IReadOnlyCollection<string> Entries => _entries;

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, _entries);

    public void Dispose()
    {
    }

    private sealed class Logger(string category, ConcurrentQueue<string> entries) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull
        {
            entries.Enqueue($"{category} scope: {Describe(state)}");
            return null;
        }

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            ArgumentNullException.ThrowIfNull(formatter);
            entries.Enqueue($"{category} {logLevel}: {formatter(state, exception)} | {Describe(state)} | {exception}");
        }

        private static string Describe(object? state)
        {
            var text = new StringBuilder(state?.ToString());
            if (state is IEnumerable<KeyValuePair<string, object?>> values)
            {
                foreach (var (key, value) in values)
                {
                    text.Append(' ').Append(key).Append('=').Append(value);
                }
            }

            return text.ToString();
        }
    }
}
