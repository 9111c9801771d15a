using MarketIntel.Core.Backtesting;
using MarketIntel.Core.Indicators;
using MarketIntel.Core.Market;
using MarketIntel.Core.Scanning;
using MarketIntel.Core.Storage;
using MarketIntel.Pipeline.Backtesting;
using MarketIntel.Pipeline.Scheduling;
using MarketIntel.Storage.Embedded;
using Microsoft.Extensions.Time.Testing;

namespace MarketIntel.Pipeline.Tests.Backtesting;

/// <summary>
/// Backtests over stored bars: the report is the engine's result on the same bars (recomputed here from the store with
/// the trial count and variance counted independently), a repeated variant is one trial, and each new variant deflates
/// the Sharpe ratio of the others.
/// </summary>
public sealed class BacktestRunsTests : IDisposable
{
    private static readonly DateTime Start = new(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc);
    private static readonly string[] Universe = ["AAA", "BBB", "CCC"];
    private readonly string _data = Directory.CreateTempSubdirectory("marketintel-backtest-").FullName;
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(Start.AddDays(400), TimeSpan.Zero));
    private readonly EmbeddedDatabase _database;
    private readonly EmbeddedBarStore _bars;
    private readonly BacktestRuns _runs;

    public BacktestRunsTests()
    {
        _database = new EmbeddedDatabase(_data);
        _bars = new EmbeddedBarStore(_database, _time);
        _runs = new BacktestRuns(_bars, new EmbeddedRecordStore(_database, _time), new PipelineSettings { Timeframe = Timeframe.OneDay }, _time);
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_data, recursive: true);
    }

    /// <summary>A seeded random walk with regime-like drifts, so crossovers trade, per symbol.</summary>
    private async Task<Dictionary<string, List<Bar>>> StoreAsync(int days = 380)
    {
        var all = new Dictionary<string, List<Bar>>();
        var random = new Random(11);
        foreach (var symbol in Universe)
        {
            var bars = new List<Bar>();
            var price = 100.0;
            for (var d = 0; d < days; d++)
            {
                var drift = Math.Sin(d / 25.0) * 0.004;
                var open = price;
                price *= 1 + drift + ((random.NextDouble() - 0.5) * 0.03);
                bars.Add(new Bar(Start.AddDays(d), open, Math.Max(open, price) * 1.005, Math.Min(open, price) * 0.995, price, 1_000 + random.Next(1_000)));
            }

            await _bars.UpsertAsync(new Symbol(symbol), Timeframe.OneDay, bars, new BarProvenance("test", "1"));
            all[symbol] = bars;
        }

        return all;
    }

    [Fact]
    public async Task TheReport_IsTheEnginesResultOnTheStoredBars_WithEveryVariantTriedCountedAsATrial()
    {
        var stored = await StoreAsync();
        var a = new BacktestRequest("sma-cross", Universe, new Dictionary<string, double> { ["fast"] = 5, ["slow"] = 20 }, "1d", 300, Commission: 1, Slippage: 0.001);
        var b = a with { Parameters = new Dictionary<string, double> { ["fast"] = 10, ["slow"] = 40 } };
        var c = a with { Parameters = new Dictionary<string, double> { ["fast"] = 3, ["slow"] = 50 } };

        var first = await _runs.RunAsync(a);
        Assert.Single(first.Trials);
        Assert.Equal(1, first.Metrics.Trials);
        Assert.Equal(first.Metrics.ProbabilisticSharpe!.Value, first.Metrics.DeflatedSharpe!.Value, 12);
        Assert.Single((await _runs.RunAsync(a)).Trials);
        await _runs.RunAsync(b);
        var third = await _runs.RunAsync(c);
        var again = await _runs.RunAsync(a);

        // Independent re-computation: the last 300 stored bars, the engine, three trials and their sample variance.
        var universe = Universe.Select(s => new ScanSeries(s, BarSeries.From(stored[s].TakeLast(300).ToList()), Timeframe.OneDay)).ToArray();
        var options = new BacktestOptions { Commission = CommissionModels.PerFill(1), Slippage = SlippageModels.Fraction(0.001) };
        var sharpes = new[] { a, b, c }.Select(r => BacktestEngine.Run(universe, StrategyCatalog.Create("sma-cross", r.Parameters), options).Metrics.SharpePerPeriod).ToArray();
        var mean = sharpes.Average();
        var variance = sharpes.Sum(s => (s - mean) * (s - mean)) / 2;
        var expected = BacktestEngine.Run(universe, StrategyCatalog.Create("sma-cross", a.Parameters), options with { Trials = 3, TrialSharpeVariance = variance });

        Assert.Equal(3, third.Trials.Count);
        Assert.Equal(3, again.Trials.Count);
        Assert.Equal(BacktestMetricsView.Of(expected.Metrics), again.Metrics);
        Assert.True(double.IsFinite(expected.Metrics.DeflatedSharpe));
        Assert.Equal(variance, again.TrialSharpeVariance!.Value, 15);
        Assert.Equal(expected.Trades.Count, again.Metrics.TradeCount);
        Assert.True(expected.Trades.Count > 3, "the walk should trade");
        Assert.Equal(expected.Trades.TakeLast(BacktestRuns.RecentTrades), again.RecentTrades);
        Assert.Equal(stored["AAA"][^300].OpenTime, again.From);
        Assert.True(again.Metrics.DeflatedSharpe < first.Metrics.DeflatedSharpe, $"{again.Metrics.DeflatedSharpe} < {first.Metrics.DeflatedSharpe}");
        Assert.Equal(3, (await _runs.TrialsAsync("sma-cross")).Count);
        Assert.Empty(await _runs.TrialsAsync("ema-cross"));
    }

    [Theory]
    [InlineData(null, "strategy")]
    [InlineData("nope", "strategy")]
    public async Task AnUnknownStrategy_IsA400NamingIt(string? strategy, string field)
    {
        var error = await Assert.ThrowsAsync<BacktestRequestException>(() => _runs.RunAsync(new BacktestRequest(strategy, Universe)));
        Assert.Equal((400, field), (error.Status, error.Field));
    }

    [Fact]
    public async Task BadFields_Are400sNamingTheField_AndSymbolsWithoutBars404()
    {
        await StoreAsync(60);
        async Task<(int, string)> Problem(BacktestRequest request)
        {
            var error = await Assert.ThrowsAsync<BacktestRequestException>(() => _runs.RunAsync(request));
            return (error.Status, error.Field);
        }

        var ok = new BacktestRequest("ema-cross", Universe, Timeframe: "1d", Bars: 50);
        Assert.Equal((400, "parameters"), await Problem(ok with { Parameters = new Dictionary<string, double> { ["fats"] = 3 } }));
        Assert.Equal((400, "parameters.fast"), await Problem(ok with { Parameters = new Dictionary<string, double> { ["fast"] = double.NaN } }));
        Assert.Equal((400, "symbols"), await Problem(ok with { Symbols = [] }));
        Assert.Equal((400, "symbols[1]"), await Problem(ok with { Symbols = ["AAA", "BAD SYMBOL"] }));
        Assert.Equal((400, "timeframe"), await Problem(ok with { Timeframe = "7x" }));
        Assert.Equal((400, "bars"), await Problem(ok with { Bars = BacktestRuns.MaxBars + 1 }));
        Assert.Equal((400, "slippage"), await Problem(ok with { Slippage = 0.5 }));
        Assert.Equal((400, "quantity"), await Problem(ok with { Quantity = 0 }));
        Assert.Equal((400, "fill"), await Problem(ok with { Fill = "whenever" }));
        Assert.Equal((404, "symbols"), await Problem(ok with { Symbols = ["ZZZ"] }));

        var partly = await _runs.RunAsync(ok with { Symbols = ["AAA", "ZZZ"] });
        Assert.Equal(["AAA"], partly.Symbols);
        Assert.Equal(["ZZZ"], partly.Missing);
    }
}
