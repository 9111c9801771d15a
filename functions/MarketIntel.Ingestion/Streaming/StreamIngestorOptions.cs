using MarketIntel.Core.Market;
using MarketIntel.Ingestion.Service;

namespace MarketIntel.Ingestion.Streaming;

/// <summary>Settings of a <see cref="StreamIngestor"/>.</summary>
public sealed record StreamIngestorOptions
{
    public Timeframe Timeframe { get; init; } = Timeframe.OneMinute;

    /// <summary>How late (behind a symbol's newest trade) a trade may arrive and still count; later ones trigger a REST repair of their bar.</summary>
    public TimeSpan AllowedLateness { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// The REST provider (registered with the <see cref="IngestionService"/>) that repairs what the stream missed:
    /// outages, late or malformed trades and the partial first bar. Null stores the stream's bars as they are.
    /// </summary>
    public string? BackfillProvider { get; init; }

    public string CodeVersion { get; init; } = IngestionInfo.CodeVersion;
}
