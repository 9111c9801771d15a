namespace MarketIntel.Ingestion.Service;

/// <summary>
/// How far one (provider, symbol, timeframe) series has been ingested: every bar opening before
/// <paramref name="CompleteUntilUtc"/> has been fetched and stored (or found missing at the provider and reported).
/// </summary>
public sealed record IngestionCheckpoint(
    string Provider,
    string Symbol,
    string Timeframe,
    DateTime CompleteUntilUtc,
    DateTime? NewestBarOpenUtc,
    long BarsWritten,
    int UnfilledGaps);
