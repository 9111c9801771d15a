namespace MarketIntel.Core.Trading;

/// <summary>The reason codes of the pre-trade checks, in the order they are evaluated.</summary>
public static class RiskRules
{
    public const string TradingHalted = "trading_halted";
    public const string ReducingOnly = "reducing_only";
    public const string NoShort = "no_short";
    public const string MaxPosition = "max_position";
    public const string InsufficientCash = "insufficient_cash";
    public const string MaxOrderNotional = "max_order_notional";
    public const string MaxGrossExposure = "max_gross_exposure";
    public const string MaxOpenPositions = "max_open_positions";
    public const string PriceCollar = "price_collar";
    public const string OrderRate = "order_rate";
}
