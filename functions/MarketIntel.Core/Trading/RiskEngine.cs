using MarketIntel.Core.Backtesting;

namespace MarketIntel.Core.Trading;

/// <summary>
/// Pre-trade checks. Every rule is evaluated on the worst case: every working order on the order's side fills and none
/// on the other, so no later sequence of fills can breach a limit that acceptance checked. Per symbol, with p the
/// position, long bound = p + remaining of working buys (+ the order if a buy) and short bound = p − remaining of
/// working sells (− the order if a sell). A buy must fit in cash minus what the working buys reserve (each its
/// remaining × its reference price + one commission). Rules run in <see cref="RiskRules"/> order and stop at the first
/// failure.
/// </summary>
public sealed class RiskEngine(RiskLimits limits, ICommissionModel commission)
{
    private readonly Queue<DateTime> _accepted = new();

    public RiskLimits Limits { get; } = limits ?? throw new ArgumentNullException(nameof(limits));

    public RiskDecision Evaluate(OrderRequest request, double referencePrice, double market, DateTime now, Account account, IReadOnlyList<Order> working, TradingState state)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(account);
        ArgumentNullException.ThrowIfNull(working);
        var checks = new List<RiskCheck>();
        var q = request.Quantity;
        var buy = request.Side == OrderSide.Buy;
        var (position, workingBuys, workingSells) = Exposure(request.Symbol, account, working);
        var longBound = position + workingBuys + (buy ? q : 0);
        var shortBound = position - workingSells - (buy ? 0 : q);

        if (state == TradingState.Halted && !Check(RiskRules.TradingHalted, false, new() { ["state"] = (double)state }, []))
        {
            return Decide(false);
        }

        if (state == TradingState.Reducing)
        {
            var reduces = buy ? position < 0 && longBound <= 0 : position > 0 && shortBound >= 0;
            if (!Check(RiskRules.ReducingOnly, reduces, new() { ["position"] = position, ["long_bound"] = longBound, ["short_bound"] = shortBound }, []))
            {
                return Decide(false);
            }
        }

        if (!Limits.AllowShort
            && !Check(RiskRules.NoShort, shortBound >= 0, new() { ["position"] = position, ["working_sells"] = workingSells, ["quantity"] = buy ? 0 : q, ["short_bound"] = shortBound }, new() { ["min_short_bound"] = 0 }))
        {
            return Decide(false);
        }

        if (Limits.MaxPosition is { } maxPosition
            && !Check(RiskRules.MaxPosition, longBound <= maxPosition && -shortBound <= maxPosition, new() { ["long_bound"] = longBound, ["short_bound"] = shortBound }, new() { ["max_position"] = maxPosition }))
        {
            return Decide(false);
        }

        if (buy)
        {
            var need = (q * referencePrice) + commission.Commission(q, referencePrice);
            var reserved = 0.0;
            foreach (var o in working)
            {
                if (o.Request.Side == OrderSide.Buy)
                {
                    reserved += (o.Remaining * o.ReferencePrice) + commission.Commission(o.Remaining, o.ReferencePrice);
                }
            }

            if (!Check(RiskRules.InsufficientCash, !(need > account.Cash - reserved), new() { ["required"] = need, ["reference_price"] = referencePrice, ["reserved_by_working_buys"] = reserved }, new() { ["cash"] = account.Cash }))
            {
                return Decide(false);
            }
        }

        var notional = q * referencePrice;
        if (Limits.MaxOrderNotional is { } maxNotional
            && !Check(RiskRules.MaxOrderNotional, notional <= maxNotional, new() { ["notional"] = notional }, new() { ["max_order_notional"] = maxNotional }))
        {
            return Decide(false);
        }

        if (Limits.MaxGrossExposure is not null || Limits.MaxOpenPositions is not null)
        {
            var (gross, open) = WorstCaseBook(request.Symbol, Math.Max(Math.Abs(longBound), Math.Abs(shortBound)), referencePrice, account, working);
            if (Limits.MaxGrossExposure is { } maxGross
                && !Check(RiskRules.MaxGrossExposure, gross <= maxGross, new() { ["gross_exposure"] = gross }, new() { ["max_gross_exposure"] = maxGross }))
            {
                return Decide(false);
            }

            if (Limits.MaxOpenPositions is { } maxOpen
                && !Check(RiskRules.MaxOpenPositions, open <= maxOpen, new() { ["open_positions"] = open }, new() { ["max_open_positions"] = maxOpen }))
            {
                return Decide(false);
            }
        }

        if (Limits.PriceCollar is { } collar && request.LimitPrice is { } limit && market > 0)
        {
            var distance = Math.Abs(limit - market) / market;
            if (!Check(RiskRules.PriceCollar, distance <= collar, new() { ["limit_price"] = limit, ["last_price"] = market, ["distance"] = distance }, new() { ["price_collar"] = collar }))
            {
                return Decide(false);
            }
        }

        if (Limits.MaxOrdersPerMinute is { } maxRate)
        {
            while (_accepted.Count > 0 && _accepted.Peek() <= now - TimeSpan.FromMinutes(1))
            {
                _accepted.Dequeue();
            }

            if (!Check(RiskRules.OrderRate, _accepted.Count < maxRate, new() { ["orders_last_minute"] = _accepted.Count }, new() { ["max_orders_per_minute"] = maxRate }))
            {
                return Decide(false);
            }
        }

        _accepted.Enqueue(now);
        return Decide(true);

        bool Check(string rule, bool passed, Dictionary<string, double> inputs, Dictionary<string, double> thresholds)
        {
            checks.Add(new RiskCheck(rule, passed, inputs, thresholds));
            return passed;
        }

        RiskDecision Decide(bool accepted) => new(request.ClientOrderId, now, accepted, accepted ? null : checks[^1].Rule, checks);
    }

    /// <summary>A symbol's position and the remaining quantity of its working buys and sells.</summary>
    private static (double Position, double Buys, double Sells) Exposure(string symbol, Account account, IReadOnlyList<Order> working)
    {
        double buys = 0, sells = 0;
        foreach (var o in working)
        {
            if (o.Request.Symbol == symbol)
            {
                if (o.Request.Side == OrderSide.Buy)
                {
                    buys += o.Remaining;
                }
                else
                {
                    sells += o.Remaining;
                }
            }
        }

        return (account.PositionOf(symbol).Quantity, buys, sells);
    }

    /// <summary>
    /// Worst-case gross exposure and count of non-flat symbols: each symbol at the larger of its bounds' magnitudes, priced
    /// at its last price (the order's symbol at the larger of its last price and the order's reference price).
    /// </summary>
    private static (double Gross, int Open) WorstCaseBook(string symbol, double orderSymbolWorst, double referencePrice, Account account, IReadOnlyList<Order> working)
    {
        var symbols = new SortedSet<string>(StringComparer.Ordinal) { symbol };
        foreach (var p in account.Positions.Values)
        {
            if (p.Quantity != 0)
            {
                symbols.Add(p.Symbol);
            }
        }

        foreach (var o in working)
        {
            symbols.Add(o.Request.Symbol);
        }

        var gross = 0.0;
        var open = 0;
        foreach (var s in symbols)
        {
            double worst, price;
            if (s == symbol)
            {
                worst = orderSymbolWorst;
                price = Math.Max(account.LastPrice(s) ?? 0, referencePrice);
            }
            else
            {
                var (position, buys, sells) = Exposure(s, account, working);
                worst = Math.Max(Math.Abs(position + buys), Math.Abs(position - sells));
                price = account.LastPrice(s) ?? working.Where(o => o.Request.Symbol == s).Max(o => o.ReferencePrice);
            }

            gross += worst * price;
            open += worst > 0 ? 1 : 0;
        }

        return (gross, open);
    }
}
