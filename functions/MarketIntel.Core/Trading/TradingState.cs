namespace MarketIntel.Core.Trading;

/// <summary>
/// What an account may do: <see cref="Active"/> anything the risk rules allow, <see cref="Reducing"/> only orders that
/// reduce an open position (never reverse or extend it), <see cref="Halted"/> no new orders at all (cancels still pass).
/// </summary>
public enum TradingState
{
    Active,
    Reducing,
    Halted,
}
