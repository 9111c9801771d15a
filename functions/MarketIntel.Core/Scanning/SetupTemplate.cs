using MarketIntel.Core.Backtesting;

namespace MarketIntel.Core.Scanning;

/// <summary>
/// How a signal becomes a trade setup: the side, the stop level as an expression evaluated at the signal bar
/// (<c>close - 2 * atr(14)</c>), the target as a multiple of the risk (entry ± TargetR × |entry − stop|), and the
/// number of bars over which outcomes are followed.
/// </summary>
public sealed record SetupTemplate
{
    public TradeSide Side { get; init; } = TradeSide.Long;

    public string Stop { get; init; } = "close - 2 * atr(14)";

    public double TargetR { get; init; } = 2;

    public int Horizon { get; init; } = 20;
}
