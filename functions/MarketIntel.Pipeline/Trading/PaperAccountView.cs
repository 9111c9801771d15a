namespace MarketIntel.Pipeline.Trading;

/// <summary>
/// An account's summary: money (cash, marked equity, today's and all-time P&amp;L, exposure), its trading state and why
/// (kill switch level, tripped breaker), each limit's usage, and the journal position it reflects.
/// </summary>
public sealed record PaperAccountView(
    string Id,
    string Name,
    DateTime Opened,
    string Timeframe,
    double StartingCash,
    double Cash,
    double Equity,
    double DayPnl,
    double RealizedPnl,
    double UnrealizedPnl,
    double GrossExposure,
    int OpenPositions,
    int WorkingOrders,
    string TradingState,
    string KillSwitch,
    string? Breaker,
    DateTime? BreakerTrippedAt,
    double HighWaterMark,
    double Drawdown,
    long JournalSequence,
    IReadOnlyList<PaperLimitUsage> Limits,
    PaperAccountSettings Settings);
