namespace MarketIntel.Pipeline.Trading;

/// <summary>
/// An account in the directory: what the pipeline needs to find the accounts an ingest concerns. The watched symbols are
/// those with working orders or open positions (<see cref="PaperAccountState.WatchedSymbols"/>).
/// </summary>
public sealed record PaperAccountIndexEntry(string Id, string Name, string Timeframe, IReadOnlyList<string> WatchedSymbols);
