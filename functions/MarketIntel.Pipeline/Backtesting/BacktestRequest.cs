namespace MarketIntel.Pipeline.Backtesting;

/// <summary>
/// A backtest of a built-in strategy over the stored bars of some symbols, as a client asks for it. Every field but
/// <see cref="Strategy"/> and <see cref="Symbols"/> has a default; costs are the CLI's (commission per fill, adverse
/// slippage as a fraction of the fill price).
/// </summary>
public sealed record BacktestRequest(
    string? Strategy,
    IReadOnlyList<string>? Symbols,
    IReadOnlyDictionary<string, double>? Parameters = null,
    string? Timeframe = null,
    int? Bars = null,
    string? Fill = null,
    double? Commission = null,
    double? Slippage = null,
    double? Quantity = null,
    double? Capital = null);
