using MarketIntel.Core.Indicators;
using MarketIntel.Core.Market;
using MarketIntel.Core.Scanning;
using MarketIntel.Core.Tests.Indicators;

namespace MarketIntel.Core.Tests.Scanning;

/// <summary>Series for scanning tests: the reference quotes and seeded random walks.</summary>
internal static class ScanTestData
{
    public static ScanSeries Reference() => new("REF", ReferenceData.Series("default.csv"));

    /// <summary>A seeded random walk of <paramref name="count"/> bars, <paramref name="step"/> apart from 2024-01-01 UTC.</summary>
    public static List<Bar> Walk(int count, TimeSpan step, int seed, double start = 100)
    {
        var random = new Random(seed);
        var bars = new List<Bar>(count);
        var price = start;
        var t = new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        for (var i = 0; i < count; i++)
        {
            var open = price;
            var close = Math.Max(0.5, open * (1 + ((random.NextDouble() - 0.5) * 0.04)));
            var high = Math.Max(open, close) * (1 + (random.NextDouble() * 0.01));
            var low = Math.Min(open, close) * (1 - (random.NextDouble() * 0.01));
            bars.Add(new Bar(t, open, high, low, close, 1000 + random.Next(100_000)));
            price = close;
            t += step;
        }

        return bars;
    }

    public static ScanSeries WalkSeries(string symbol, int count, int seed, TimeSpan? step = null, Timeframe? timeframe = null) =>
        new(symbol, BarSeries.From(Walk(count, step ?? TimeSpan.FromDays(1), seed)), timeframe);

    public static double[] Eval(string expression, ScanSeries series) => ScanProgram.Compile(ScanParser.Parse(expression)).Evaluate(series);
}
