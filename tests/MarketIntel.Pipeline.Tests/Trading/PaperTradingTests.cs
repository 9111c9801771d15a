using System.Text.Json;
using MarketIntel.Core.Backtesting;
using MarketIntel.Core.Market;
using MarketIntel.Core.Scanning;
using MarketIntel.Core.Storage;
using MarketIntel.Core.Trading;
using MarketIntel.Pipeline.ReadModels;
using MarketIntel.Pipeline.Trading;
using MarketIntel.Pipeline.Workflows;
using MarketIntel.Storage.Embedded;
using Microsoft.Extensions.Time.Testing;

namespace MarketIntel.Pipeline.Tests.Trading;

/// <summary>
/// The paper-trading use cases on embedded storage: the journal is the truth (a fresh instance rebuilds exactly what the
/// live one holds), evaluation is idempotent per (account, bar), a crash between the journal write and the projections
/// loses nothing and counts nothing twice, and two instances on one store never both append the same entry.
/// </summary>
public sealed class PaperTradingTests : IDisposable
{
    private static readonly DateTime Start = new(2026, 3, 2, 14, 30, 0, DateTimeKind.Utc);
    private readonly string _data = Directory.CreateTempSubdirectory("marketintel-paper-").FullName;
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(Start, TimeSpan.Zero));
    private readonly EmbeddedDatabase _database;
    private readonly FaultingRecordStore _records;
    private readonly EmbeddedBarStore _bars;

    public PaperTradingTests()
    {
        _database = new EmbeddedDatabase(_data);
        _records = new FaultingRecordStore(new EmbeddedRecordStore(_database, _time));
        _bars = new EmbeddedBarStore(_database, _time);
    }

    public void Dispose() => Directory.Delete(_data, recursive: true);

    private PaperTrading NewInstance() => new(_records, _bars, _time);

    private static PaperAccountSettings Settings(RiskLimits? limits = null) => new() { Name = "Test", StartingCash = 10_000, CommissionPerFill = 1, Limits = limits ?? new RiskLimits() };

    /// <summary>Stores minute bars for SPY from <paramref name="from"/> (closes given; open = previous close, high/low ±0.5) and moves the clock past them.</summary>
    private async Task<List<Bar>> StoreBarsAsync(DateTime from, params double[] closes)
    {
        var bars = new List<Bar>();
        var open = closes[0];
        for (var i = 0; i < closes.Length; i++)
        {
            var c = closes[i];
            bars.Add(new Bar(from.AddMinutes(i), open, Math.Max(open, c) + 0.5, Math.Min(open, c) - 0.5, c, 1000));
            open = c;
        }

        await _bars.UpsertAsync(new Symbol("SPY"), Timeframe.OneMinute, bars, new BarProvenance("test", "1"));
        var after = from.AddMinutes(closes.Length + 1);
        if (_time.GetUtcNow().UtcDateTime < after)
        {
            _time.SetUtcNow(new DateTimeOffset(after, TimeSpan.Zero));
        }

        return bars;
    }

    private static PaperOrderBody Limit(string id, string side, double quantity, double limit) => new(id, "SPY", side, "limit", quantity, limit, null, "gtc");

    [Fact]
    public async Task Open_IsIdempotentForTheSameSettings_AndA409ForOthers_And400NamesTheField()
    {
        var trading = NewInstance();
        var (first, created) = await trading.OpenAsync("acct-1", Settings());
        var (again, createdAgain) = await trading.OpenAsync("acct-1", Settings());
        Assert.True(created);
        Assert.False(createdAgain);
        Assert.Equal(first.Id, again.Id);

        var conflict = await Assert.ThrowsAsync<PaperTradingException>(() => trading.OpenAsync("acct-1", Settings() with { StartingCash = 5 }));
        Assert.Equal(409, conflict.Status);
        var bad = await Assert.ThrowsAsync<PaperTradingException>(() => trading.OpenAsync("acct-2", Settings() with { Limits = new RiskLimits { MaxDrawdown = 2 } }));
        Assert.Equal((400, "limits.maxDrawdown"), (bad.Status, bad.Field));
        var badId = await Assert.ThrowsAsync<PaperTradingException>(() => trading.OpenAsync("Bad Id", Settings()));
        Assert.Equal((400, "id"), (badId.Status, badId.Field));
        Assert.Equal(["acct-1"], (await trading.ListAsync()).Select(a => a.Id));
    }

    [Fact]
    public async Task ALimitBuy_FillsOnTheFirstBarThatReachesIt_OnceOnly_AndCashIsTheLedger()
    {
        await StoreBarsAsync(Start.AddMinutes(-5), 100, 100, 100, 100, 100);
        var trading = NewInstance();
        await trading.OpenAsync("acct", Settings());
        var (order, duplicate, decision) = await trading.SubmitAsync("acct", Limit("b1", "buy", 10, 98));
        Assert.False(duplicate);
        Assert.True(decision!.Accepted);
        Assert.Equal("accepted", order.Status);

        // 99.0 (low 98.5), then 97.5 (open 99, low 97): the limit fills at 98 on the second bar.
        await StoreBarsAsync(Start, 99, 97.5, 99);
        Assert.Equal(1, await trading.EvaluateAsync("acct", ["SPY"]));
        Assert.Equal(0, await trading.EvaluateAsync("acct", ["SPY"]));
        Assert.Equal(0, await NewInstance().EvaluateIngestedAsync("1m", ["SPY"]));

        var state = await trading.LoadAsync("acct");
        var fill = Assert.Single(state.Engine.Fills);
        Assert.Equal((Start.AddMinutes(1), 10.0, 98.0, 1.0), (fill.Time, fill.Quantity, fill.Price, fill.Commission));
        Assert.Equal(10_000 - 980 - 1, state.Engine.Account.Cash, 9);
        Assert.Equal(state.Engine.Account.Cash, PaperTrading.Ledger(state)[^1].Balance, 9);
        Assert.Equal(10 * 99 + state.Engine.Account.Cash, PaperTrading.Summary(state).Equity, 9);

        // The position record and the order record were projected.
        var position = await _records.GetAsync<PaperPositionView>(RecordKinds.PaperPosition, "acct", PaperTrading.PositionId("SPY"));
        Assert.Equal(10, position!.Payload.Quantity);
        var stored = await _records.GetAsync<PaperOrderView>(RecordKinds.PaperOrder, "acct", PaperTrading.OrderId("b1"));
        Assert.Equal("filled", stored!.Payload.Status);
    }

    [Fact]
    public async Task AnOrderPlacedAfterABarOpened_DoesNotTradeOnThatBar()
    {
        await StoreBarsAsync(Start.AddMinutes(-3), 100, 100);
        var trading = NewInstance();
        await trading.OpenAsync("acct", Settings());
        _time.SetUtcNow(new DateTimeOffset(Start.AddSeconds(30), TimeSpan.Zero));
        await trading.SubmitAsync("acct", new PaperOrderBody("m1", "SPY", "buy", "market", 1));

        // The bar that opened at Start (before the order) is skipped; the market order fills at the next bar's open.
        await StoreBarsAsync(Start, 101, 102);
        await trading.EvaluateAsync("acct", ["SPY"]);
        var fill = Assert.Single((await trading.LoadAsync("acct")).Engine.Fills);
        Assert.Equal((Start.AddMinutes(1), 101.0), (fill.Time, fill.Price));
    }

    [Fact]
    public async Task ARepeatedClientOrderId_IsOneOrder_AndOneJournalEntry()
    {
        await StoreBarsAsync(Start.AddMinutes(-1), 100);
        var trading = NewInstance();
        await trading.OpenAsync("acct", Settings());
        await trading.SubmitAsync("acct", Limit("same", "buy", 1, 90));
        var creates = _records.JournalCreates;
        var (order, duplicate, decision) = await NewInstance().SubmitAsync("acct", Limit("same", "buy", 5, 95));
        Assert.True(duplicate);
        Assert.Null(decision);
        Assert.Equal(1, order.Quantity);
        Assert.Equal(creates, _records.JournalCreates);
        Assert.Single((await trading.LoadAsync("acct")).Engine.Orders);
    }

    [Fact]
    public async Task AFreshInstance_RebuildsFromTheJournal_ExactlyWhatTheLiveOneHolds()
    {
        await StoreBarsAsync(Start.AddMinutes(-1), 100);
        var live = NewInstance();
        await live.OpenAsync("acct", Settings(new RiskLimits { MaxPosition = 50 }));
        await live.SubmitAsync("acct", Limit("b1", "buy", 10, 99));
        await live.SubmitAsync("acct", new PaperOrderBody("br", "SPY", "buy", "limit", 5, 100, null, "gtc", 97, 103));
        await live.SubmitAsync("acct", Limit("big", "buy", 100, 90));
        await StoreBarsAsync(Start, 99, 98, 101, 104, 102);
        await live.EvaluateAsync("acct", ["SPY"]);
        await live.SubmitAsync("acct", Limit("s1", "sell", 4, 103.5));
        await live.CancelAsync("acct", "s1");
        await live.KillAsync("acct", KillSwitchLevel.BlockEntries);

        var a = await live.LoadAsync("acct");
        var b = await NewInstance().LoadAsync("acct");
        Assert.Equal(Json(PaperTrading.Summary(a)), Json(PaperTrading.Summary(b)));
        Assert.Equal(Json(a.Engine.Orders.Select(o => PaperOrderView.Of(o, true))), Json(b.Engine.Orders.Select(o => PaperOrderView.Of(o, true))));
        Assert.Equal(a.Engine.Fills, b.Engine.Fills);
        Assert.Equal(Json(a.EquityCurve), Json(b.EquityCurve));
        Assert.Equal(Json(a.Engine.Decisions), Json(b.Engine.Decisions));

        // What happened, so that the comparison above compares something: the rejection, the bracket's legs, the fills.
        Assert.Equal("rejected", PaperOrderView.Of(a.Engine.Find("big")!, false).Status);
        Assert.Equal(RiskRules.MaxPosition, a.Engine.Find("big")!.Reason);
        Assert.Equal("filled", PaperOrderView.Of(a.Engine.Find("br:target")!, false).Status);
        Assert.Equal("canceled", PaperOrderView.Of(a.Engine.Find("br:stop")!, false).Status);
        Assert.Equal(3, a.Engine.Fills.Count);
        Assert.Equal("reducing", PaperTrading.Summary(a).TradingState);
    }

    [Fact]
    public async Task ACrashAfterTheJournalWrite_LosesNothing_CountsNothingTwice_AndTheNextLoadRepairsTheRecords()
    {
        await StoreBarsAsync(Start.AddMinutes(-1), 100);
        var first = NewInstance();
        await first.OpenAsync("acct", Settings());
        await first.SubmitAsync("acct", Limit("b1", "buy", 10, 99));
        await StoreBarsAsync(Start, 98.5, 99);

        // The process dies after the fill's journal entry, before any projection is written.
        _records.FailWrite = (kind, _) => kind == RecordKinds.PaperOrder;
        await Assert.ThrowsAsync<IOException>(() => first.EvaluateAsync("acct", ["SPY"]));
        _records.FailWrite = static (_, _) => false;
        var stale = await _records.GetAsync<PaperOrderView>(RecordKinds.PaperOrder, "acct", PaperTrading.OrderId("b1"));
        Assert.Equal("accepted", stale!.Payload.Status);

        // A restarted instance, and a retried evaluation: one fill, cash debited once, records current again.
        var restarted = NewInstance();
        Assert.Equal(0, await restarted.EvaluateAsync("acct", ["SPY"]));
        var state = await restarted.LoadAsync("acct");
        Assert.Single(state.Engine.Fills);
        Assert.Equal(10_000 - 985 - 1, state.Engine.Account.Cash, 9);
        var repaired = await _records.GetAsync<PaperOrderView>(RecordKinds.PaperOrder, "acct", PaperTrading.OrderId("b1"));
        Assert.Equal("filled", repaired!.Payload.Status);
        var account = await _records.GetAsync<PaperAccountDocument>(RecordKinds.PaperAccount, "acct", "account");
        Assert.Equal(state.Sequence, account!.Payload.Summary.JournalSequence);
        Assert.Equal(10, (await _records.GetAsync<PaperPositionView>(RecordKinds.PaperPosition, "acct", PaperTrading.PositionId("SPY")))!.Payload.Quantity);
    }

    [Fact]
    public async Task ACrashBeforeTheJournalWrite_LeavesNoTrace_AndTheRetryDoesIt()
    {
        await StoreBarsAsync(Start.AddMinutes(-1), 100);
        var first = NewInstance();
        await first.OpenAsync("acct", Settings());
        _records.FailWrite = (kind, _) => kind == RecordKinds.PaperJournal;
        await Assert.ThrowsAsync<IOException>(() => first.SubmitAsync("acct", Limit("b1", "buy", 10, 99)));
        _records.FailWrite = static (_, _) => false;
        Assert.Empty((await NewInstance().LoadAsync("acct")).Engine.Orders);

        var (order, duplicate, _) = await first.SubmitAsync("acct", Limit("b1", "buy", 10, 99));
        Assert.False(duplicate);
        Assert.Equal("accepted", order.Status);
        Assert.Equal(1, (await NewInstance().LoadAsync("acct")).Sequence);
    }

    [Fact]
    public async Task TwoInstancesOnOneStore_AppendInTurn_AndEachSeesTheOthersOrders()
    {
        await StoreBarsAsync(Start.AddMinutes(-1), 100);
        var a = NewInstance();
        var b = NewInstance();
        await a.OpenAsync("acct", Settings());
        for (var i = 0; i < 6; i++)
        {
            await (i % 2 == 0 ? a : b).SubmitAsync("acct", Limit($"o{i}", "buy", 1, 90 + i));
        }

        // Both instances write concurrently: sequence numbers make one of each pair wait and retry on the other's entry.
        await Task.WhenAll(a.SubmitAsync("acct", Limit("x", "buy", 1, 80)), b.SubmitAsync("acct", Limit("y", "buy", 1, 81)));
        var seenByA = await a.LoadAsync("acct");
        var seenByB = await b.LoadAsync("acct");
        Assert.Equal(8, seenByA.Engine.Orders.Count);
        Assert.Equal(8, seenByA.Sequence);
        Assert.Equal(seenByA.Engine.Orders.Select(o => o.Id), seenByB.Engine.Orders.Select(o => o.Id));
    }

    [Fact]
    public async Task ADailyLossBreaker_HaltsTheAccount_RejectsNewOrders_UntilAPersonResetsIt()
    {
        await StoreBarsAsync(Start.AddMinutes(-1), 100);
        var trading = NewInstance();
        await trading.OpenAsync("acct", Settings(new RiskLimits { DailyLossLimit = 200 }));
        await trading.SubmitAsync("acct", new PaperOrderBody("b1", "SPY", "buy", "market", 50));
        await StoreBarsAsync(Start, 100, 97, 95);
        await trading.EvaluateAsync("acct", ["SPY"]);

        var summary = PaperTrading.Summary(await trading.LoadAsync("acct"));
        Assert.Equal(("halted", "daily_loss"), (summary.TradingState, summary.Breaker));
        var (rejected, _, decision) = await trading.SubmitAsync("acct", new PaperOrderBody("b2", "SPY", "buy", "market", 1));
        Assert.Equal(("rejected", RiskRules.TradingHalted), (rejected.Status, rejected.Reason));
        Assert.False(decision!.Accepted);

        var reset = await trading.ResetAsync("acct");
        Assert.Equal(("active", null), (reset.TradingState, reset.Breaker));
        Assert.Equal("accepted", (await trading.SubmitAsync("acct", new PaperOrderBody("b3", "SPY", "sell", "market", 50))).Order.Status);
    }

    [Fact]
    public async Task TheKillSwitch_CancelsWorkingOrders_AndFlattensWithMarketOrders()
    {
        await StoreBarsAsync(Start.AddMinutes(-1), 100);
        var trading = NewInstance();
        await trading.OpenAsync("acct", Settings());
        await trading.SubmitAsync("acct", new PaperOrderBody("b1", "SPY", "buy", "market", 20));
        await trading.SubmitAsync("acct", Limit("b2", "buy", 5, 50));
        await StoreBarsAsync(Start, 100, 101);
        await trading.EvaluateAsync("acct", ["SPY"]);

        var flatten = await trading.KillAsync("acct", KillSwitchLevel.FlattenAll);
        var order = Assert.Single(flatten);
        Assert.Equal(("sell", "market", 20.0, "kill_switch"), (order.Side, order.Type, order.Quantity, order.Origin));
        var state = await trading.LoadAsync("acct");
        Assert.Equal(("canceled", "kill_switch"), (PaperOrderView.Of(state.Engine.Find("b2")!, false).Status, state.Engine.Find("b2")!.Reason));

        // The flattening order was placed at the clock's time (after the last bar): it fills on the next bar.
        await StoreBarsAsync(Start.AddMinutes(3), 102);
        await trading.EvaluateAsync("acct", ["SPY"]);
        state = await trading.LoadAsync("acct");
        Assert.Equal(0, state.Engine.Account.PositionOf("SPY").Quantity);
        Assert.Equal("halted", PaperTrading.Summary(state).TradingState);
    }

    [Fact]
    public async Task BadOrders_Are400sNamingTheField_AndCancelsOfFinishedOrders409s()
    {
        await StoreBarsAsync(Start.AddMinutes(-1), 100);
        var trading = NewInstance();
        await trading.OpenAsync("acct", Settings());
        async Task<(int, string)> Problem(PaperOrderBody body)
        {
            var ex = await Assert.ThrowsAsync<PaperTradingException>(() => trading.SubmitAsync("acct", body));
            return (ex.Status, ex.Field);
        }

        Assert.Equal((400, "side"), await Problem(new PaperOrderBody("x", "SPY", "hold", "market", 1)));
        Assert.Equal((400, "type"), await Problem(new PaperOrderBody("x", "SPY", "buy", "Market", 1)));
        Assert.Equal((400, "quantity"), await Problem(new PaperOrderBody("x", "SPY", "buy", "market", -1)));
        Assert.Equal((400, "clientOrderId"), await Problem(new PaperOrderBody("has space", "SPY", "buy", "market", 1)));
        Assert.Equal((400, "takeProfit"), await Problem(new PaperOrderBody("x", "SPY", "buy", "limit", 1, 99, null, "day", 95)));
        Assert.Equal((400, "symbol"), await Problem(new PaperOrderBody("x", "NOPRICE", "buy", "market", 1)));
        Assert.Equal((400, "timeInForce"), await Problem(new PaperOrderBody("x", "SPY", "buy", "market", 1, null, null, "fok")));

        // Prices are checked against the type: needed ones present and positive, inapplicable ones refused.
        Assert.Equal((400, "limitPrice"), await Problem(new PaperOrderBody("x", "SPY", "buy", "limit", 1)));
        Assert.Equal((400, "stopPrice"), await Problem(new PaperOrderBody("x", "SPY", "buy", "stop_limit", 1, 99)));
        Assert.Equal((400, "limitPrice"), await Problem(new PaperOrderBody("x", "SPY", "buy", "market", 1, 99)));
        Assert.Equal((400, "stopPrice"), await Problem(new PaperOrderBody("x", "SPY", "buy", "stop", 1, null, double.NaN)));
        Assert.Empty((await trading.LoadAsync("acct")).Engine.Orders);

        var (working, _, _) = await trading.SubmitAsync("acct", new PaperOrderBody("nolimit", "SPY", "buy", "limit", 1, 99));
        Assert.Equal("accepted", working.Status);
        await trading.CancelAsync("acct", "nolimit");

        var unknown = await Assert.ThrowsAsync<PaperTradingException>(() => trading.CancelAsync("acct", "nope"));
        Assert.Equal(404, unknown.Status);
        var finished = await Assert.ThrowsAsync<PaperTradingException>(() => trading.CancelAsync("acct", "nolimit"));
        Assert.Equal(409, finished.Status);
        var noAccount = await Assert.ThrowsAsync<PaperTradingException>(() => trading.LoadAsync("ghost"));
        Assert.Equal(404, noAccount.Status);
    }

    [Fact]
    public async Task TradingAStoredSetup_PlacesABracketSizedByTheAccountsRule_OnceOnly_AndTheTargetCancelsTheStop()
    {
        await StoreBarsAsync(Start.AddMinutes(-2), 102, 101);
        var setup = new TradeSetup("breakout", "SPY", Start.AddMinutes(-1), 1, TradeSide.Long, 100, 95, 110, 5, 1, [],
            new SetupOutcome(0, 0, 0, 0, 0, OutcomeExit.Open, 0, 0, 0), false);
        var run = new ScanRunDocument("scan-1", "breakout", RunStatus.Completed, Start.AddMinutes(-1), Start.AddMinutes(-1), "1m", ["SPY"], [], 0, 1, [setup], null,
            JsonSerializer.SerializeToElement(new { name = "breakout" }));
        await new ScanRunStore(_records).SaveRunAsync(run, JsonSerializer.SerializeToElement(new { test = true }));
        var trading = NewInstance();
        await trading.OpenAsync("acct", Settings());

        // Fixed-fractional sizing (the default, 1% of 10,000 equity at risk): 100 / |100 - 95| = 20 shares.
        var (entry, duplicate, decision) = await trading.TradeSetupAsync("acct", "scan-1", "SPY", null);
        Assert.False(duplicate);
        Assert.True(decision!.Accepted);
        Assert.Equal(("buy", "limit", 20.0, 100.0, "day"), (entry.Side, entry.Type, entry.Quantity, entry.LimitPrice!.Value, entry.TimeInForce));
        Assert.True((await trading.TradeSetupAsync("acct", "scan-1", "SPY", null)).Duplicate);
        Assert.True((await trading.TradeSetupAsync("acct", null, "SPY", null)).Duplicate);

        Assert.Equal((404, "scan"), await ProblemAsync(() => trading.TradeSetupAsync("acct", "scan-2", "SPY", null)));
        Assert.Equal((404, "symbol"), await ProblemAsync(() => trading.TradeSetupAsync("acct", "scan-1", "QQQ", null)));

        // The entry was placed after the first of these bars opened, so it fills at the second bar's open (100); the legs
        // work from the bar after that, and the target at 110 fills on the bar that reaches it, which cancels the stop.
        await StoreBarsAsync(Start, 100, 104, 110.2);
        await trading.EvaluateAsync("acct", ["SPY"]);
        var state = await trading.LoadAsync("acct");
        Assert.Equal([(entry.ClientOrderId, 100.0), (entry.ClientOrderId + ":target", 110.0)], state.Engine.Fills.Select(f => (f.OrderId, f.Price)).ToArray());
        Assert.Equal((OrderStatus.Canceled, "oco"), (state.Engine.Find(entry.ClientOrderId + ":stop")!.Status, state.Engine.Find(entry.ClientOrderId + ":stop")!.Reason));
        Assert.Equal(0, state.Engine.Account.PositionOf("SPY").Quantity);
        Assert.Equal(10_000 + (20 * 10) - 2, state.Engine.Account.Cash, 9);
    }

    private static async Task<(int, string)> ProblemAsync(Func<Task> call)
    {
        var ex = await Assert.ThrowsAsync<PaperTradingException>(call);
        return (ex.Status, ex.Field);
    }

    private static string Json(object value) => JsonSerializer.Serialize(value);
}
