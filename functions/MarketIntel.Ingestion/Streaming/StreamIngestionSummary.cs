namespace MarketIntel.Ingestion.Streaming;

/// <summary>What a <see cref="StreamIngestor"/> run did so far.</summary>
public sealed record StreamIngestionSummary(long TradesAccepted, long TradesRejected, long BarsWritten, long BarsRepaired, int Reconnects, int RepairRuns, DateTime? NewestTradeUtc);
