namespace MarketIntel.Pipeline.Trading;

/// <summary>An account in the directory: what the pipeline needs to find the accounts with working orders on ingested symbols.</summary>
public sealed record PaperAccountIndexEntry(string Id, string Name, string Timeframe, IReadOnlyList<string> WorkingSymbols);
