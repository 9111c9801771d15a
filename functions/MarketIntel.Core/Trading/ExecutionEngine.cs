using MarketIntel.Core.Market;

namespace MarketIntel.Core.Trading;

/// <summary>
/// Paper execution for one account: submission (idempotent by client order id, pre-trade checks by the
/// <see cref="RiskEngine"/>), fills from bars through the shared <see cref="BarFillModel"/>, positions and cash through
/// the <see cref="Account"/>, the trading state with its loss breakers and the kill switch.
/// <para>On each bar of a symbol its working orders are tried in activation order, each filling its remaining quantity
/// (or at most floor(participation × volume)); commission is charged on every fill. After the bar an <c>ioc</c> order's
/// remainder is canceled and, when the bar ends a session, a <c>day</c> order's remainder expires. The account is then
/// marked at the close and the breakers see the new equity.</para>
/// </summary>
public sealed class ExecutionEngine
{
    private readonly ExecutionOptions _options;
    private readonly RiskEngine _risk;
    private readonly Dictionary<string, Order> _byId = new(StringComparer.Ordinal);
    private readonly List<Order> _orders = [];
    private readonly List<Order> _working = [];

    // The same working orders by symbol, each list in activation order: a bar only looks at its own symbol's orders, so
    // evaluating thousands of symbols' bars does not walk every working order for each one.
    private readonly Dictionary<string, List<Order>> _workingBySymbol = new(StringComparer.Ordinal);
    private readonly List<Fill> _fills = [];
    private readonly List<RiskDecision> _decisions = [];
    private readonly List<OrderEvent> _events = [];
    private readonly Dictionary<string, BracketRequest> _bracketOfEntry = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _siblingOfLeg = new(StringComparer.Ordinal);
    private TradingState _manual = TradingState.Active;
    private long _sequence;

    public ExecutionEngine(ExecutionOptions options, double startingCash, DateTime opened)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _risk = new RiskEngine(options.Limits, options.Commission);
        Account = new Account(startingCash, opened);
        Breakers = new LossBreakers(options.Limits.DailyLossLimit, options.Limits.MaxDrawdown, startingCash);
    }

    public Account Account { get; }

    public LossBreakers Breakers { get; }

    public KillSwitchLevel KillSwitch { get; private set; }

    /// <summary>Halted while a breaker is tripped or the kill switch cancels; Reducing while it blocks entries; else as set.</summary>
    public TradingState State =>
        Breakers.Tripped is not null || KillSwitch >= KillSwitchLevel.CancelAll ? TradingState.Halted
        : KillSwitch == KillSwitchLevel.BlockEntries ? TradingState.Reducing
        : _manual;

    /// <summary>Every order in submission order, rejected ones included.</summary>
    public IReadOnlyList<Order> Orders => _orders;

    /// <summary>Working orders in activation order.</summary>
    public IReadOnlyList<Order> Working => _working;

    public IReadOnlyList<Fill> Fills => _fills;

    public IReadOnlyList<RiskDecision> Decisions => _decisions;

    /// <summary>Every order event of every order, in the order they happened (what a journal stores).</summary>
    public IReadOnlyList<OrderEvent> Events => _events;

    public Order? Find(string clientOrderId) => _byId.GetValueOrDefault(clientOrderId);

    /// <summary>Sets the state an operator chose (Active, Reducing or Halted); breakers and the kill switch override it.</summary>
    public void SetState(TradingState state) => _manual = state;

    /// <summary>
    /// Submits an order while the market is at <paramref name="market"/> (the last price, or in a replay the open of the
    /// bar the order becomes active on). The same client order id twice returns the first order and changes nothing.
    /// </summary>
    public SubmitResult Submit(OrderRequest request, DateTime now, double market) => Submit(request, now, market, State);

    private SubmitResult Submit(OrderRequest request, DateTime now, double market, TradingState state)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (_byId.TryGetValue(request.ClientOrderId ?? string.Empty, out var existing))
        {
            return new SubmitResult(existing, true, null);
        }

        var order = new Order(request, now, ++_sequence, _events);
        _orders.Add(order);
        if (request.ClientOrderId is not null)
        {
            _byId[request.ClientOrderId] = order;
        }

        if (request.Problem(_options.RulesFor(request.Symbol ?? string.Empty)) is { } problem)
        {
            order.Apply(OrderEventKind.Reject, now, reason: problem);
            return new SubmitResult(order, false, null);
        }

        order.ReferencePrice = BarFillModel.ReferencePrice(request, market, _options.Slippage);
        var decision = request.Origin == OrderOrigin.KillSwitch
            ? new RiskDecision(request.ClientOrderId!, now, true, null, [])
            : _risk.Evaluate(request, order.ReferencePrice, market, now, Account, _working, state);
        _decisions.Add(decision);
        if (decision.Accepted)
        {
            order.Apply(OrderEventKind.Accept, now);
            AddWorking(order, null);
        }
        else
        {
            order.Apply(OrderEventKind.Reject, now, reason: decision.Reason);
        }

        return new SubmitResult(order, false, decision);
    }

    /// <summary>
    /// Submits a bracket's entry (checked like any order); its legs start working once the entry is done. A repeated
    /// entry id returns the existing order.
    /// </summary>
    public SubmitResult SubmitBracket(BracketRequest bracket, DateTime now, double market)
    {
        ArgumentNullException.ThrowIfNull(bracket);
        if (_byId.ContainsKey(bracket.Entry.ClientOrderId))
        {
            return Submit(bracket.Entry, now, market);
        }

        if (bracket.Problem(_options.RulesFor(bracket.Entry.Symbol ?? string.Empty)) is { } problem && bracket.Entry.Problem(_options.RulesFor(bracket.Entry.Symbol ?? string.Empty)) is null)
        {
            var order = new Order(bracket.Entry, now, ++_sequence, _events);
            _orders.Add(order);
            _byId[order.Id] = order;
            order.Apply(OrderEventKind.Reject, now, reason: problem);
            return new SubmitResult(order, false, null);
        }

        var result = Submit(bracket.Entry, now, market);
        if (result.Order.IsWorking)
        {
            _bracketOfEntry[result.Order.Id] = bracket;
        }

        return result;
    }

    /// <summary>Cancels a working order (allowed in every trading state); false for an unknown id, <see cref="IllegalOrderTransitionException"/> for a finished order.</summary>
    public bool Cancel(string clientOrderId, DateTime now, string reason = "canceled")
    {
        if (!_byId.TryGetValue(clientOrderId, out var order))
        {
            return false;
        }

        order.Apply(OrderEventKind.Cancel, now, reason: reason);
        RemoveWorking(order);
        if (reason == "kill_switch")
        {
            _bracketOfEntry.Remove(order.Id);
        }
        else
        {
            AfterDone(order, now, Account.LastPrice(order.Request.Symbol) ?? order.AveragePrice);
        }

        return true;
    }

    /// <summary>Evaluates the symbol's working orders on one bar, then lets the breakers see the new equity; returns the fills in the order they happened.</summary>
    public IReadOnlyList<Fill> OnBar(string symbol, in Bar bar, bool sessionEnds)
    {
        var fills = ApplyBar(symbol, bar, sessionEnds);
        ObserveEquity(bar.OpenTime);
        return fills;
    }

    /// <summary>
    /// Evaluates the symbol's working orders on one bar and marks the symbol at its close, without feeding the breakers:
    /// when many symbols' bars of one time arrive together, the caller applies them all and then calls
    /// <see cref="ObserveEquity"/> once, so the breakers see the whole portfolio at that time rather than a mix of marks.
    /// </summary>
    public IReadOnlyList<Fill> ApplyBar(string symbol, in Bar bar, bool sessionEnds)
    {
        if (!_workingBySymbol.TryGetValue(symbol, out var working) || working.Count == 0)
        {
            Account.Mark(symbol, bar.Close);
            return [];
        }

        var fills = new List<Fill>();
        var candidates = working.ToArray();
        foreach (var order in candidates)
        {
            // A leg canceled by its sibling's fill earlier on this bar is no longer tried; an order placed after the
            // bar opened does not trade on it (its open and range were already past).
            if (!order.IsWorking || order.Created > bar.OpenTime)
            {
                continue;
            }

            if (Price(order, bar) is { } price)
            {
                var quantity = BarFillModel.Quantity(order.Remaining, _options.MaxParticipation, bar.Volume);
                if (quantity > 0)
                {
                    var fill = new Fill(order.Id, symbol, bar.OpenTime, order.Request.Side, quantity, price, _options.Commission.Commission(quantity, price));
                    order.Apply(quantity >= order.Remaining ? OrderEventKind.Fill : OrderEventKind.PartialFill, bar.OpenTime, quantity, price);
                    Account.Apply(fill);
                    fills.Add(fill);
                    if (_siblingOfLeg.Remove(order.Id, out var sibling) && _byId[sibling].IsWorking)
                    {
                        // One-cancels-the-other: the first fill of either leg ends the other.
                        _siblingOfLeg.Remove(sibling);
                        _byId[sibling].Apply(OrderEventKind.Cancel, bar.OpenTime, reason: "oco");
                    }
                }
            }

            if (order.IsWorking && order.Request.TimeInForce == TimeInForce.Ioc)
            {
                order.Apply(OrderEventKind.Cancel, bar.OpenTime, reason: "ioc");
            }
            else if (order.IsWorking && sessionEnds && order.Request.TimeInForce == TimeInForce.Day)
            {
                order.Apply(OrderEventKind.Expire, bar.OpenTime, reason: "day");
            }
        }

        foreach (var order in candidates)
        {
            if (!order.IsWorking)
            {
                RemoveWorking(order);
            }
        }

        // Bracket entries that ended on this bar (filled, partly filled then canceled or expired) place their legs.
        foreach (var order in candidates)
        {
            if (!order.IsWorking && _bracketOfEntry.ContainsKey(order.Id))
            {
                AfterDone(order, bar.OpenTime, bar.Close);
            }
        }

        _fills.AddRange(fills);
        Account.Mark(symbol, bar.Close);
        return fills;
    }

    /// <summary>
    /// Ends the session of <paramref name="symbol"/> at <paramref name="sessionStart"/> where no bar says so (an account
    /// filled from trades): its working <c>day</c> orders placed before that time expire, as after a bar that ends their
    /// session, and bracket entries that ended partly filled place their legs, with the symbol's last price
    /// (<paramref name="mark"/>) as the market.
    /// </summary>
    public void ExpireDayOrders(string symbol, DateTime sessionStart, double mark)
    {
        if (!_workingBySymbol.TryGetValue(symbol, out var working) || working.Count == 0)
        {
            return;
        }

        var candidates = working.ToArray();
        foreach (var order in candidates)
        {
            if (order.IsWorking && order.Request.TimeInForce == TimeInForce.Day && order.Created < sessionStart)
            {
                order.Apply(OrderEventKind.Expire, sessionStart, reason: "day");
            }
        }

        foreach (var order in candidates)
        {
            if (!order.IsWorking)
            {
                RemoveWorking(order);
            }
        }

        foreach (var order in candidates)
        {
            if (!order.IsWorking && _bracketOfEntry.ContainsKey(order.Id))
            {
                AfterDone(order, sessionStart, mark);
            }
        }
    }

    /// <summary>Lets the loss breakers see the account's equity at <paramref name="time"/> (after the bars of that time are applied).</summary>
    public void ObserveEquity(DateTime time) => Breakers.Observe(time, Account.Equity);

    /// <summary>
    /// Engages the kill switch (levels only escalate until <see cref="Reset"/>). CancelAll cancels every working order;
    /// FlattenAll also submits a market order closing each open position, marked <see cref="OrderOrigin.KillSwitch"/>.
    /// </summary>
    public IReadOnlyList<Order> Kill(KillSwitchLevel level, DateTime now)
    {
        KillSwitch = (KillSwitchLevel)Math.Max((int)KillSwitch, (int)level);
        var flatten = new List<Order>();
        if (level >= KillSwitchLevel.CancelAll)
        {
            foreach (var order in _working.ToArray())
            {
                Cancel(order.Id, now, "kill_switch");
            }
        }

        if (level == KillSwitchLevel.FlattenAll)
        {
            foreach (var p in Account.Positions.Values.Where(p => p.Quantity != 0).OrderBy(p => p.Symbol, StringComparer.Ordinal).ToArray())
            {
                var id = $"kill-{_sequence + 1}-{p.Symbol}";
                var request = new OrderRequest(id, p.Symbol, p.Quantity > 0 ? OrderSide.Sell : OrderSide.Buy, OrderType.Market, Math.Abs(p.Quantity), Origin: OrderOrigin.KillSwitch);
                flatten.Add(Submit(request, now, Account.LastPrice(p.Symbol) ?? p.AveragePrice).Order);
            }
        }

        return flatten;
    }

    /// <summary>A person's reset: clears tripped breakers and the kill switch.</summary>
    public void Reset()
    {
        Breakers.Reset();
        KillSwitch = KillSwitchLevel.Off;
    }

    /// <summary>
    /// When a bracket's entry is done, its legs start working for the filled quantity. The target is checked with the
    /// stop leg left out of the working orders: the two are one-cancels-the-other, so at most one can fill.
    /// </summary>
    private void AfterDone(Order entry, DateTime now, double market)
    {
        if (!_bracketOfEntry.Remove(entry.Id, out var bracket) || entry.FilledQuantity <= 0)
        {
            return;
        }

        var exit = entry.Request.Side == OrderSide.Buy ? OrderSide.Sell : OrderSide.Buy;
        var q = entry.FilledQuantity;

        // The legs protect an accepted entry, so a halted or reducing account still places them; the limits still apply.
        var stop = Submit(new OrderRequest(bracket.StopId, entry.Request.Symbol, exit, OrderType.Stop, q, null, bracket.StopLoss, TimeInForce.Gtc, entry.Request.Origin, entry.Request.Cause), now, market, TradingState.Active).Order;
        RemoveWorking(stop);
        var target = Submit(new OrderRequest(bracket.TargetId, entry.Request.Symbol, exit, OrderType.Limit, q, bracket.TakeProfit, null, TimeInForce.Gtc, entry.Request.Origin, entry.Request.Cause), now, market, TradingState.Active).Order;
        if (stop.IsWorking)
        {
            // The stop goes first so that a bar reaching both fills the stop (the conservative assumption, as in outcomes).
            AddWorking(stop, target.IsWorking ? target : null);
            if (target.IsWorking)
            {
                _siblingOfLeg[stop.Id] = target.Id;
                _siblingOfLeg[target.Id] = stop.Id;
            }
        }
    }

    /// <summary>Adds a working order at the end of the activation order, or just before <paramref name="before"/>.</summary>
    private void AddWorking(Order order, Order? before)
    {
        if (!_workingBySymbol.TryGetValue(order.Request.Symbol, out var bySymbol))
        {
            _workingBySymbol[order.Request.Symbol] = bySymbol = [];
        }

        Insert(_working, order, before);
        Insert(bySymbol, order, before);

        static void Insert(List<Order> list, Order order, Order? before)
        {
            var at = before is null ? -1 : list.IndexOf(before);
            list.Insert(at >= 0 ? at : list.Count, order);
        }
    }

    private void RemoveWorking(Order order)
    {
        if (_working.Remove(order))
        {
            _workingBySymbol[order.Request.Symbol].Remove(order);
        }
    }

    private double? Price(Order order, in Bar bar)
    {
        var r = order.Request;
        switch (r.Type)
        {
            case OrderType.Market:
                return BarFillModel.Market(r.Side, bar, _options.Slippage);
            case OrderType.Limit:
                return BarFillModel.Limit(r.Side, r.LimitPrice!.Value, bar);
            case OrderType.Stop:
                return BarFillModel.Stop(r.Side, r.StopPrice!.Value, bar, _options.Slippage);
            default:
                if (order.Triggered)
                {
                    return BarFillModel.Limit(r.Side, r.LimitPrice!.Value, bar);
                }

                if (BarFillModel.StopTrigger(r.Side, r.StopPrice!.Value, bar) is { } trigger)
                {
                    order.Triggered = true;
                    return BarFillModel.StopLimitOnTrigger(r.Side, trigger, r.LimitPrice!.Value);
                }

                return null;
        }
    }
}
