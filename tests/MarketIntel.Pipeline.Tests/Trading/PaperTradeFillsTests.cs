using MarketIntel.Core.Market;
using MarketIntel.Core.Storage;
using MarketIntel.Ingestion.Streaming;
using MarketIntel.Pipeline.Trading;
using MarketIntel.Storage.Embedded;
using Microsoft.Extensions.Time.Testing;

namespace MarketIntel.Pipeline.Tests.Trading;

/// <summary>
/// Accounts filled from live trades: the tick path (<see cref="TickBatchProcessor"/>) hands each batch's trades to paper
/// trading after storing their bars; each trade fills by the bar rules as a bar of one price. Expected figures are worked
/// out by hand from those rules.
/// </summary>
public sealed class PaperTradeFillsTests : IDisposable
{
    private static readonly DateTime Start = new(2026, 3, 2, 14, 30, 0, DateTimeKind.Utc);
    private readonly string _data = Directory.CreateTempSubdirectory("marketintel-paper-trades-").FullName;
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(Start, TimeSpan.Zero));
    private readonly EmbeddedRecordStore _records;
    private readonly EmbeddedBarStore _bars;
    private readonly PaperTrading _paper;
    private readonly TickBatchProcessor _ticks;
    private long _nextTradeId = 1000;

    public PaperTradeFillsTests()
    {
        var database = new EmbeddedDatabase(_data);
        _records = new EmbeddedRecordStore(database, _time);
        _bars = new EmbeddedBarStore(database, _time);
        _paper = new PaperTrading(_records, _bars, _time);
        _ticks = new TickBatchProcessor(new FileRawArchive(Path.Combine(_data, "raw")), _bars, _records, _time, new TickBatchOptions(), observer: _paper);
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_data, recursive: true);
    }

    private static PaperAccountSettings Settings(double? participation = null) => new()
    {
        Name = "Trades", StartingCash = 100_000, CommissionPerFill = 1, Slippage = 0.001, MaxParticipation = participation, Fills = PaperAccountSettings.FillsFromTrades,
    };

    /// <summary>One message per (seconds after <paramref name="from"/>, price, size), with increasing trade ids; the clock moves to the last.</summary>
    private List<string> Batch(DateTime from, params (double Seconds, double Price, decimal Size)[] trades)
    {
        var messages = trades.Select(t => TickMessageFormat.Format(new Tick(from.AddSeconds(t.Seconds), new Symbol("BTC-USD"), t.Price, t.Size, new TradeId(_nextTradeId++)))).ToList();
        _time.SetUtcNow(new DateTimeOffset(from.AddSeconds(trades.Max(t => t.Seconds)), TimeSpan.Zero));
        return messages;
    }

    [Fact]
    public async Task ALimitBuy_FillsOnEachTradeAtOrBelowIt_EachTradeOnce_EvenWhenTheBatchIsDeliveredAgain_AndTheJournalRebuildsIt()
    {
        await _paper.OpenAsync("ticks", Settings(participation: 0.5));
        await _ticks.ProcessAsync(Batch(Start, (1, 100, 1m)));
        await _paper.SubmitAsync("ticks", new PaperOrderBody("buy-1", "BTC-USD", "buy", "limit", 3, 99, null, "gtc"));

        var batch = Batch(Start.AddSeconds(10), (1, 100.5, 2m), (2, 99.5, 2m), (3, 98.7, 2m), (4, 98.9, 2m));
        await _ticks.ProcessAsync(batch);
        // Delivered again (as Event Hubs may): the trades are the same, so the order's last unit stays unfilled.
        await _ticks.ProcessAsync(batch);

        var state = await _paper.LoadAsync("ticks");
        // A bar of one price opening at or below the limit fills at its open; floor(0.5 × 2) = 1 unit per trade.
        Assert.Equal([(1.0, 98.7, Start.AddSeconds(13)), (1.0, 98.9, Start.AddSeconds(14))], state.Engine.Fills.Select(f => (f.Quantity, f.Price, f.Time)).ToArray());
        Assert.Equal(Core.Trading.OrderStatus.PartiallyFilled, state.Engine.Find("buy-1")!.Status);
        Assert.Equal(100_000 - 98.7 - 98.9 - 2, state.Engine.Account.Cash, 9);
        // Marked at the last trade, 98.9.
        Assert.Equal(100_000 - 98.7 - 98.9 - 2 + (2 * 98.9), state.Engine.Account.Equity, 9);

        var rebuilt = await new PaperTrading(_records, _bars, _time).LoadAsync("ticks");
        Assert.Equal(state.Engine.Fills, rebuilt.Engine.Fills);
        Assert.Equal(state.Sequence, rebuilt.Sequence);
    }

    [Fact]
    public async Task AMarketBuy_FillsOnTheTradesAfterIt_CappedByParticipation_WithSlippage()
    {
        await _paper.OpenAsync("ticks", Settings(participation: 0.5));
        await _ticks.ProcessAsync(Batch(Start, (1, 100, 1m)));
        await _paper.SubmitAsync("ticks", new PaperOrderBody("mkt-1", "BTC-USD", "buy", "market", 5, null, null, "gtc"));

        // Sizes 4, 3, 10: at most floor(0.5 × size) per trade, so 2, then 1, then the remaining 2.
        await _ticks.ProcessAsync(Batch(Start.AddSeconds(10), (1, 101, 4m), (2, 102, 3m), (3, 103, 10m)));

        var fills = (await _paper.LoadAsync("ticks")).Engine.Fills;
        Assert.Equal([(2.0, 101 * 1.001), (1.0, 102 * 1.001), (2.0, 103 * 1.001)], fills.Select(f => (f.Quantity, f.Price)).ToArray());
    }

    [Fact]
    public async Task ADayOrder_ExpiresAtTheFirstTradeOfTheNextUtcDay_AndAGtcOrderKeepsWorking()
    {
        var late = new DateTime(2026, 3, 2, 23, 59, 0, DateTimeKind.Utc);
        _time.SetUtcNow(new DateTimeOffset(late, TimeSpan.Zero));
        await _paper.OpenAsync("ticks", Settings());
        await _ticks.ProcessAsync(Batch(late, (1, 100, 1m)));
        await _paper.SubmitAsync("ticks", new PaperOrderBody("day-1", "BTC-USD", "buy", "limit", 1, 90, null, "day"));
        await _paper.SubmitAsync("ticks", new PaperOrderBody("gtc-1", "BTC-USD", "buy", "limit", 1, 90, null, "gtc"));

        await _ticks.ProcessAsync(Batch(late, (30, 99, 1m), (61, 98, 1m)));

        var state = await _paper.LoadAsync("ticks");
        Assert.Equal(Core.Trading.OrderStatus.Expired, state.Engine.Find("day-1")!.Status);
        Assert.Equal(Core.Trading.OrderStatus.Accepted, state.Engine.Find("gtc-1")!.Status);
        Assert.Empty(state.Engine.Fills);
    }

    [Fact]
    public async Task BarEvaluation_LeavesAnAccountFilledFromTrades_Alone()
    {
        await _paper.OpenAsync("ticks", Settings());
        await _ticks.ProcessAsync(Batch(Start, (1, 100, 1m)));
        await _paper.SubmitAsync("ticks", new PaperOrderBody("buy-1", "BTC-USD", "buy", "limit", 1, 99, null, "gtc"));
        await _bars.UpsertAsync(new Symbol("BTC-USD"), Timeframe.OneMinute, [new Bar(Start.AddMinutes(1), 100, 100, 90, 95, 10)], new BarProvenance("test", "1"));
        _time.SetUtcNow(new DateTimeOffset(Start.AddMinutes(3), TimeSpan.Zero));

        Assert.Equal(0, await _paper.EvaluateIngestedAsync("1m", ["BTC-USD"]));
        Assert.Empty((await _paper.LoadAsync("ticks")).Engine.Fills);
        Assert.Equal(("fills", true), (Settings() with { Fills = "ticks" }).Problem() is { } p ? (p.Field, true) : (null, false));
    }
}
