using MarketIntel.Core.Backtesting;

namespace MarketIntel.Core.Scanning;

/// <summary>
/// A signal turned into a trade idea: entry at the signal bar's close, the stop from the template's expression, the
/// target TargetR risks away, and a score (0–100) with the components that make it. <see cref="Overlapping"/> marks a
/// setup raised while an earlier setup of the same symbol was still unresolved; statistics leave those out so that one
/// move is not counted several times.
/// </summary>
public sealed record TradeSetup(
    string Scan,
    string Symbol,
    DateTime Time,
    int BarIndex,
    TradeSide Side,
    double Entry,
    double Stop,
    double Target,
    double RiskPerShare,
    double Score,
    IReadOnlyList<ScoreComponent> Components,
    SetupOutcome Outcome,
    bool Overlapping);
