using MarketIntel.Core.Backtesting;
using MarketIntel.Core.Market;

namespace MarketIntel.Core.Trading;

/// <summary>
/// The bar execution model that paper trading and the backtester share, so that the same decisions produce the same
/// trades in both. Prices returned are final (slippage included where it applies):
/// <list type="bullet">
/// <item>market: the open, with slippage;</item>
/// <item>limit L: a buy at the open if open ≤ L, else at L if low ≤ L (a sell mirrored); no slippage, a limit is a price cap;</item>
/// <item>stop T: a buy at the open if open ≥ T (gapped through), else at T if high ≥ T (a sell mirrored); with slippage;</item>
/// <item>stop-limit (T, L): on the trigger bar at the trigger price (the open if gapped through T, else T) when that
/// price is within L; from the next bar on a plain limit L.</item>
/// </list>
/// </summary>
public static class BarFillModel
{
    public static double Market(OrderSide side, in Bar bar, ISlippageModel slippage)
    {
        ArgumentNullException.ThrowIfNull(slippage);
        return slippage.Apply(bar.Open, side == OrderSide.Buy);
    }

    public static double? Limit(OrderSide side, double limit, in Bar bar)
    {
        if (side == OrderSide.Buy)
        {
            return bar.Open <= limit ? bar.Open : bar.Low <= limit ? limit : null;
        }

        return bar.Open >= limit ? bar.Open : bar.High >= limit ? limit : null;
    }

    /// <summary>The price at which a stop triggers on this bar before slippage, or null when the bar does not reach it.</summary>
    public static double? StopTrigger(OrderSide side, double stop, in Bar bar)
    {
        if (side == OrderSide.Buy)
        {
            return bar.Open >= stop ? bar.Open : bar.High >= stop ? stop : null;
        }

        return bar.Open <= stop ? bar.Open : bar.Low <= stop ? stop : null;
    }

    public static double? Stop(OrderSide side, double stop, in Bar bar, ISlippageModel slippage)
    {
        ArgumentNullException.ThrowIfNull(slippage);
        return StopTrigger(side, stop, bar) is { } trigger ? slippage.Apply(trigger, side == OrderSide.Buy) : null;
    }

    /// <summary>A stop-limit on the bar that triggers it: the fill price, or null when the trigger price is outside the limit.</summary>
    public static double? StopLimitOnTrigger(OrderSide side, double trigger, double limit) =>
        (side == OrderSide.Buy ? trigger <= limit : trigger >= limit) ? trigger : null;

    /// <summary>
    /// The quantity one order fills on a bar: all of <paramref name="remaining"/>, or with a participation cap at most
    /// floor(cap × volume), computed in decimal so that e.g. 0.29 × 100 is 29 and not 28.999…; zero volume fills nothing.
    /// </summary>
    public static double Quantity(double remaining, double? maxParticipation, decimal volume)
    {
        if (maxParticipation is not { } p)
        {
            return remaining;
        }

        var cap = (double)decimal.Floor((decimal)p * volume);
        return Math.Min(remaining, cap);
    }

    /// <summary>
    /// The per-unit price the pre-trade checks assume for an order arriving when the market is at <paramref name="market"/>:
    /// market·(1±s) for a market order, the limit for limit and stop-limit orders, max(market, stop)·(1+s) for a buy stop
    /// (min(market, stop)·(1−s) for a sell stop).
    /// </summary>
    public static double ReferencePrice(OrderRequest request, double market, ISlippageModel slippage)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(slippage);
        var buy = request.Side == OrderSide.Buy;
        return request.Type switch
        {
            OrderType.Market => slippage.Apply(market, buy),
            OrderType.Limit or OrderType.StopLimit => request.LimitPrice!.Value,
            _ => slippage.Apply(buy ? Math.Max(market, request.StopPrice!.Value) : Math.Min(market, request.StopPrice!.Value), buy),
        };
    }
}
