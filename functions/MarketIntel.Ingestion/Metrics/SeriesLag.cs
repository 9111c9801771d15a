namespace MarketIntel.Ingestion.Metrics;

/// <summary>How far a series is behind real time: the close of its newest stored bar and the distance to now.</summary>
public sealed record SeriesLag(string Symbol, string Timeframe, DateTime NewestBarCloseUtc, TimeSpan Lag);
