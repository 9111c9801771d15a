using MarketIntel.Core.Market;

namespace MarketIntel.Ingestion.Service;

/// <summary>Ingest the bars of <paramref name="Symbols"/> on one timeframe with <c>From &lt;= open time &lt; To</c> (UTC) from one provider.</summary>
public sealed record IngestionRequest(string Provider, IReadOnlyList<string> Symbols, Timeframe Timeframe, DateTime FromUtc, DateTime ToUtc)
{
    /// <summary>Re-fetch the whole range instead of resuming at the checkpoints (stores still end with one copy of each bar).</summary>
    public bool IgnoreCheckpoints { get; init; }
}
