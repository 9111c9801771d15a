using System.Runtime.CompilerServices;
using MarketIntel.Core.Brokerage;
using MarketIntel.Core.Trading;

namespace MarketIntel.Pipeline.Trading;

/// <summary>
/// The internal paper engine behind the broker port, so one port drives paper and real brokers. It is a thin
/// translation over <see cref="PaperTrading"/> (one account): the journal, risk checks and state machine are the
/// engine's own, and its order events are our state machine's events already. Its capability table is what the engine
/// supports: every order type and time in force, brackets, reversal in one fill; fractional and short selling as the
/// account is set up; no replace (the engine has none: cancel and submit). The event stream polls the account's
/// journal (every <c>pollInterval</c>) and passes on each new event once, with the order as it is when read.
/// </summary>
public sealed class PaperBroker : IBroker
{
    private readonly PaperTrading _paper;
    private readonly string _account;
    private readonly TimeProvider _time;
    private readonly TimeSpan _pollInterval;

    private PaperBroker(PaperTrading paper, string account, TimeProvider time, TimeSpan pollInterval, BrokerCapabilities capabilities)
    {
        _paper = paper;
        _account = account;
        _time = time;
        _pollInterval = pollInterval;
        Capabilities = capabilities;
    }

    public string Name => "paper";

    public BrokerCapabilities Capabilities { get; }

    /// <summary>The broker of an existing paper account; its capabilities follow the account's settings.</summary>
    public static async Task<PaperBroker> OpenAsync(PaperTrading paper, string account, TimeProvider time, TimeSpan? pollInterval = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(paper);
        ArgumentNullException.ThrowIfNull(time);
        var state = await Call(() => paper.LoadAsync(account, cancellationToken)).ConfigureAwait(false);
        return new PaperBroker(paper, account, time, pollInterval ?? TimeSpan.FromSeconds(1), CapabilitiesOf(state.Settings));
    }

    public static BrokerCapabilities CapabilitiesOf(PaperAccountSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var everyTif = new HashSet<TimeInForce>(Enum.GetValues<TimeInForce>());
        return new BrokerCapabilities(
            "paper",
            new HashSet<OrderType>(Enum.GetValues<OrderType>()),
            everyTif,
            Brackets: true,
            BracketTimesInForce: everyTif,
            Fractional: settings.Fractional,
            ShortSelling: settings.Limits.AllowShort,
            ReversalInOneOrder: true,
            Replace: false,
            MaxRequestsPerMinute: settings.Limits.MaxOrdersPerMinute,
            MaxClientOrderIdLength: PaperOrderBody.MaxClientOrderIdLength);
    }

    /// <summary>The capability check against the account's position; the engine's risk rules run at submit (they need the market at that moment).</summary>
    public async Task<BrokerPreflight> PreflightAsync(BrokerOrderRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var state = await Call(() => _paper.LoadAsync(_account, cancellationToken)).ConfigureAwait(false);
        return BrokerPreflight.Of(Capabilities.Refusal(request, state.Engine.Account.PositionOf(request.Order.Symbol).Quantity));
    }

    public async Task<BrokerSubmitResult> SubmitAsync(BrokerOrderRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var state = await Call(() => _paper.LoadAsync(_account, cancellationToken)).ConfigureAwait(false);

        // A retry of an order already here is answered before the capability check: the position may have moved since.
        if (state.Engine.Find(request.ClientOrderId) is { } existing)
        {
            return new BrokerSubmitResult(Map(state, existing), true);
        }

        var order = request.Order;
        Capabilities.EnsureCanSend(request, state.Engine.Account.PositionOf(order.Symbol).Quantity);
        var body = new PaperOrderBody(order.ClientOrderId, order.Symbol, PaperNames.Of(order.Side), PaperNames.Of(order.Type), order.Quantity, order.LimitPrice, order.StopPrice,
            PaperNames.Of(order.TimeInForce), request.Bracket?.StopLoss, request.Bracket?.TakeProfit);
        var (_, duplicate, _) = await Call(() => _paper.SubmitAsync(_account, body, cancellationToken)).ConfigureAwait(false);
        state = await Call(() => _paper.LoadAsync(_account, cancellationToken)).ConfigureAwait(false);
        return new BrokerSubmitResult(Map(state, state.Engine.Find(order.ClientOrderId)!), duplicate);
    }

    public async Task<BrokerOrder> CancelAsync(string clientOrderId, CancellationToken cancellationToken = default)
    {
        await Call(() => _paper.CancelAsync(_account, clientOrderId, cancellationToken)).ConfigureAwait(false);
        var state = await Call(() => _paper.LoadAsync(_account, cancellationToken)).ConfigureAwait(false);
        return Map(state, state.Engine.Find(clientOrderId)!);
    }

    public Task<BrokerOrder> ReplaceAsync(BrokerReplaceRequest request, CancellationToken cancellationToken = default)
    {
        Capabilities.EnsureCanReplace();
        throw new System.Diagnostics.UnreachableException("the paper capability table says no replace");
    }

    public async Task<BrokerOrder?> GetOrderAsync(string clientOrderId, CancellationToken cancellationToken = default)
    {
        var state = await Call(() => _paper.LoadAsync(_account, cancellationToken)).ConfigureAwait(false);
        return state.Engine.Find(clientOrderId) is { } order ? Map(state, order) : null;
    }

    public async Task<IReadOnlyList<BrokerOrder>> GetOrdersAsync(BrokerOrderQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var state = await Call(() => _paper.LoadAsync(_account, cancellationToken)).ConfigureAwait(false);
        return state.Engine.Orders
            .Where(o => (query.Scope == BrokerOrderScope.All || !OrderTransitions.IsTerminal(o.Status)) && (query.Since is null || o.Created > query.Since))
            .OrderBy(o => o.Sequence)
            .Select(o => Map(state, o))
            .ToArray();
    }

    public async Task<IReadOnlyList<BrokerPosition>> GetPositionsAsync(CancellationToken cancellationToken = default)
    {
        var state = await Call(() => _paper.LoadAsync(_account, cancellationToken)).ConfigureAwait(false);
        return PaperTrading.Positions(state).Where(p => p.Quantity != 0).Select(p => new BrokerPosition(p.Symbol, p.Quantity, p.AveragePrice, p.MarketValue, p.UnrealizedPnl)).ToArray();
    }

    public async Task<BrokerAccount> GetAccountAsync(CancellationToken cancellationToken = default)
    {
        var state = await Call(() => _paper.LoadAsync(_account, cancellationToken)).ConfigureAwait(false);
        var summary = PaperTrading.Summary(state);

        // The paper engine has no margin: what can be bought is the cash.
        return new BrokerAccount(summary.Id, "USD", summary.Cash, summary.Equity, summary.Cash, state.Engine.State != TradingState.Active, state.Settings.Limits.AllowShort, summary.TradingState);
    }

    public async IAsyncEnumerable<BrokerOrderEvent> StreamOrderEventsAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var from = await EventPositionAsync(cancellationToken).ConfigureAwait(false);
        await foreach (var e in StreamOrderEventsAsync(from, cancellationToken).ConfigureAwait(false))
        {
            yield return e;
        }
    }

    /// <summary>How many order events the account has had: a starting point for <see cref="StreamOrderEventsAsync(int, CancellationToken)"/>.</summary>
    public async Task<int> EventPositionAsync(CancellationToken cancellationToken = default) =>
        (await Call(() => _paper.LoadAsync(_account, cancellationToken)).ConfigureAwait(false)).Engine.Events.Count;

    /// <summary>The account's order events from event number <paramref name="from"/> on (a caller that took its starting point first misses nothing in between).</summary>
    public async IAsyncEnumerable<BrokerOrderEvent> StreamOrderEventsAsync(int from, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        PaperAccountState state;
        var cursor = from;
        while (true)
        {
            await Task.Delay(_pollInterval, _time, cancellationToken).ConfigureAwait(false);
            state = await Call(() => _paper.LoadAsync(_account, cancellationToken)).ConfigureAwait(false);
            var events = state.Engine.Events.ToArray();
            for (; cursor < events.Length; cursor++)
            {
                var e = events[cursor];
                if (state.Engine.Find(e.OrderId) is { } order)
                {
                    yield return new BrokerOrderEvent(e.OrderId, PaperNames.Of(e.Kind), e.Time, Map(state, order), e);
                }
            }
        }
    }

    private static BrokerOrder Map(PaperAccountState state, Order order)
    {
        var r = order.Request;
        var updated = order.Events.Count > 0 ? order.Events[^1].Time : order.Created;
        var legs = new[] { order.Id + ":stop", order.Id + ":target" }.Select(state.Engine.Find).OfType<Order>().Select(leg => Map(state, leg)).ToArray();
        return new BrokerOrder(order.Id, order.Id, r.Symbol, r.Side, r.Type, r.Quantity, r.LimitPrice, r.StopPrice, r.TimeInForce, order.Status, PaperNames.Of(order.Status),
            order.FilledQuantity, order.FilledQuantity > 0 ? order.AveragePrice : null, order.Created, updated, order.Reason, null, legs.Length > 0 ? legs : null);
    }

    /// <summary>The engine's use-case errors as the port's typed errors.</summary>
    private static async Task<T> Call<T>(Func<Task<T>> call)
    {
        try
        {
            return await call().ConfigureAwait(false);
        }
        catch (PaperTradingException ex)
        {
            var (kind, code) = ex.Status switch
            {
                404 => (BrokerErrorKind.NotFound, BrokerReasonCodes.OrderNotFound),
                409 when ex.Field == "clientOrderId" => (BrokerErrorKind.Conflict, BrokerReasonCodes.NotCancelable),
                409 => (BrokerErrorKind.Conflict, BrokerReasonCodes.InvalidRequest),
                _ => (BrokerErrorKind.Refused, BrokerReasonCodes.InvalidRequest),
            };
            throw new BrokerException("paper", kind, code, ex.Message, ex.Status, ex);
        }
    }
}
