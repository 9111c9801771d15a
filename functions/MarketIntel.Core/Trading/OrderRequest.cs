namespace MarketIntel.Core.Trading;

/// <summary>
/// A request to trade. <see cref="ClientOrderId"/> makes submission idempotent: the same id submitted twice is one
/// order. <see cref="LimitPrice"/> is required by limit and stop-limit orders, <see cref="StopPrice"/> by stop and
/// stop-limit orders, and neither may be given where it does not apply. <see cref="Cause"/> says what made the order
/// (for a setup or automation: the scan run and the setup), so every automated order can be traced to its reason.
/// </summary>
public sealed record OrderRequest(
    string ClientOrderId,
    string Symbol,
    OrderSide Side,
    OrderType Type,
    double Quantity,
    double? LimitPrice = null,
    double? StopPrice = null,
    TimeInForce TimeInForce = TimeInForce.Gtc,
    OrderOrigin Origin = OrderOrigin.Client,
    string? Cause = null)
{
    /// <summary>The reason code of the first problem, or null for a well-formed request.</summary>
    public string? Problem(InstrumentRules rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        if (string.IsNullOrWhiteSpace(ClientOrderId))
        {
            return "missing_client_order_id";
        }

        if (string.IsNullOrWhiteSpace(Symbol))
        {
            return "missing_symbol";
        }

        if (!rules.IsValidQuantity(Quantity))
        {
            return "invalid_quantity";
        }

        var needsLimit = Type is OrderType.Limit or OrderType.StopLimit;
        var needsStop = Type is OrderType.Stop or OrderType.StopLimit;
        if (needsLimit != LimitPrice.HasValue)
        {
            return needsLimit ? "missing_limit_price" : "unexpected_limit_price";
        }

        if (needsStop != StopPrice.HasValue)
        {
            return needsStop ? "missing_stop_price" : "unexpected_stop_price";
        }

        if (LimitPrice is { } l && !(l > 0 && double.IsFinite(l)))
        {
            return "invalid_limit_price";
        }

        return StopPrice is { } s && !(s > 0 && double.IsFinite(s)) ? "invalid_stop_price" : null;
    }
}
