using MarketIntel.Core.Market;
using MarketIntel.Ingestion.Service;

namespace MarketIntel.Ingestion.Streaming;

/// <summary>Settings of a <see cref="TickBatchProcessor"/>.</summary>
public sealed record TickBatchOptions
{
    /// <summary>The source name: raw archive provider, bar provenance and metrics key (letters, digits, '-', '_', '.').</summary>
    public string Source { get; init; } = "ticks";

    /// <summary>The timeframe of the bars built from ticks; coarser ones are resampled from these downstream.</summary>
    public Timeframe Timeframe { get; init; } = Timeframe.OneMinute;

    /// <summary>How far behind a symbol's newest accepted tick a tick may arrive and still revise its bar.</summary>
    public TimeSpan AllowedLateness { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How long a bar's merge state (its accepted trade ids) is kept. Must exceed the allowed lateness plus the longest
    /// re-delivery delay: a re-delivered tick older than this is then rejected as late, never counted twice.
    /// </summary>
    public TimeSpan StateRetention { get; init; } = TimeSpan.FromDays(2);

    public string CodeVersion { get; init; } = IngestionInfo.CodeVersion;

    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(AllowedLateness, TimeSpan.Zero);
        if (StateRetention <= AllowedLateness + Timeframe.Duration)
        {
            throw new ArgumentOutOfRangeException(nameof(StateRetention), StateRetention, "State retention must exceed the allowed lateness plus one bar.");
        }
    }
}
