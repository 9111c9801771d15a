namespace MarketIntel.Pipeline.Trading;

/// <summary>
/// An account in the directory: what the pipeline needs to find the accounts an ingest concerns. The watched symbols are
/// those with working orders or open positions (<see cref="PaperAccountState.WatchedSymbols"/>); <see cref="Fills"/> says
/// whether bars or trades evaluate them (null in entries written before trades could: bars).
/// </summary>
public sealed record PaperAccountIndexEntry(string Id, string Name, string Timeframe, IReadOnlyList<string> WatchedSymbols, string? Fills = null)
{
    public bool FillsOnTrades => Fills == PaperAccountSettings.FillsFromTrades;
}
