using MarketIntel.Core.Market;

namespace MarketIntel.Core.Tests.Indicators;

/// <summary>
/// A seeded random walk of daily bars with the awkward cases mixed in: flat bars (O=H=L=C), zero-volume bars, runs
/// of equal closes, and occasional 30% jumps.
/// </summary>
public static class RandomBars
{
    public static Bar[] Create(int seed, int count)
    {
        var random = new Random(seed);
        var bars = new Bar[count];
        var price = 100.0;
        var t = new DateTime(2000, 1, 3, 0, 0, 0, DateTimeKind.Utc);
        for (var i = 0; i < count; i++)
        {
            var kind = random.Next(40);
            var open = price;
            var close = kind == 0 ? price : kind == 1 ? price * (random.Next(2) == 0 ? 1.3 : 0.7) : price * Math.Exp(0.02 * ((random.NextDouble() * 2) - 1));
            close = Math.Round(close, 4);
            var high = Math.Round(Math.Max(open, close) * (1 + (0.01 * random.NextDouble())), 4);
            var low = Math.Round(Math.Min(open, close) * (1 - (0.01 * random.NextDouble())), 4);
            if (kind == 2)
            {
                high = low = open = close;
            }

            var volume = kind == 3 ? 0m : random.Next(1_000, 5_000_000);
            bars[i] = new Bar(t.AddDays(i), open, high, low, close, volume);
            price = close;
        }

        return bars;
    }
}
