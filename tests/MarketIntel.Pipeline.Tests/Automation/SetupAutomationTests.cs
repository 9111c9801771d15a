using System.Text.Json;
using MarketIntel.Core.Backtesting;
using MarketIntel.Core.Market;
using MarketIntel.Core.Scanning;
using MarketIntel.Core.Storage;
using MarketIntel.Core.Trading;
using MarketIntel.Pipeline.Automation;
using MarketIntel.Pipeline.Brokerage;
using MarketIntel.Pipeline.ReadModels;
using MarketIntel.Pipeline.Trading;
using MarketIntel.Pipeline.Workflows;
using MarketIntel.Storage.Embedded;
using Microsoft.Extensions.Time.Testing;

namespace MarketIntel.Pipeline.Tests.Automation;

/// <summary>
/// Setups to orders: off by default; when a person switches it on, each new setup of the strategy's completed scans is
/// one bracket for the account (sized by its rule, through its risk checks, origin automation, cause the scan run and
/// setup), never twice; a daily cap; the kill switch stops it first; every decision recorded.
/// </summary>
public sealed class SetupAutomationTests : IDisposable
{
    private static readonly DateTime Start = new(2026, 3, 2, 14, 30, 0, DateTimeKind.Utc);
    private readonly string _data = Directory.CreateTempSubdirectory("marketintel-automation-").FullName;
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(Start, TimeSpan.Zero));
    private readonly EmbeddedRecordStore _records;
    private readonly EmbeddedBarStore _bars;
    private readonly PaperTrading _paper;
    private readonly SetupAutomation _automation;

    public SetupAutomationTests()
    {
        var database = new EmbeddedDatabase(_data);
        _records = new EmbeddedRecordStore(database, _time);
        _bars = new EmbeddedBarStore(database, _time);
        _paper = new PaperTrading(_records, _bars, _time);
        _automation = new SetupAutomation(_records, _paper, new BrokerExecution(_records, BrokerConnections.None, _time), BrokerConnections.None, _time);
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_data, recursive: true);
    }

    private async Task OpenAsync(RiskLimits? limits = null)
    {
        await _paper.OpenAsync("acct", new PaperAccountSettings { Name = "Auto", StartingCash = 100_000, Limits = limits ?? new RiskLimits() });
        foreach (var symbol in new[] { "SPY", "QQQ", "IWM", "DIA" })
        {
            await _bars.UpsertAsync(new Symbol(symbol), Timeframe.OneMinute, [new Bar(Start.AddMinutes(-2), 100, 101, 99, 100, 1000)], new BarProvenance("test", "1"));
        }
    }

    private static TradeSetup Setup(string symbol, DateTime time, double score = 50) =>
        new("breakout", symbol, time, 1, TradeSide.Long, 100, 95, 110, 5, score, [], new SetupOutcome(0, 0, 0, 0, 0, OutcomeExit.Open, 0, 0, 0), false);

    private static ScanRunDocument Run(string id, DateTime created, params TradeSetup[] setups) =>
        new(id, "breakout", RunStatus.Completed, created, created, "1m", setups.Select(s => s.Symbol).ToList(), [], 0, setups.Length, setups, null,
            JsonSerializer.SerializeToElement(new { name = "breakout" }));

    private Task<AutomationRule> SwitchOnAsync(int cap = 5) => _automation.SetAsync("acct", "breakout", new AutomationSwitch(true, cap));

    [Fact]
    public async Task WithoutASwitch_NothingIsTraded()
    {
        await OpenAsync();

        Assert.Empty(await _automation.RunAsync(Run("r1", Start, Setup("SPY", Start))));
        Assert.Empty((await _paper.LoadAsync("acct")).Engine.Orders);
        Assert.Empty(await _automation.RulesAsync());
    }

    [Fact]
    public async Task NewSetups_BecomeOneBracketEach_WithOriginAndCause_OnlySetupsSinceTheSwitch_AndNeverTwice()
    {
        await OpenAsync();
        var old = Setup("QQQ", Start.AddMinutes(-5));
        _time.Advance(TimeSpan.FromMinutes(1));
        await SwitchOnAsync();
        var fresh = Setup("SPY", Start.AddMinutes(2));
        _time.Advance(TimeSpan.FromMinutes(2));
        var run = Run("r1", Start.AddMinutes(3), old, fresh);

        var decisions = await _automation.RunAsync(run);

        var decision = Assert.Single(decisions);
        Assert.Equal(("submitted", "SPY", "r1"), (decision.Action, decision.Symbol, decision.ScanRunId));
        var order = Assert.Single((await _paper.LoadAsync("acct")).Engine.Orders);
        Assert.Equal(decision.ClientOrderId, order.Id);
        Assert.Equal(OrderOrigin.Automation, order.Request.Origin);
        Assert.Equal("scan r1 (breakout): SPY long setup at 2026-03-02T14:32:00Z", order.Request.Cause);

        // Fixed-fractional sizing (1% of 100,000 at risk over |100 − 95|): 200 shares, a limit buy at the entry, the bracket's legs waiting.
        Assert.Equal((OrderSide.Buy, OrderType.Limit, 200.0, 100.0), (order.Request.Side, order.Request.Type, order.Request.Quantity, order.Request.LimitPrice!.Value));

        // The same run again (a retried activity) and the next run still listing the setup: no second order, no second decision.
        Assert.Empty(await _automation.RunAsync(run));
        Assert.Empty(await _automation.RunAsync(Run("r2", Start.AddMinutes(4), fresh)));
        Assert.Single((await _paper.LoadAsync("acct")).Engine.Orders);
        Assert.Single(await _automation.DecisionsAsync("acct", DateOnly.FromDateTime(Start)));
    }

    [Fact]
    public async Task TheDailyCap_StopsOrdersForTheRestOfTheUtcDay_InScoreOrder()
    {
        await OpenAsync();
        await SwitchOnAsync(cap: 2);
        var t = Start.AddMinutes(1);
        _time.Advance(TimeSpan.FromMinutes(2));

        var decisions = await _automation.RunAsync(Run("r1", t, Setup("SPY", t, 10), Setup("QQQ", t, 90), Setup("IWM", t, 50)));

        Assert.Equal([("QQQ", "submitted", null), ("IWM", "submitted", null), ("SPY", "skipped", "daily_cap")], decisions.Select(d => (d.Symbol, d.Action, d.Reason)));
        Assert.Equal(2, (await _paper.LoadAsync("acct")).Engine.Orders.Count(o => o.Request.Origin == OrderOrigin.Automation && !o.Id.Contains(':', StringComparison.Ordinal)));

        // The cap counts the day's orders across runs.
        var later = Assert.Single(await _automation.RunAsync(Run("r2", t.AddMinutes(1), Setup("DIA", t.AddMinutes(1)))));
        Assert.Equal(("skipped", "daily_cap"), (later.Action, later.Reason));
    }

    [Fact]
    public async Task AnOrderTheRiskChecksRefuse_IsRecordedWithTheRulesCode_AndCountsNotAgainstTheCap()
    {
        await OpenAsync();
        await SwitchOnAsync(cap: 1);
        _time.Advance(TimeSpan.FromMinutes(2));
        var t = Start.AddMinutes(1);

        // A short setup on an account that may not sell short (the default), then a long one.
        var shortSetup = Setup("SPY", t, 90) with { Side = TradeSide.Short, Stop = 105, Target = 90 };
        var decisions = await _automation.RunAsync(Run("r1", t, shortSetup, Setup("QQQ", t, 10)));

        Assert.Equal([("SPY", "rejected", "no_short"), ("QQQ", "submitted", null)], decisions.Select(d => (d.Symbol, d.Action, d.Reason)));
        var rejected = (await _paper.LoadAsync("acct")).Engine.Find(decisions[0].ClientOrderId!)!;
        Assert.Equal((OrderStatus.Rejected, OrderOrigin.Automation), (rejected.Status, rejected.Request.Origin));
    }

    [Fact]
    public async Task TheKillSwitch_StopsAutomationFirst_AndAnEngagedSwitchBlocksEveryRule()
    {
        await OpenAsync();
        await SwitchOnAsync();

        Assert.Equal(1, await _automation.StopAccountAsync("acct", "kill_switch"));
        var rule = Assert.Single(await _automation.RulesAsync());
        Assert.Equal((false, "kill_switch"), (rule.Enabled, rule.StoppedBy));
        _time.Advance(TimeSpan.FromMinutes(2));
        Assert.Empty(await _automation.RunAsync(Run("r1", Start.AddMinutes(1), Setup("SPY", Start.AddMinutes(1)))));

        // Switched on again while the account's kill switch is engaged: every setup is skipped, naming it.
        await _paper.KillAsync("acct", KillSwitchLevel.BlockEntries);
        await SwitchOnAsync();
        _time.Advance(TimeSpan.FromMinutes(1));
        var skipped = Assert.Single(await _automation.RunAsync(Run("r2", Start.AddMinutes(4), Setup("QQQ", Start.AddMinutes(4)))));
        Assert.Equal(("skipped", "kill_switch"), (skipped.Action, skipped.Reason));
        Assert.Empty((await _paper.LoadAsync("acct")).Engine.Orders);
    }

    [Fact]
    public async Task BadSwitches_AreRefusedNamingTheField()
    {
        await OpenAsync();

        async Task<(int, string)> Problem(string account, string strategy, AutomationSwitch body)
        {
            var e = await Assert.ThrowsAsync<PaperTradingException>(() => _automation.SetAsync(account, strategy, body));
            return (e.Status, e.Field);
        }

        Assert.Equal((400, "enabled"), await Problem("acct", "breakout", new AutomationSwitch(null)));
        Assert.Equal((400, "dailyCap"), await Problem("acct", "breakout", new AutomationSwitch(true, 0)));
        Assert.Equal((400, "dailyCap"), await Problem("acct", "breakout", new AutomationSwitch(true, SetupAutomation.MaxDailyCap + 1)));
        Assert.Equal((400, "connection"), await Problem("acct", "breakout", new AutomationSwitch(true, 1, "alpaca-live")));
        Assert.Equal((400, "strategy"), await Problem("acct", "bad name", new AutomationSwitch(true)));
        Assert.Equal((400, "account"), await Problem("Bad", "breakout", new AutomationSwitch(true)));
        Assert.Equal((404, "id"), await Problem("ghost", "breakout", new AutomationSwitch(true)));
        Assert.Empty(await _automation.RulesAsync());
    }

    [Fact]
    public async Task TwoInstancesActingAtOnce_CannotBothTakeTheLastPlacesUnderTheCap()
    {
        await OpenAsync();
        await SwitchOnAsync(cap: 2);
        var t = Start.AddMinutes(1);
        _time.Advance(TimeSpan.FromMinutes(2));
        var first = await _automation.RunAsync(Run("r1", t, Setup("SPY", t, 90), Setup("QQQ", t, 80)));
        Assert.All(first, d => Assert.Equal("submitted", d.Action));

        // A second instance, acting on another run of the strategy, read the day's decisions before the first wrote them.
        var stale = new DecisionsNotYetVisible(_records);
        var other = new SetupAutomation(stale, new PaperTrading(stale, _bars, _time), new BrokerExecution(stale, BrokerConnections.None, _time), BrokerConnections.None, _time);
        var later = t.AddMinutes(1);
        var second = await other.RunAsync(Run("r2", later, Setup("IWM", later, 70), Setup("DIA", later, 60)));

        Assert.Equal([("IWM", "skipped", "daily_cap"), ("DIA", "skipped", "daily_cap")], second.Select(d => (d.Symbol, d.Action, d.Reason)));
        Assert.Equal(2, (await _paper.LoadAsync("acct")).Engine.Orders.Count(o => o.Request.Origin == OrderOrigin.Automation && !o.Id.Contains(':', StringComparison.Ordinal)));
    }

    /// <summary>The store as an instance sees it whose read of the day's automation decisions came before another's writes.</summary>
    private sealed class DecisionsNotYetVisible(IRecordStore inner) : IRecordStore
    {
        public Task<RecordWriteResult<T>> CreateAsync<T>(RecordEnvelope<T> record, CancellationToken cancellationToken = default) => inner.CreateAsync(record, cancellationToken);

        public Task<RecordEnvelope<T>> UpsertAsync<T>(RecordEnvelope<T> record, CancellationToken cancellationToken = default) => inner.UpsertAsync(record, cancellationToken);

        public Task<RecordEnvelope<T>?> GetAsync<T>(RecordKind kind, string partitionKey, string id, CancellationToken cancellationToken = default) =>
            inner.GetAsync<T>(kind, partitionKey, id, cancellationToken);

        public Task<RecordPage<T>> QueryAsync<T>(RecordKind kind, string partitionKey, RecordQuery query, CancellationToken cancellationToken = default) =>
            kind == RecordKinds.AutomationDecision ? Task.FromResult(new RecordPage<T>([], null)) : inner.QueryAsync<T>(kind, partitionKey, query, cancellationToken);

        public Task<bool> DeleteAsync(RecordKind kind, string partitionKey, string id, string? ifMatchETag = null, CancellationToken cancellationToken = default) =>
            inner.DeleteAsync(kind, partitionKey, id, ifMatchETag, cancellationToken);
    }
}
