namespace MarketIntel.Core.Trading;

/// <summary>
/// Turns a sizing rule's raw quantity into an order quantity: never above the account's per-symbol position limit or
/// its order notional limit at the entry price, then rounded down to what the instrument trades. Zero means no order.
/// </summary>
public static class OrderSizer
{
    public static double Size(ISizingRule rule, in SizingInput input, RiskLimits limits, InstrumentRules instrument)
    {
        ArgumentNullException.ThrowIfNull(rule);
        ArgumentNullException.ThrowIfNull(limits);
        ArgumentNullException.ThrowIfNull(instrument);
        var q = rule.Quantity(input);
        if (limits.MaxPosition is { } maxPosition)
        {
            q = Math.Min(q, maxPosition);
        }

        if (limits.MaxOrderNotional is { } maxNotional && input.Entry > 0)
        {
            q = Math.Min(q, maxNotional / input.Entry);
        }

        return instrument.RoundDown(q);
    }
}
