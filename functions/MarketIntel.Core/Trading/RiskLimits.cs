namespace MarketIntel.Core.Trading;

/// <summary>
/// An account's pre-trade limits and loss breakers; a null limit is not checked. Amounts are in account currency,
/// <see cref="PriceCollar"/> and <see cref="MaxDrawdown"/> are fractions (0.05 = 5%).
/// </summary>
public sealed record RiskLimits
{
    public bool AllowShort { get; init; }

    /// <summary>Largest |position| per symbol, in units, counting every working order on the same side as filled.</summary>
    public double? MaxPosition { get; init; }

    public double? MaxOrderNotional { get; init; }

    /// <summary>Largest sum over symbols of worst-case |position| × price.</summary>
    public double? MaxGrossExposure { get; init; }

    public int? MaxOpenPositions { get; init; }

    /// <summary>Largest |limit − last| / last for a limit or stop-limit order.</summary>
    public double? PriceCollar { get; init; }

    /// <summary>Most orders accepted in any trailing minute.</summary>
    public int? MaxOrdersPerMinute { get; init; }

    /// <summary>Loss, realized plus unrealized, since the UTC day's start equity that halts the account.</summary>
    public double? DailyLossLimit { get; init; }

    /// <summary>Fall from the equity high-water mark (open positions marked) that halts the account.</summary>
    public double? MaxDrawdown { get; init; }
}
