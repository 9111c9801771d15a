using MarketIntel.Core.Market;
using MarketIntel.Core.Storage;
using MarketIntel.Ingestion.Instruments;
using MarketIntel.Ingestion.Simulation;

namespace MarketIntel.Ingestion.Tests.Simulation;

public sealed class MarketSimulatorTests
{
    private static readonly DateTime Day = new(2024, 3, 5, 0, 0, 0, DateTimeKind.Utc);
    private static readonly Instrument Btc = MarketSimulator.Resolve("BTC-USD");
    private static readonly Instrument Aapl = MarketSimulator.Resolve("AAPL");

    [Fact]
    public void SameSeed_GivesTheSameBarsAndTicks_OtherSeedsDiffer()
    {
        var a = new MarketSimulator(new MarketSimulatorOptions { Seed = 7 });
        var b = new MarketSimulator(new MarketSimulatorOptions { Seed = 7 });
        var c = new MarketSimulator(new MarketSimulatorOptions { Seed = 8 });

        Assert.Equal(a.Bars(Btc, Timeframe.OneMinute, Day, Day.AddHours(3)), b.Bars(Btc, Timeframe.OneMinute, Day, Day.AddHours(3)));
        Assert.Equal(a.Ticks(Aapl, Day.AddHours(14), Day.AddHours(15)), b.Ticks(Aapl, Day.AddHours(14), Day.AddHours(15)));
        Assert.NotEqual(a.Bars(Btc, Timeframe.OneMinute, Day, Day.AddHours(3)), c.Bars(Btc, Timeframe.OneMinute, Day, Day.AddHours(3)));
    }

    [Theory]
    [InlineData("BTC-USD", 1, 11)]
    [InlineData("AAPL", 5, 3)]
    [InlineData("ETH-USDT", 60, 5)]
    public void ABar_IsTheSameWhateverRangeOrPageItIsFetchedIn(string symbol, int minutes, int seed)
    {
        var instrument = MarketSimulator.Resolve(symbol);
        var timeframe = new Timeframe(minutes);
        var from = Day;
        var to = Day.AddDays(3);
        var whole = new MarketSimulator().Bars(instrument, timeframe, from, to);

        // A fresh simulator, pages of random sizes, fetched last page first (so no cache or order can help).
        var fresh = new MarketSimulator();
        var random = new Random(seed);
        var cuts = new List<DateTime> { from };
        while (cuts[^1] < to)
        {
            cuts.Add(Min(to, cuts[^1].AddMinutes(minutes * random.Next(1, 400))));
        }

        var pages = new List<List<Bar>>();
        for (var i = cuts.Count - 2; i >= 0; i--)
        {
            pages.Insert(0, fresh.Bars(instrument, timeframe, cuts[i], cuts[i + 1]));
        }

        Assert.NotEmpty(whole);
        Assert.Equal(whole, pages.SelectMany(p => p).ToList());
    }

    [Fact]
    public void TicksAggregatedByTheTickAggregator_GiveExactlyTheMinuteBars()
    {
        var simulator = new MarketSimulator();
        foreach (var (instrument, from) in new[] { (Btc, Day.AddHours(5)), (Aapl, Day.AddHours(14).AddMinutes(30)) })
        {
            var to = from.AddHours(2);
            var sink = new CollectingSink();
            var aggregator = new TickAggregator(new TickAggregatorOptions { Timeframes = [Timeframe.OneMinute] }, sink);
            foreach (var tick in simulator.Ticks(instrument, from, to))
            {
                Assert.Equal(TickVerdict.Accepted, aggregator.Offer(tick));
            }

            aggregator.Flush();
            Assert.Equal(simulator.Bars(instrument, Timeframe.OneMinute, from, to), sink.Bars);
        }
    }

    [Fact]
    public void LongerTimeframes_AreTheResampledMinuteBars()
    {
        var simulator = new MarketSimulator();
        var minuteBars = simulator.Bars(Btc, Timeframe.OneMinute, Day, Day.AddDays(2));
        Assert.Equal(BarResampler.Resample(minuteBars, Timeframe.OneHour), simulator.Bars(Btc, Timeframe.OneHour, Day, Day.AddDays(2)));

        var equityMinutes = simulator.Bars(Aapl, Timeframe.OneMinute, Day, Day.AddDays(7));
        Assert.Equal(SessionBarBuilder.Daily(equityMinutes, ExchangeCalendar.Nyse), simulator.Bars(Aapl, Timeframe.OneDay, Day, Day.AddDays(7)));
    }

    [Theory]
    [InlineData("BTC-USD", 1)]
    [InlineData("AAPL", 1)]
    [InlineData("AAPL", 60)]
    [InlineData("AAPL", 1440)]
    [InlineData("SOL-USD", 1440)]
    public void CleanData_HasEveryBarTheCalendarExpects_AndOnlyValidBars(string symbol, int minutes)
    {
        var instrument = MarketSimulator.Resolve(symbol);
        var timeframe = new Timeframe(minutes);
        var to = minutes >= 1440 ? Day.AddDays(40) : Day.AddDays(4);
        var bars = new MarketSimulator().Bars(instrument, timeframe, Day, to);

        Assert.Empty(GapDetector.FindGaps(bars.Select(b => b.OpenTime), timeframe, instrument.Calendar, Day, to));
        Assert.Equal(GapDetector.ExpectedBars(timeframe, instrument.Calendar, Day, to).Count(), bars.Count);
        Assert.All(bars, b => Assert.Null(BarRecordRules.Problem(timeframe, b)));
    }

    [Fact]
    public void NothingExistsBeforeTheOrigin_AndTheFirstDayStartsThere()
    {
        var simulator = new MarketSimulator(new MarketSimulatorOptions { Origin = new DateOnly(2024, 1, 1) });
        var origin = new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc);

        Assert.Empty(simulator.Bars(Btc, Timeframe.OneMinute, origin.AddDays(-3), origin));
        Assert.Equal(origin, simulator.Bars(Btc, Timeframe.OneMinute, origin.AddDays(-3), origin.AddHours(1))[0].OpenTime);
    }

    [Fact]
    public void DailyReturns_ShowVolatilityClustering_FatTails_AndCalmerCalmRegimes()
    {
        var simulator = new MarketSimulator(new MarketSimulatorOptions { Seed = 3, Origin = new DateOnly(2015, 1, 1), TradesPerMinute = 1 });
        var from = new DateTime(2015, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        var bars = simulator.Bars(Btc, Timeframe.OneDay, from, from.AddDays(1500));
        var returns = new List<double>();
        var calm = new List<double>();
        var turbulent = new List<double>();
        for (var i = 1; i < bars.Count; i++)
        {
            var r = Math.Log(bars[i].Close / bars[i - 1].Close);
            returns.Add(r);
            (simulator.RegimeOn(DateOnly.FromDateTime(bars[i].OpenTime)) == MarketRegime.Calm ? calm : turbulent).Add(r);
        }

        var absolute = returns.Select(Math.Abs).ToArray();
        Assert.True(Autocorrelation(absolute, 1) > 0.1, "|r| should be autocorrelated (GARCH clustering)");
        Assert.True(ExcessKurtosis(returns) > 0.5, "returns should be fat-tailed");
        Assert.True(turbulent.Count > 30 && calm.Count > 30, "both regimes should occur");
        Assert.True(StdDev(turbulent) > 1.8 * StdDev(calm), $"the turbulent regime should be more volatile: {StdDev(turbulent)} vs {StdDev(calm)}");
    }

    [Fact]
    public void EquityActivity_IsUShapedOverTheSession()
    {
        var simulator = new MarketSimulator(new MarketSimulatorOptions { TradesPerMinute = 20 });
        var edges = 0.0;
        var middle = 0.0;
        for (var d = 0; d < 10; d++)
        {
            var session = ExchangeCalendar.Nyse.SessionBounds(DateOnly.FromDateTime(Day.AddDays(d)));
            if (session is not { } s)
            {
                continue;
            }

            var bars = simulator.Bars(Aapl, Timeframe.OneMinute, s.OpenUtc, s.CloseUtc);
            edges += bars.Take(30).Sum(b => b.Trades) + bars.TakeLast(30).Sum(b => b.Trades);
            middle += bars.Skip(180).Take(60).Sum(b => b.Trades);
        }

        Assert.True(edges / middle > 2, $"edges {edges} vs middle {middle}");
    }

    [Fact]
    public void TradeIds_IncreaseAndAreUnique_SizesPositive_PricesOnTheTickGrid()
    {
        var ticks = new MarketSimulator().Ticks(Aapl, Day.AddHours(14), Day.AddHours(21));

        Assert.NotEmpty(ticks);
        Assert.All(ticks.Zip(ticks.Skip(1)), p => Assert.True(long.Parse(p.First.TradeId.ToString(), System.Globalization.CultureInfo.InvariantCulture) < long.Parse(p.Second.TradeId.ToString(), System.Globalization.CultureInfo.InvariantCulture)));
        Assert.All(ticks, t => Assert.True(t.Size >= 1 && decimal.Truncate(t.Size) == t.Size));
        Assert.All(ticks, t => Assert.Equal(Math.Round(t.Price, 2), t.Price));
    }

    private static DateTime Min(DateTime a, DateTime b) => a < b ? a : b;

    private static double Autocorrelation(double[] x, int lag)
    {
        var mean = x.Average();
        double num = 0;
        double den = 0;
        for (var i = 0; i < x.Length; i++)
        {
            den += (x[i] - mean) * (x[i] - mean);
            if (i >= lag)
            {
                num += (x[i] - mean) * (x[i - lag] - mean);
            }
        }

        return num / den;
    }

    private static double ExcessKurtosis(List<double> x)
    {
        var mean = x.Average();
        var m2 = x.Average(v => Math.Pow(v - mean, 2));
        var m4 = x.Average(v => Math.Pow(v - mean, 4));
        return (m4 / (m2 * m2)) - 3;
    }

    private static double StdDev(List<double> x)
    {
        var mean = x.Average();
        return Math.Sqrt(x.Average(v => (v - mean) * (v - mean)));
    }

    private sealed class CollectingSink : IBarSink
    {
        public List<Bar> Bars { get; } = [];

        public void OnBarUpdated(in SymbolBar bar)
        {
        }

        public void OnBarClosed(in SymbolBar bar) => Bars.Add(bar.Bar);
    }
}
