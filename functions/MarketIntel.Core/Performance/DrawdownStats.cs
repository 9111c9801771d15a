namespace MarketIntel.Core.Performance;

/// <summary>
/// The deepest drawdown of an equity curve. <see cref="MaxDrawdown"/> is a positive fraction of the running peak
/// (0.25 = 25% below the peak). <see cref="RecoveryIndex"/> is the first index at or above the peak again, -1 if the
/// curve never recovered. <see cref="MaxDrawdownDuration"/> counts steps from the peak to the recovery (or to the last
/// point when unrecovered); <see cref="LongestDrawdownDuration"/> is the longest such span of any drawdown.
/// </summary>
public readonly record struct DrawdownStats(
    double MaxDrawdown,
    int PeakIndex,
    int TroughIndex,
    int RecoveryIndex,
    int MaxDrawdownDuration,
    int LongestDrawdownDuration);
