using System.Diagnostics;
using System.Globalization;
using MarketIntel.Ingestion.Service;

namespace MarketIntel.Cli;

/// <summary>A one-line progress bar on stderr for <c>marketintel ingest</c>, redrawn at most ten times a second.</summary>
public sealed class IngestProgressBar(TextWriter error, bool enabled = true) : IProgress<IngestionProgress>
{
    private const int Width = 30;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly Lock _lock = new();
    private long _nextDrawMs;
    private IngestionProgress? _last;

    public void Report(IngestionProgress value)
    {
        lock (_lock)
        {
            _last = value;
            if (!enabled || _clock.ElapsedMilliseconds < _nextDrawMs)
            {
                return;
            }

            _nextDrawMs = _clock.ElapsedMilliseconds + 100;
            error.Write("\r" + Line(value));
        }
    }

    /// <summary>Draws the final state and ends the line.</summary>
    public void Complete()
    {
        lock (_lock)
        {
            if (enabled && _last is { } last)
            {
                error.WriteLine("\r" + Line(last with { Fraction = 1, SeriesDone = last.SeriesTotal }));
            }
        }
    }

    public static string Line(IngestionProgress value)
    {
        var filled = (int)Math.Round(Math.Clamp(value.Fraction, 0, 1) * Width);
        return string.Create(CultureInfo.InvariantCulture,
            $"[{new string('#', filled)}{new string('.', Width - filled)}] {value.Fraction * 100,3:F0}% {value.BarsWritten:N0} bars, {value.SeriesDone}/{value.SeriesTotal} series ({value.Symbol})   ");
    }
}
