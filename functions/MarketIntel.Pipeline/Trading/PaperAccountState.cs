using MarketIntel.Core.Market;
using MarketIntel.Core.Trading;

namespace MarketIntel.Pipeline.Trading;

/// <summary>
/// A paper account in memory: an <see cref="ExecutionEngine"/> fed the account's journal commands in order, plus what the
/// commands imply beyond the engine (the last bar evaluated per symbol, which makes evaluation idempotent per (account,
/// bar), and the equity curve). Pure: no clock, no I/O, so the same journal always gives the same state.
/// </summary>
public sealed class PaperAccountState
{
    private readonly Dictionary<string, DateTime> _lastBar = new(StringComparer.Ordinal);

    // Per symbol, the time of the last trade applied and the ids of the trades applied at that time: a trade is used
    // once, and one older than the last applied is not used (orders cannot be evaluated back in time).
    private readonly Dictionary<string, (DateTime Time, HashSet<string> Ids)> _lastTrade = new(StringComparer.Ordinal);
    private readonly List<PaperEquityPoint> _equity = [];
    private int _applied;

    public PaperAccountState(string id, PaperAccountSettings settings, DateTime opened)
    {
        ArgumentNullException.ThrowIfNull(settings);
        Id = id;
        Settings = settings;
        Opened = opened;
        Engine = new ExecutionEngine(settings.ToExecutionOptions(), settings.StartingCash, opened);
    }

    public string Id { get; }

    public PaperAccountSettings Settings { get; }

    public DateTime Opened { get; }

    public ExecutionEngine Engine { get; }

    /// <summary>The sequence number of the last journal entry applied (0 for a new account).</summary>
    public long Sequence { get; private set; }

    public IReadOnlyList<PaperEquityPoint> EquityCurve => _equity;

    /// <summary>The open time of the last bar of <paramref name="symbol"/> evaluated, or null.</summary>
    public DateTime? LastBar(string symbol) => _lastBar.TryGetValue(symbol, out var t) ? t : null;

    /// <summary>Symbols with a working order, in ordinal order.</summary>
    public IReadOnlyList<string> WorkingSymbols() => Engine.Working.Select(o => o.Request.Symbol).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();

    /// <summary>Symbols with an open position, in ordinal order.</summary>
    public IReadOnlyList<string> PositionSymbols() => Engine.Account.Positions.Values.Where(p => p.Quantity != 0).Select(p => p.Symbol).Order(StringComparer.Ordinal).ToArray();

    /// <summary>
    /// The symbols whose new bars change the account: those with working orders (fills) and those with open positions
    /// (marks, so equity, unrealized P&amp;L and the loss breakers follow the market even with no order working).
    /// </summary>
    public IReadOnlyList<string> WatchedSymbols() => WorkingSymbols().Union(PositionSymbols(), StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();

    /// <summary>
    /// Runs a command and returns the journal entry describing it (the next sequence number), or null when the command
    /// changes nothing: a repeated client order id, or bars that were all evaluated before.
    /// </summary>
    /// <exception cref="IllegalOrderTransitionException">A cancel of an order that is no longer working.</exception>
    public PaperJournalEntry? Execute(PaperCommand command)
    {
        ArgumentNullException.ThrowIfNull(command);
        var events = Engine.Events.Count;
        var fills = Engine.Fills.Count;
        var decisions = Engine.Decisions.Count;
        var orders = Engine.Orders.Count;
        switch (command)
        {
            case PaperSubmitOrder s:
                Engine.Submit(s.Request, s.Time, s.Market);
                break;
            case PaperSubmitBracket b:
                Engine.SubmitBracket(b.Bracket, b.Time, b.Market);
                break;
            case PaperCancelOrder c:
                if (!Engine.Cancel(c.ClientOrderId, c.Time))
                {
                    throw new KeyNotFoundException($"order '{c.ClientOrderId}' does not exist");
                }

                break;
            case PaperApplyBars bars:
                ApplyBars(bars.Bars);
                break;
            case PaperApplyTrades trades:
                ApplyTrades(trades.Trades);
                break;
            case PaperKill k:
                Engine.Kill(k.Level, k.Time);
                break;
            case PaperReset:
                Engine.Reset();
                break;
            default:
                throw new ArgumentException($"unknown command {command.GetType().Name}", nameof(command));
        }

        var changed = Engine.Events.Count > events || Engine.Orders.Count > orders || command is PaperKill or PaperReset
            || (command is PaperApplyBars or PaperApplyTrades && _applied > 0);
        if (!changed)
        {
            return null;
        }

        Sequence++;
        return new PaperJournalEntry(Sequence, command, Slice(Engine.Events, events), Slice(Engine.Fills, fills), Slice(Engine.Decisions, decisions));
    }

    /// <summary>
    /// Applies a stored entry and checks that it does what the journal says it did; a mismatch means the journal and the
    /// code disagree, which must stop the account rather than silently diverge.
    /// </summary>
    public void Replay(PaperJournalEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        if (entry.Sequence != Sequence + 1)
        {
            throw new InvalidOperationException($"account {Id}: journal entry {entry.Sequence} follows {Sequence}");
        }

        var produced = Execute(entry.Command) ?? throw new InvalidOperationException($"account {Id}: journal entry {entry.Sequence} changes nothing on replay");
        if (!produced.Events.SequenceEqual(entry.Events) || !produced.Fills.SequenceEqual(entry.Fills))
        {
            throw new InvalidOperationException($"account {Id}: replaying journal entry {entry.Sequence} gives different events or fills than were recorded");
        }
    }

    /// <summary>
    /// Each new trade is a bar of one price (open = high = low = close, its size the volume), so the fill rules are the
    /// bar rules exactly; a trade on a later UTC day than a day order was placed ends that order's session first.
    /// </summary>
    private void ApplyTrades(IReadOnlyList<PaperTrade> trades)
    {
        _applied = 0;
        foreach (var t in trades)
        {
            if (_lastTrade.TryGetValue(t.Symbol, out var last))
            {
                if (t.Time < last.Time || (t.Time == last.Time && last.Ids.Contains(t.TradeId)))
                {
                    continue;
                }
            }

            // Day orders placed before this trade's UTC day have seen their session end.
            Engine.ExpireDayOrders(t.Symbol, t.Time.Date, Engine.Account.LastPrice(t.Symbol) ?? t.Price);

            if (!_lastTrade.TryGetValue(t.Symbol, out last) || t.Time > last.Time)
            {
                _lastTrade[t.Symbol] = last = (t.Time, new HashSet<string>(StringComparer.Ordinal));
            }

            last.Ids.Add(t.TradeId);
            Engine.ApplyBar(t.Symbol, new Bar(t.Time, t.Price, t.Price, t.Price, t.Price, (decimal)t.Size, 1), sessionEnds: false);
            Engine.ObserveEquity(t.Time);
            _applied++;
        }

        if (_applied > 0 && trades.Count > 0)
        {
            var equity = Engine.Account.Equity;
            var high = Math.Max(Engine.Breakers.HighWaterMark, equity);
            _equity.Add(new PaperEquityPoint(trades.Max(t => t.Time), Engine.Account.Cash, equity, high > 0 ? (high - equity) / high : 0));
        }
    }

    private void ApplyBars(IReadOnlyList<PaperBar> bars)
    {
        _applied = 0;
        var timeframe = Settings.BarTimeframe;
        for (var i = 0; i < bars.Count; i++)
        {
            var b = bars[i];
            if (_lastBar.TryGetValue(b.Symbol, out var last) && b.Bar.OpenTime <= last)
            {
                continue;
            }

            Engine.ApplyBar(b.Symbol, b.Bar, b.SessionEnds);
            _lastBar[b.Symbol] = b.Bar.OpenTime;
            _applied++;
            if (i == bars.Count - 1 || bars[i + 1].Bar.OpenTime != b.Bar.OpenTime)
            {
                // The breakers see the portfolio once per bar time, after every symbol of that time is marked.
                Engine.ObserveEquity(b.Bar.OpenTime);
                var equity = Engine.Account.Equity;
                var high = Math.Max(Engine.Breakers.HighWaterMark, equity);
                _equity.Add(new PaperEquityPoint(b.Bar.OpenTime + timeframe.Duration, Engine.Account.Cash, equity, high > 0 ? (high - equity) / high : 0));
            }
        }
    }

    private static T[] Slice<T>(IReadOnlyList<T> list, int from)
    {
        var result = new T[list.Count - from];
        for (var i = 0; i < result.Length; i++)
        {
            result[i] = list[i + from];
        }

        return result;
    }
}
