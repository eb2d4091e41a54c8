using System.Diagnostics;
using Microsoft.Extensions.Logging;

namespace CityRisk.Demo;

/// <summary>The demo's readable timeline: one line per event, with the time since the start and who acted.</summary>
public sealed class Timeline(TextWriter output)
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly Lock _lock = new();

    /// <summary>Writes one event.</summary>
    /// <param name="actor">Who acted (a partner, the hub).</param>
    /// <param name="text">What happened.</param>
    public void Add(string actor, string text)
    {
        lock (_lock)
        {
            output.WriteLine($"[+{_clock.Elapsed.TotalSeconds,6:F2}s] {actor,-13} {text}");
        }
    }

    /// <summary>Writes a heading between the demo's acts.</summary>
    /// <param name="title">The act.</param>
    public void Section(string title)
    {
        lock (_lock)
        {
            output.WriteLine();
            output.WriteLine($"== {title}");
        }
    }

    /// <summary>A logger provider that puts the SDK's warnings (reconnections, retries) on the timeline.</summary>
    /// <param name="actor">Whose client logs.</param>
    public ILoggerProvider LoggerFor(string actor) => new TimelineLoggerProvider(this, actor);

    private sealed class TimelineLoggerProvider(Timeline timeline, string actor) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new TimelineLogger(timeline, actor);

        public void Dispose()
        {
        }
    }

    private sealed class TimelineLogger(Timeline timeline, string actor) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                timeline.Add(actor, $"(sdk) {formatter(state, exception)}");
            }
        }
    }
}
