using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using MarketIntel.Core.Backtesting;
using MarketIntel.Core.Market;
using MarketIntel.Core.Scanning;
using MarketIntel.Core.Storage;
using MarketIntel.Core.Trading;
using MarketIntel.Ingestion.Streaming;
using MarketIntel.Pipeline.Ports;
using MarketIntel.Pipeline.ReadModels;

namespace MarketIntel.Pipeline.Trading;

/// <summary>
/// The paper-trading use cases over the record store: open an account, submit, cancel, trade a setup, kill, reset,
/// evaluate working orders on new bars, and read the account.
/// <para>Every change is one command appended to the account's journal (<see cref="RecordKinds.PaperJournal"/>), written
/// create-only under the next sequence number: that write is the commit. The account, order, position and directory
/// records are projections written after it; if the process dies between the journal write and the projections, the
/// next load rebuilds the account from the journal and rewrites them, so nothing is lost and nothing counted twice.
/// Accounts are cached in memory and caught up from the journal tail before every use, so several instances agree.</para>
/// <para>Once an entry is committed, its order events and fills are told to <see cref="IPipelineNotifications"/> (the
/// live stream), in journal order.</para>
/// </summary>
public sealed class PaperTrading(IRecordStore records, IBarStore bars, TimeProvider time, IPipelineNotifications? notifications = null) : ITickBatchObserver
{
    public const string IndexPartition = "accounts";

    /// <summary>Bars per journal entry, which keeps an entry far below the record size limit.</summary>
    public const int MaxBarsPerEntry = 1000;

    private const int MaxAppendAttempts = 5;
    private readonly ConcurrentDictionary<string, PaperAccountState> _cache = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _gates = new(StringComparer.Ordinal);

    // The directory entry each account last had written here: most evaluations change no watched symbol, and the
    // entry (every watched symbol) is then not written again.
    private readonly ConcurrentDictionary<string, PaperAccountIndexEntry> _indexed = new(StringComparer.Ordinal);

    public static string JournalId(long sequence) => "journal|" + sequence.ToString("D12", CultureInfo.InvariantCulture);

    public static string OrderId(string clientOrderId) => "order|" + clientOrderId;

    public static string PositionId(string symbol) => "position|" + symbol;

    /// <summary>Account ids: 1 to 40 lower-case letters, digits and '-'.</summary>
    public static bool IsValidAccountId(string? id) => id is { Length: > 0 and <= 40 } && id.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-');

    /// <summary>Opens an account; opening the same id again with the same settings returns it, with other settings is a 409.</summary>
    public async Task<(PaperAccountView Account, bool Created)> OpenAsync(string id, PaperAccountSettings settings, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (!IsValidAccountId(id))
        {
            throw new PaperTradingException(400, "id", $"'{id}' is not an account id (1 to 40 lower-case letters, digits and '-')");
        }

        if (settings.Problem() is { } problem)
        {
            throw new PaperTradingException(400, problem.Field, problem.Message);
        }

        var opened = time.GetUtcNow().UtcDateTime;
        var state = new PaperAccountState(id, settings, opened);
        var written = await records.CreateAsync(AccountEnvelope(state, null), cancellationToken).ConfigureAwait(false);
        if (written.Outcome == WriteOutcome.AlreadyExisted)
        {
            var existing = written.Record.Payload;
            if (JsonSerializer.Serialize(existing.Settings) != JsonSerializer.Serialize(settings))
            {
                throw new PaperTradingException(409, "id", $"account '{id}' exists with other settings");
            }

            return (Summary(await LoadAsync(id, cancellationToken).ConfigureAwait(false)), false);
        }

        await WriteIndexAsync(state, cancellationToken).ConfigureAwait(false);
        _cache[id] = state;
        return (Summary(state), true);
    }

    /// <summary>Every account in the directory.</summary>
    public async Task<IReadOnlyList<PaperAccountIndexEntry>> ListAsync(CancellationToken cancellationToken = default)
    {
        var result = new List<PaperAccountIndexEntry>();
        await foreach (var r in records.ReadAllAsync<PaperAccountIndexEntry>(RecordKinds.PaperAccountIndex, IndexPartition, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            result.Add(r.Payload);
        }

        return result;
    }

    /// <summary>The account as of its last journal entry (read models repaired if a crash left them behind).</summary>
    public async Task<PaperAccountState> LoadAsync(string id, CancellationToken cancellationToken = default)
    {
        var gate = Gate(id);
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await CurrentAsync(id, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>Submits an order or a bracket: 201 semantics for a new order, the existing one for a repeated client order id.</summary>
    public Task<(PaperOrderView Order, bool Duplicate, RiskDecision? Decision)> SubmitAsync(string id, PaperOrderBody body, CancellationToken cancellationToken = default) =>
        SubmitAsync(id, body, OrderOrigin.Client, null, cancellationToken);

    private async Task<(PaperOrderView Order, bool Duplicate, RiskDecision? Decision)> SubmitAsync(string id, PaperOrderBody body, OrderOrigin origin, string? cause, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(body);
        var (request, bracket) = body.ToRequest(origin, cause);
        return await ExecuteAsync(id, async state =>
        {
            if (state.Engine.Find(request.ClientOrderId) is not null)
            {
                return null;
            }

            var market = await MarketAsync(state, request.Symbol, cancellationToken).ConfigureAwait(false);
            var now = time.GetUtcNow().UtcDateTime;
            return bracket is null ? new PaperSubmitOrder(now, request, market) : new PaperSubmitBracket(now, bracket, market);
        }, (state, entry) =>
        {
            var order = state.Engine.Find(request.ClientOrderId)!;
            return (PaperOrderView.Of(order, true), entry is null, entry?.Decisions.FirstOrDefault(d => d.OrderId == request.ClientOrderId));
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Cancels a working order: 404 for an unknown id, 409 for an order that is no longer working.</summary>
    public Task<PaperOrderView> CancelAsync(string id, string clientOrderId, CancellationToken cancellationToken = default) =>
        ExecuteAsync(id, state =>
        {
            var order = state.Engine.Find(clientOrderId) ?? throw new PaperTradingException(404, "clientOrderId", $"order '{clientOrderId}' does not exist in account '{id}'");
            if (!order.IsWorking)
            {
                throw new PaperTradingException(409, "clientOrderId", $"order '{clientOrderId}' is {PaperNames.Of(order.Status)} and can no longer be canceled");
            }

            return Task.FromResult<PaperCommand?>(new PaperCancelOrder(time.GetUtcNow().UtcDateTime, clientOrderId));
        }, (state, _) => PaperOrderView.Of(state.Engine.Find(clientOrderId)!, true), cancellationToken);

    /// <summary>Engages the kill switch; returns the orders it submitted to flatten (none below <see cref="KillSwitchLevel.FlattenAll"/>).</summary>
    public Task<IReadOnlyList<PaperOrderView>> KillAsync(string id, KillSwitchLevel level, CancellationToken cancellationToken = default) =>
        ExecuteAsync(id, _ => Task.FromResult<PaperCommand?>(new PaperKill(time.GetUtcNow().UtcDateTime, level)), (state, entry) =>
            (IReadOnlyList<PaperOrderView>)(entry?.Events ?? []).Where(e => e.Kind == OrderEventKind.Accept && state.Engine.Find(e.OrderId)?.Request.Origin == OrderOrigin.KillSwitch)
                .Select(e => PaperOrderView.Of(state.Engine.Find(e.OrderId)!, false)).ToArray(), cancellationToken);

    /// <summary>A person's reset of the breakers and the kill switch.</summary>
    public Task<PaperAccountView> ResetAsync(string id, CancellationToken cancellationToken = default) =>
        ExecuteAsync(id, _ => Task.FromResult<PaperCommand?>(new PaperReset(time.GetUtcNow().UtcDateTime)), (state, _) => Summary(state), cancellationToken);

    /// <summary>
    /// "Trade this setup": a bracket (limit entry at the setup's entry, its stop and target) for a setup of a completed
    /// scan (the latest when <paramref name="scanId"/> is null), sized by the account's rule and capped by its limits.
    /// </summary>
    public async Task<(PaperOrderView Order, bool Duplicate, RiskDecision? Decision)> TradeSetupAsync(string id, string? scanId, string symbol, string? clientOrderId, CancellationToken cancellationToken = default)
    {
        var runs = new ScanRunStore(records);
        var run = string.IsNullOrEmpty(scanId)
            ? await runs.LatestCompletedAsync(time.GetUtcNow().UtcDateTime, cancellationToken).ConfigureAwait(false)
            : (await runs.GetRunAsync(scanId, cancellationToken).ConfigureAwait(false))?.Run;
        if (run is null)
        {
            throw new PaperTradingException(404, "scan", scanId is null ? "no scan has completed yet" : $"scan run '{scanId}' does not exist");
        }

        var setup = (run.Setups ?? []).Where(s => s.Symbol == symbol).OrderByDescending(s => s.Time).FirstOrDefault()
            ?? throw new PaperTradingException(404, "symbol", $"scan run '{run.Id}' has no setup for '{symbol}'");
        var orderId = clientOrderId ?? $"setup-{run.Id}-{symbol}-{setup.Time:yyyyMMddHHmm}".Replace('/', '-');
        return await TradeSetupAsync(id, run, setup, orderId, OrderOrigin.Setup, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// A bracket for <paramref name="setup"/> of <paramref name="run"/>, sized by the account's rule and through the same
    /// risk checks as every order; the order records its origin and, as its cause, the scan run and the setup.
    /// </summary>
    public async Task<(PaperOrderView Order, bool Duplicate, RiskDecision? Decision)> TradeSetupAsync(
        string id, ScanRunDocument run, TradeSetup setup, string clientOrderId, OrderOrigin origin, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(setup);
        var state = await LoadAsync(id, cancellationToken).ConfigureAwait(false);
        var rule = state.Settings.Sizing.For(run.Statistics)
            ?? throw new PaperTradingException(409, "sizing", $"Kelly sizing needs outcome statistics, and scan run '{run.Id}' has none");
        var symbol = setup.Symbol;
        var atr = setup.Side == TradeSide.Long ? setup.Entry - setup.Stop : setup.Stop - setup.Entry;
        var input = new SizingInput(state.Engine.Account.Equity, setup.Entry, setup.Stop, atr / state.Settings.Sizing.AtrMultiple);
        var quantity = OrderSizer.Size(rule, input, state.Settings.Limits, state.Settings.ToExecutionOptions().RulesFor(symbol));
        if (!(quantity > 0))
        {
            throw new PaperTradingException(409, "quantity", $"the '{rule.Name}' sizing gives no whole quantity for {symbol} (entry {setup.Entry}, stop {setup.Stop}) within the account's limits");
        }

        var side = setup.Side == TradeSide.Long ? "buy" : "sell";
        var cause = SetupCause(run, setup);
        return await SubmitAsync(id, new PaperOrderBody(clientOrderId, symbol, side, "limit", quantity, setup.Entry, null, "day", setup.Stop, setup.Target), origin, cause, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>What an order made from a setup records as its cause: the scan run and the setup (symbol, side, bar time).</summary>
    public static string SetupCause(ScanRunDocument run, TradeSetup setup)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(setup);
        return string.Create(CultureInfo.InvariantCulture, $"scan {run.Id} ({run.Name}): {setup.Symbol} {(setup.Side == TradeSide.Long ? "long" : "short")} setup at {setup.Time:yyyy-MM-ddTHH:mm:ssZ}");
    }

    /// <summary>
    /// Evaluates the account's working orders on the closed bars of <paramref name="symbols"/> stored since the last bar
    /// evaluated (or since the oldest working order); idempotent per (account, bar). Returns the number of fills.
    /// </summary>
    public async Task<int> EvaluateAsync(string id, IReadOnlyCollection<string> symbols, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(symbols);
        var fills = 0;
        while (true)
        {
            // The new bars are read once and journaled in entries of at most MaxBarsPerEntry, in time order. A chunk
            // retried after another writer appended is simply skipped where that writer already applied it (ApplyBars
            // ignores bars at or before a symbol's last evaluated bar).
            (List<PaperBar> Bars, bool Truncated)? pending = null;
            var offset = 0;
            int taken;
            do
            {
                taken = 0;
                fills += await ExecuteAsync(id, async state =>
                {
                    pending ??= await NewBarsAsync(state, symbols, cancellationToken).ConfigureAwait(false);
                    var list = pending.Value.Bars;
                    taken = Math.Min(MaxBarsPerEntry, list.Count - offset);
                    var end = offset + taken;
                    while (end < list.Count && end > offset && list[end].Bar.OpenTime == list[end - 1].Bar.OpenTime)
                    {
                        // An entry ends where a bar time ends, so the breakers see whole times; only a single time with
                        // more bars than an entry holds is split.
                        end--;
                    }

                    taken = end > offset ? end - offset : taken;
                    return taken == 0 ? null : new PaperApplyBars(time.GetUtcNow().UtcDateTime, list.GetRange(offset, taken));
                }, (_, entry) => entry?.Fills.Count ?? 0, cancellationToken).ConfigureAwait(false);
                offset += taken;
            }
            while (taken > 0 && offset < pending!.Value.Bars.Count);

            if (pending is not { Truncated: true })
            {
                return fills;
            }
        }
    }

    /// <summary>The pipeline's step after an ingest: every account on <paramref name="timeframe"/> with working orders or open positions on the ingested symbols.</summary>
    public async Task<int> EvaluateIngestedAsync(string timeframe, IReadOnlyCollection<string> symbols, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(symbols);
        var ingested = symbols.ToHashSet(StringComparer.Ordinal);
        var fills = 0;
        foreach (var account in await ListAsync(cancellationToken).ConfigureAwait(false))
        {
            if (!account.FillsOnTrades && account.Timeframe == timeframe && account.WatchedSymbols.Any(ingested.Contains))
            {
                fills += await EvaluateAsync(account.Id, account.WatchedSymbols.Where(ingested.Contains).ToArray(), cancellationToken).ConfigureAwait(false);
            }
        }

        return fills;
    }

    /// <summary>
    /// The tick path's step after each batch: every account filled from trades with working orders or open positions on
    /// the batch's symbols gets the batch's trades of those symbols, journaled in entries of at most
    /// <see cref="MaxBarsPerEntry"/> trades; idempotent per (account, trade). Returns the number of fills.
    /// </summary>
    public async Task<int> ApplyTradesAsync(IReadOnlyList<Tick> trades, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(trades);
        var symbols = trades.Select(t => t.Symbol.Value).ToHashSet(StringComparer.Ordinal);
        var fills = 0;
        foreach (var account in await ListAsync(cancellationToken).ConfigureAwait(false))
        {
            if (!account.FillsOnTrades || !account.WatchedSymbols.Any(symbols.Contains))
            {
                continue;
            }

            var watched = account.WatchedSymbols.ToHashSet(StringComparer.Ordinal);
            var mine = trades.Where(t => watched.Contains(t.Symbol.Value))
                .Select(t => new PaperTrade(t.Symbol.Value, t.Timestamp, t.Price, (double)t.Size, t.TradeId.ToString())).ToList();
            for (var offset = 0; offset < mine.Count; offset += MaxBarsPerEntry)
            {
                var chunk = mine.GetRange(offset, Math.Min(MaxBarsPerEntry, mine.Count - offset));
                fills += await ExecuteAsync(account.Id, _ => Task.FromResult<PaperCommand?>(new PaperApplyTrades(time.GetUtcNow().UtcDateTime, chunk)),
                    (_, entry) => entry?.Fills.Count ?? 0, cancellationToken).ConfigureAwait(false);
            }
        }

        return fills;
    }

    Task ITickBatchObserver.TradesStoredAsync(IReadOnlyList<Tick> trades, CancellationToken cancellationToken) => ApplyTradesAsync(trades, cancellationToken);

    public static PaperAccountView Summary(PaperAccountState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        var e = state.Engine;
        var a = e.Account;
        var l = state.Settings.Limits;
        var equity = a.Equity;
        var high = Math.Max(e.Breakers.HighWaterMark, equity);
        var drawdown = high > 0 ? (high - equity) / high : 0;
        var largest = a.Positions.Values.Select(p => Math.Abs(p.Quantity)).DefaultIfEmpty(0).Max();
        var limits = new List<PaperLimitUsage>
        {
            new(RiskRules.MaxPosition, l.MaxPosition, largest),
            new(RiskRules.MaxGrossExposure, l.MaxGrossExposure, a.GrossExposure),
            new(RiskRules.MaxOpenPositions, l.MaxOpenPositions, a.OpenPositions),
            new(RiskRules.MaxOrderNotional, l.MaxOrderNotional, 0),
            new(RiskRules.OrderRate, l.MaxOrdersPerMinute, 0),
            new("daily_loss", l.DailyLossLimit, Math.Max(0, e.Breakers.DayStartEquity - equity)),
            new("max_drawdown", l.MaxDrawdown, drawdown),
        };
        return new PaperAccountView(
            state.Id, state.Settings.Name, state.Opened, state.Settings.Timeframe, state.Settings.StartingCash, a.Cash, equity, equity - e.Breakers.DayStartEquity,
            a.RealizedPnl, a.UnrealizedPnl, a.GrossExposure, a.OpenPositions, e.Working.Count, PaperNames.Of(e.State), PaperNames.Of(e.KillSwitch),
            e.Breakers.Tripped, e.Breakers.TrippedAt, high, drawdown, state.Sequence, limits, state.Settings);
    }

    public static IReadOnlyList<PaperLedgerEntryView> Ledger(PaperAccountState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        var balance = 0.0;
        var result = new List<PaperLedgerEntryView>(state.Engine.Account.Ledger.Count);
        foreach (var entry in state.Engine.Account.Ledger)
        {
            balance += entry.Amount;
            result.Add(new PaperLedgerEntryView(entry.Time, PaperNames.Of(entry.Kind), entry.Amount, balance, entry.OrderId, entry.Symbol));
        }

        return result;
    }

    public static IReadOnlyList<PaperPositionView> Positions(PaperAccountState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        return state.Engine.Account.Positions.Values.Where(p => p.Quantity != 0 || p.RealizedPnl != 0).OrderBy(p => p.Symbol, StringComparer.Ordinal)
            .Select(p => PaperPositionView.Of(p, state.Engine.Account.LastPrice(p.Symbol))).ToArray();
    }

    /// <summary>
    /// Runs one command under the account's lock: builds it from the caught-up state, executes it, appends its journal
    /// entry create-only and projects. Another writer's entry under the same number makes this attempt start again from
    /// the journal; any other failure drops the cached state, which the next use rebuilds from the journal.
    /// </summary>
    private async Task<TResult> ExecuteAsync<TResult>(string id, Func<PaperAccountState, Task<PaperCommand?>> command, Func<PaperAccountState, PaperJournalEntry?, TResult> result, CancellationToken cancellationToken)
    {
        var gate = Gate(id);
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            for (var attempt = 1; ; attempt++)
            {
                var state = await CurrentAsync(id, cancellationToken).ConfigureAwait(false);
                var next = await command(state).ConfigureAwait(false);
                if (next is null)
                {
                    return result(state, null);
                }

                PaperJournalEntry? entry;
                try
                {
                    entry = state.Execute(next);
                }
                catch (IllegalOrderTransitionException ex)
                {
                    _cache.TryRemove(id, out _);
                    throw new PaperTradingException(409, "order", ex.Message);
                }

                if (entry is null)
                {
                    return result(state, null);
                }

                var envelope = new RecordEnvelope<PaperJournalEntry>(JournalId(entry.Sequence), id, RecordKinds.PaperJournal, time.GetUtcNow(),
                    JsonSerializer.SerializeToElement(new { account = id, sequence = entry.Sequence }), PipelineVersion.Current, "committed", entry);
                RecordWriteResult<PaperJournalEntry> written;
                try
                {
                    written = await records.CreateAsync(envelope, cancellationToken).ConfigureAwait(false);
                }
                catch
                {
                    _cache.TryRemove(id, out _);
                    throw;
                }

                if (written.Outcome == WriteOutcome.AlreadyExisted)
                {
                    _cache.TryRemove(id, out _);
                    if (attempt == MaxAppendAttempts)
                    {
                        throw new PaperTradingException(409, "account", $"account '{id}' is being changed by another writer; try again");
                    }

                    continue;
                }

                Notify(state, entry);
                try
                {
                    await ProjectAsync(state, entry, cancellationToken).ConfigureAwait(false);
                }
                catch
                {
                    // The entry is committed; the projections are repaired by the next load from the journal.
                    _cache.TryRemove(id, out _);
                    throw;
                }

                return result(state, entry);
            }
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>The cached state caught up with the journal's tail, or the account rebuilt from its whole journal.</summary>
    private async Task<PaperAccountState> CurrentAsync(string id, CancellationToken cancellationToken)
    {
        if (!IsValidAccountId(id))
        {
            throw new PaperTradingException(400, "id", $"'{id}' is not an account id (1 to 40 lower-case letters, digits and '-')");
        }

        var cached = _cache.TryGetValue(id, out var state);
        RecordEnvelope<PaperAccountDocument>? account = null;
        if (!cached)
        {
            account = await records.GetAsync<PaperAccountDocument>(RecordKinds.PaperAccount, id, "account", cancellationToken).ConfigureAwait(false)
                ?? throw new PaperTradingException(404, "id", $"account '{id}' does not exist");
            state = new PaperAccountState(id, account.Payload.Settings, account.Payload.Opened);
        }

        string? continuation = null;
        do
        {
            var page = await records.QueryAsync<PaperJournalEntry>(RecordKinds.PaperJournal, id,
                new RecordQuery(RecordQuery.MaxPageSize, continuation, "journal|", JournalId(state!.Sequence + 1)), cancellationToken).ConfigureAwait(false);
            foreach (var entry in page.Records)
            {
                state.Replay(entry.Payload);
            }

            continuation = page.ContinuationToken;
        }
        while (continuation is not null);

        if (!cached && account!.Payload.Summary.JournalSequence < state.Sequence)
        {
            // A crash after a journal write left the projections behind: write them all again.
            await ProjectAllAsync(state, cancellationToken).ConfigureAwait(false);
        }

        _cache[id] = state;
        return state;
    }

    /// <summary>The committed entry's order events and fills, to the live stream.</summary>
    private void Notify(PaperAccountState state, PaperJournalEntry entry)
    {
        if (notifications is null)
        {
            return;
        }

        foreach (var change in entry.Events)
        {
            if (state.Engine.Find(change.OrderId) is { } order)
            {
                notifications.PaperOrderChanged(state.Id, order.Request.Symbol, change.OrderId, PaperOrderEventView.Of(change));
            }
        }

        foreach (var fill in entry.Fills)
        {
            notifications.PaperFilled(state.Id, PaperFillView.Of(fill));
        }
    }

    private async Task ProjectAsync(PaperAccountState state, PaperJournalEntry entry, CancellationToken cancellationToken)
    {
        var inputs = Inputs(state);
        var orders = entry.Events.Select(e => e.OrderId).Distinct(StringComparer.Ordinal).Select(id => OrderEnvelope(state, state.Engine.Find(id)!, inputs)).ToList();
        var positions = entry.Fills.Select(f => f.Symbol).Distinct(StringComparer.Ordinal).Select(symbol => PositionEnvelope(state, symbol, inputs)).ToList();
        await WriteProjectionsAsync(state, orders, positions, cancellationToken).ConfigureAwait(false);
    }

    private async Task ProjectAllAsync(PaperAccountState state, CancellationToken cancellationToken)
    {
        var inputs = Inputs(state);
        var orders = state.Engine.Orders.Select(order => OrderEnvelope(state, order, inputs)).ToList();
        var positions = state.Engine.Account.Positions.Keys.Select(symbol => PositionEnvelope(state, symbol, inputs)).ToList();
        await WriteProjectionsAsync(state, orders, positions, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Orders and positions in one batch each (one transaction on the embedded store), then the account and the directory.</summary>
    private async Task WriteProjectionsAsync(PaperAccountState state, List<RecordEnvelope<PaperOrderView>> orders, List<RecordEnvelope<PaperPositionView>> positions, CancellationToken cancellationToken)
    {
        await records.UpsertManyAsync(orders, cancellationToken).ConfigureAwait(false);
        await records.UpsertManyAsync(positions, cancellationToken).ConfigureAwait(false);
        await WriteAccountAsync(state, cancellationToken).ConfigureAwait(false);
        await WriteIndexAsync(state, cancellationToken).ConfigureAwait(false);
    }

    private RecordEnvelope<PaperOrderView> OrderEnvelope(PaperAccountState state, Order order, JsonElement inputs) =>
        new(OrderId(order.Id), state.Id, RecordKinds.PaperOrder, time.GetUtcNow(), inputs, PipelineVersion.Current, PaperNames.Of(order.Status), PaperOrderView.Of(order, false));

    private RecordEnvelope<PaperPositionView> PositionEnvelope(PaperAccountState state, string symbol, JsonElement inputs) =>
        new(PositionId(symbol), state.Id, RecordKinds.PaperPosition, time.GetUtcNow(), inputs, PipelineVersion.Current, "current",
            PaperPositionView.Of(state.Engine.Account.PositionOf(symbol), state.Engine.Account.LastPrice(symbol)));

    /// <summary>Rewrites the account record with its ETag, only ever forwards: a newer summary written meanwhile is kept.</summary>
    private async Task WriteAccountAsync(PaperAccountState state, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < MaxAppendAttempts; attempt++)
        {
            var current = await records.GetAsync<PaperAccountDocument>(RecordKinds.PaperAccount, state.Id, "account", cancellationToken).ConfigureAwait(false);
            if (current is not null && current.Payload.Summary.JournalSequence >= state.Sequence)
            {
                return;
            }

            try
            {
                await records.UpsertAsync(AccountEnvelope(state, current?.ETag), cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (ConcurrencyConflictException)
            {
                // Another writer projected meanwhile; read again and write only if this state is newer.
            }
        }
    }

    private async Task WriteIndexAsync(PaperAccountState state, CancellationToken cancellationToken)
    {
        var entry = new PaperAccountIndexEntry(state.Id, state.Settings.Name, state.Settings.Timeframe, state.WatchedSymbols(), state.Settings.Fills);
        if (_indexed.TryGetValue(state.Id, out var written) && written.Name == entry.Name && written.Timeframe == entry.Timeframe && written.Fills == entry.Fills
            && written.WatchedSymbols.SequenceEqual(entry.WatchedSymbols, StringComparer.Ordinal))
        {
            return;
        }

        await records.UpsertAsync(new RecordEnvelope<PaperAccountIndexEntry>(state.Id, IndexPartition, RecordKinds.PaperAccountIndex, time.GetUtcNow(),
            Inputs(state), PipelineVersion.Current, "current", entry), cancellationToken).ConfigureAwait(false);
        _indexed[state.Id] = entry;
    }

    private RecordEnvelope<PaperAccountDocument> AccountEnvelope(PaperAccountState state, string? etag) =>
        new("account", state.Id, RecordKinds.PaperAccount, new DateTimeOffset(state.Opened, TimeSpan.Zero), JsonSerializer.SerializeToElement(state.Settings),
            PipelineVersion.Current, "open", new PaperAccountDocument(state.Settings, state.Opened, Summary(state))) { ETag = etag };

    private static JsonElement Inputs(PaperAccountState state) => JsonSerializer.SerializeToElement(new { account = state.Id, sequence = state.Sequence });

    /// <summary>The last price: the account's last evaluated close, else the latest stored bar's close.</summary>
    private async Task<double> MarketAsync(PaperAccountState state, string symbol, CancellationToken cancellationToken)
    {
        if (state.Engine.Account.LastPrice(symbol) is { } last)
        {
            return last;
        }

        var latest = await BarHistory.ReadLastAsync(bars, new Symbol(symbol), state.Settings.BarTimeframe, 1, time.GetUtcNow().UtcDateTime, cancellationToken).ConfigureAwait(false);
        return latest.Count > 0
            ? latest[^1].Close
            : throw new PaperTradingException(400, "symbol", $"there is no {state.Settings.Timeframe} price for '{symbol}' yet; ingest it first");
    }

    /// <summary>
    /// Closed bars after the last one evaluated per watched symbol (the first time: from the oldest working order's bar),
    /// in time then symbol order; at most one page (<see cref="MaxBarsPerEntry"/>) per symbol, and Truncated when a symbol has more.
    /// </summary>
    private async Task<(List<PaperBar> Bars, bool Truncated)> NewBarsAsync(PaperAccountState state, IReadOnlyCollection<string> symbols, CancellationToken cancellationToken)
    {
        var timeframe = state.Settings.BarTimeframe;
        var now = time.GetUtcNow().UtcDateTime;
        var closedBefore = timeframe.BucketStart(now);
        var oldestWorking = new Dictionary<string, DateTime>(StringComparer.Ordinal);
        foreach (var order in state.Engine.Working)
        {
            var symbol = order.Request.Symbol;
            oldestWorking[symbol] = oldestWorking.TryGetValue(symbol, out var t) && t < order.Created ? t : order.Created;
        }

        var queries = new List<BarRangeQuery>();
        foreach (var symbol in symbols.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            DateTime from;
            if (state.LastBar(symbol) is { } last && (oldestWorking.ContainsKey(symbol) || state.Engine.Account.PositionOf(symbol).Quantity != 0))
            {
                from = last.AddTicks(1);
            }
            else if (oldestWorking.TryGetValue(symbol, out var oldest))
            {
                from = timeframe.BucketStart(oldest);
            }
            else
            {
                continue;
            }

            queries.Add(new BarRangeQuery(new Symbol(symbol), timeframe, from, closedBefore, MaxBarsPerEntry));
        }

        var pages = await bars.ReadManyAsync(queries, cancellationToken).ConfigureAwait(false);
        var result = new List<PaperBar>();
        var truncated = false;
        for (var i = 0; i < pages.Count; i++)
        {
            var symbol = queries[i].Symbol.Value;
            truncated |= pages[i].ContinuationToken is not null;
            foreach (var b in pages[i].Bars)
            {
                var close = b.OpenTime + timeframe.Duration;
                result.Add(new PaperBar(symbol, b, timeframe.Minutes >= Timeframe.OneDay.Minutes || close.TimeOfDay == TimeSpan.Zero));
            }
        }

        result.Sort((x, y) => x.Bar.OpenTime != y.Bar.OpenTime ? x.Bar.OpenTime.CompareTo(y.Bar.OpenTime) : string.CompareOrdinal(x.Symbol, y.Symbol));
        return (result, truncated);
    }

    private SemaphoreSlim Gate(string id) => _gates.GetOrAdd(id, _ => new SemaphoreSlim(1, 1));
}
