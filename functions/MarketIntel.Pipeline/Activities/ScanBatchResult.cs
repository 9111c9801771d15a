using MarketIntel.Core.Scanning;

namespace MarketIntel.Pipeline.Activities;

/// <summary>What one scan batch found: every setup over its symbols' bars (for statistics) and the recent ones (for ranking).</summary>
public sealed record ScanBatchResult(
    int BatchIndex,
    IReadOnlyList<string> Symbols,
    IReadOnlyList<string> MissingSymbols,
    int InvalidStops,
    IReadOnlyList<TradeSetup> History,
    IReadOnlyList<TradeSetup> Recent);
