namespace MarketIntel.Ingestion.Service;

/// <summary>Progress of a run: how much of the requested time range of all series is done (0 to 1), and the bars so far.</summary>
public sealed record IngestionProgress(string Symbol, double Fraction, long BarsWritten, int SeriesDone, int SeriesTotal);
