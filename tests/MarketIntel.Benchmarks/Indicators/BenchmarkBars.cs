using MarketIntel.Core.Market;
using MarketIntel.Core.Market.Csv;

namespace MarketIntel.Benchmarks.Indicators;

/// <summary>The 502-bar reference quotes (the vendored reference data, found by walking up to the repository root) and a seeded 1,000,000-bar random walk.</summary>
public static class BenchmarkBars
{
    private const string QuotesPath = "tests/MarketIntel.Core.Tests/Reference/quotes/default.csv";

    public static Bar[] Load(int count)
    {
        if (count == 502)
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                var path = Path.Combine(dir.FullName, QuotesPath);
                if (File.Exists(path))
                {
                    return [.. QuoteCsvReader.ReadFile(path).Bars];
                }
            }

            throw new FileNotFoundException(QuotesPath + " not found above " + AppContext.BaseDirectory);
        }

        var random = new Random(42);
        var bars = new Bar[count];
        var price = 100.0;
        var t = new DateTime(2000, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        for (var i = 0; i < count; i++)
        {
            var open = price;
            price *= Math.Exp(0.01 * ((random.NextDouble() * 2) - 1));
            var high = Math.Max(open, price) * (1 + (0.005 * random.NextDouble()));
            var low = Math.Min(open, price) * (1 - (0.005 * random.NextDouble()));
            bars[i] = new Bar(t.AddMinutes(i), open, high, low, price, random.Next(100, 100_000));
        }

        return bars;
    }
}
