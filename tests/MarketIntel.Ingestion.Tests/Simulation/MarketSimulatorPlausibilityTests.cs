using MarketIntel.Core.Market;
using MarketIntel.Ingestion.Simulation;

namespace MarketIntel.Ingestion.Tests.Simulation;

/// <summary>
/// Issue #16: simulated prices must look like their asset class on any date (the demo once showed EUR-USD at 0.0015 and
/// SPY at 15.29). Brute force over dates from 2000 to 2040 and over seeds.
/// </summary>
public sealed class MarketSimulatorPlausibilityTests
{
    private static readonly DateOnly Origin = new(2000, 1, 1);

    public static TheoryData<string, double, double> Bands => new()
    {
        // Symbol, lowest and highest plausible price: the anchor's band (see AssetClassDynamics) widened by the anchor's jitter.
        { "SPY", 450 * 0.95 / 3, 450 * 1.05 * 3 },
        { "AAPL", 180 * 0.95 / 3, 180 * 1.05 * 3 },
        { "ZZZQ", 10 * 0.95 / 3, 600 * 1.05 * 3 },
        { "EUR-USD", 1.10 * 0.95 / 1.35, 1.10 * 1.05 * 1.35 },
        { "USD-JPY", 150 * 0.95 / 1.35, 150 * 1.05 * 1.35 },
        { "GBP-USD", 1.27 * 0.95 / 1.35, 1.27 * 1.05 * 1.35 },
        { "BTC-USD", 60_000 * 0.95 / 6, 60_000 * 1.05 * 6 },
        { "ETH-BTC", 0.05 * 0.95 / 6, 0.05 * 1.05 * 6 },
        { "DOGE-USDT", 0.12 * 0.95 / 6, 0.12 * 1.05 * 6 },
        { "FOO-USD", 0.05 * 0.95 / 6, 500 * 1.05 * 6 },
    };

    [Theory]
    [MemberData(nameof(Bands))]
    public void PricesStayInTheirClassBand_OnAnyDateFrom2000To2040_ForSeveralSeeds(string symbol, double lowest, double highest)
    {
        var instrument = MarketSimulator.Resolve(symbol);
        foreach (var seed in new ulong[] { 1, 42, 2026 })
        {
            var simulator = new MarketSimulator(new MarketSimulatorOptions { Seed = seed, Origin = Origin, TradesPerMinute = 1 });
            var dates = new Random((int)seed);
            var lows = new List<double>();
            var highs = new List<double>();
            for (var i = 0; i < 60; i++)
            {
                var from = Origin.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc).AddDays(dates.Next(0, 40 * 365));
                foreach (var bar in simulator.Bars(instrument, Timeframe.OneDay, from, from.AddDays(4)))
                {
                    lows.Add(bar.Low);
                    highs.Add(bar.High);
                }
            }

            Assert.NotEmpty(lows);
            Assert.True(lows.Min() >= lowest, $"{symbol} seed {seed}: low {lows.Min()} below {lowest}");
            Assert.True(highs.Max() <= highest, $"{symbol} seed {seed}: high {highs.Max()} above {highest}");

            // Anchored, not pinned: over 40 years the level does move.
            Assert.True((highs.Max() / lows.Min()) > 1.15, $"{symbol} seed {seed}: range {lows.Min()}..{highs.Max()} hardly moves");
        }
    }

    [Theory]
    [InlineData("SPY", 0.006, 0.03)]
    [InlineData("EUR-USD", 0.002, 0.012)]
    [InlineData("BTC-USD", 0.02, 0.08)]
    public void DailyVolatility_IsTypicalOfTheClass(string symbol, double lowest, double highest)
    {
        var simulator = new MarketSimulator(new MarketSimulatorOptions { Seed = 5, Origin = Origin, TradesPerMinute = 1 });
        var instrument = MarketSimulator.Resolve(symbol);
        var from = new DateTime(2010, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        var closes = simulator.Bars(instrument, Timeframe.OneDay, from, from.AddYears(3)).Select(b => b.Close).ToList();
        var returns = closes.Zip(closes.Skip(1), (a, b) => Math.Log(b / a)).ToList();
        var mean = returns.Average();
        var volatility = Math.Sqrt(returns.Sum(r => (r - mean) * (r - mean)) / (returns.Count - 1));

        Assert.InRange(volatility, lowest, highest);
    }

    [Fact]
    public void AFarDate_IsTheSameWhicheverDatesWereAskedBefore()
    {
        var options = new MarketSimulatorOptions { Seed = 9, Origin = Origin, TradesPerMinute = 1 };
        var instrument = MarketSimulator.Resolve("EUR-USD");
        var far = new DateTime(2038, 6, 1, 0, 0, 0, DateTimeKind.Utc);
        var near = new DateTime(2001, 2, 1, 0, 0, 0, DateTimeKind.Utc);

        var farFirst = new MarketSimulator(options);
        var farBars = farFirst.Bars(instrument, Timeframe.OneHour, far, far.AddDays(1));
        var nearFirst = new MarketSimulator(options);
        _ = nearFirst.Bars(instrument, Timeframe.OneHour, near, near.AddDays(1));

        Assert.Equal(farBars, nearFirst.Bars(instrument, Timeframe.OneHour, far, far.AddDays(1)));
        Assert.Equal(farFirst.Ticks(instrument, far, far.AddHours(1)), nearFirst.Ticks(instrument, far, far.AddHours(1)));
    }
}
