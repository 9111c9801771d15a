using MarketIntel.Core.Market;

namespace MarketIntel.Storage.Tests;

/// <summary>Deterministic, valid bars for the contract tests.</summary>
public static class TestBars
{
    public static List<Bar> Generate(Timeframe timeframe, DateTime start, int count, int seed = 1)
    {
        var random = new Random(seed);
        var bars = new List<Bar>(count);
        var price = 100.0 + seed;
        var time = timeframe.BucketStart(start);
        for (var i = 0; i < count; i++)
        {
            var open = price;
            var close = Math.Round(open * (1 + ((random.NextDouble() - 0.5) * 0.02)), 4);
            var high = Math.Max(open, close) + Math.Round(random.NextDouble(), 4);
            var low = Math.Min(open, close) - Math.Round(random.NextDouble() * 0.5, 4);
            // Volumes with many significant digits: they must survive storage exactly (decimal, not double).
            var volume = (decimal)random.Next(1, 1_000_000) + (random.Next(0, 1_000_000_000) / 1_000_000_000m) + 0.000000000000000001m;
            bars.Add(new Bar(time, open, high, low, close, volume, random.Next(0, 5000)));
            price = close;
            time = time.AddTicks(timeframe.Ticks);
        }

        return bars;
    }

    public static Symbol UniqueSymbol(string prefix = "T") => new(prefix + Guid.NewGuid().ToString("N")[..10].ToUpperInvariant());
}
