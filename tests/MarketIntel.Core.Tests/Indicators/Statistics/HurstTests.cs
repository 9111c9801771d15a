using MarketIntel.Core.Indicators.Statistics;

namespace MarketIntel.Core.Tests.Indicators.Statistics;

public sealed class HurstTests
{
    [Fact]
    public void ExpectedRescaledRange_MatchesClosedForms()
    {
        // n = 2: the two deviations are ±d/2, so R = S = |d|/2 and R/S is exactly 1 for every sample.
        Assert.Equal(1.0, Hurst.ExpectedRescaledRange(2), 12);

        // n = 3: Γ(1) / (√π Γ(3/2)) (√2 + √(1/2)) = (2/π) (3/√2).
        Assert.Equal(2 / Math.PI * 3 / Math.Sqrt(2), Hurst.ExpectedRescaledRange(3), 12);

        // Large n: the expectation approaches √(πn/2) from below; past 340 the gamma ratio's approximation stays within 0.1% of the exact one.
        Assert.InRange(Hurst.ExpectedRescaledRange(5000) / Math.Sqrt(Math.PI * 5000 / 2), 0.97, 1.0);
        var sum = Enumerable.Range(1, 340).Sum(j => Math.Sqrt((341.0 - j) / j));
        var exact = Math.Exp(MarketIntel.Core.Backtesting.Distributions.LogGamma(170) - MarketIntel.Core.Backtesting.Distributions.LogGamma(170.5)) / Math.Sqrt(Math.PI) * sum;
        Assert.InRange(Hurst.ExpectedRescaledRange(341) / exact, 0.999, 1.001);
    }

    [Theory]
    [InlineData(8)]
    [InlineData(25)]
    public void ExpectedRescaledRange_MatchesTheMeanRescaledRangeOfSimulatedNormalReturns(int n)
    {
        var random = new Random(42);
        const int Samples = 40_000;
        var sum = 0.0;
        var values = new double[n];
        for (var s = 0; s < Samples; s++)
        {
            for (var i = 0; i < n; i++)
            {
                // Box-Muller: independent standard normals.
                values[i] = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
            }

            var mean = values.Average();
            double y = 0, max = double.MinValue, min = double.MaxValue, ss = 0;
            foreach (var v in values)
            {
                y += v - mean;
                max = Math.Max(max, y);
                min = Math.Min(min, y);
                ss += (v - mean) * (v - mean);
            }

            sum += (max - min) / Math.Sqrt(ss / n);
        }

        // The sample mean's standard error is well under 0.5% at this many samples.
        Assert.Equal(1.0, sum / Samples / Hurst.ExpectedRescaledRange(n), 2);
    }

    [Fact]
    public void CorrectedExponent_OfIndependentReturns_IsNearOneHalf_WhileTheRawOneIsBiasedUp()
    {
        var random = new Random(7);
        double raw = 0, corrected = 0;
        const int Windows = 400;
        var values = new double[128];
        for (var w = 0; w < Windows; w++)
        {
            for (var i = 0; i < values.Length; i++)
            {
                values[i] = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
            }

            var (h, al) = Hurst.Exponents(values);
            raw += h;
            corrected += al;
        }

        Assert.InRange(corrected / Windows, 0.45, 0.55);
        Assert.True(raw / Windows > (corrected / Windows) + 0.03, $"raw {raw / Windows}, corrected {corrected / Windows}");
    }
}
