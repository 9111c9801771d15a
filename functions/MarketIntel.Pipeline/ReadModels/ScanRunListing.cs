namespace MarketIntel.Pipeline.ReadModels;

/// <summary>A one-line pointer to a scan run, listed by month in time order.</summary>
public sealed record ScanRunListing(string RunId, string Name, DateTime CreatedAt);
