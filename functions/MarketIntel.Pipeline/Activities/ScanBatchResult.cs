using MarketIntel.Core.Scanning;

namespace MarketIntel.Pipeline.Activities;

/// <summary>
/// What one scan batch found, as much as the merge needs: how many setups its symbols' bars raised and the
/// non-overlapping ones as <see cref="SetupSample"/>s (for the run's statistics), and the recent setups in full (for
/// the ranking). <see cref="Samples"/> is null in a batch stored before samples existed (it held every setup in
/// full): the merge treats such a batch as lost, so it is scanned again.
/// </summary>
public sealed record ScanBatchResult(
    int BatchIndex,
    IReadOnlyList<string> Symbols,
    IReadOnlyList<string> MissingSymbols,
    int InvalidStops,
    int HistoryCount,
    IReadOnlyList<SetupSample>? Samples,
    IReadOnlyList<TradeSetup> Recent);
