using MarketIntel.Core.Regimes;

namespace MarketIntel.Core.Tests.Regimes;

public class FuzzyTrendScoreTests
{
    [Theory]
    [InlineData(-2.0)]
    [InlineData(-0.3)]
    [InlineData(0.0)]
    [InlineData(0.7)]
    [InlineData(5.0)]
    public void Memberships_AreAPartitionOfUnity(double x)
    {
        var (n, z, p) = FuzzyTrendScore.Memberships(x);
        Assert.Equal(1, n + z + p, 12);
    }

    [Fact]
    public void RuleBase_GivesTheHandComputedConfidences()
    {
        // Both inputs at 0.5: memberships (0, 0.5, 0.5); bullish = up/up + up/flat + flat/up = 0.75, neutral = flat/flat.
        var c = FuzzyTrendScore.Evaluate(0.5, 0.5);
        Assert.Equal((0.75, 0.25, 0.0), (c.Bullish, c.Neutral, c.Bearish));
        Assert.Equal((0.0, 1.0, 0.0), (FuzzyTrendScore.Evaluate(0, 0).Bullish, FuzzyTrendScore.Evaluate(0, 0).Neutral, FuzzyTrendScore.Evaluate(0, 0).Bearish));
        Assert.Equal(1, FuzzyTrendScore.Evaluate(-3, -1.5).Bearish);
        Assert.Equal(1, FuzzyTrendScore.Evaluate(2, -2).Neutral);
    }

    [Fact]
    public void SteadyUptrend_IsBullish_DowntrendBearish_FlatNeutral()
    {
        var random = new Random(2);
        var up = new double[120];
        var down = new double[120];
        up[0] = down[0] = 100;
        for (var t = 1; t < up.Length; t++)
        {
            var noise = (random.NextDouble() - 0.5) * 0.004;
            up[t] = up[t - 1] * (1.01 + noise);
            down[t] = down[t - 1] * (0.99 + noise);
        }

        var bull = FuzzyTrendScore.Compute(up);
        var bear = FuzzyTrendScore.Compute(down);
        Assert.All(bull[..50], c => Assert.Null(c));
        Assert.Equal(1, bull[^1]!.Value.Bullish, 9);
        Assert.Equal(1, bear[^1]!.Value.Bearish, 9);
        Assert.Equal(1, FuzzyTrendScore.Compute(Enumerable.Repeat(50.0, 80).ToArray())[^1]!.Value.Neutral);
    }

    [Fact]
    public void Score_UsesNoFutureBars()
    {
        var random = new Random(6);
        var closes = new double[200];
        closes[0] = 10;
        for (var t = 1; t < closes.Length; t++)
        {
            closes[t] = closes[t - 1] * (1 + ((random.NextDouble() - 0.5) * 0.03));
        }

        var all = FuzzyTrendScore.Compute(closes);
        var prefix = FuzzyTrendScore.Compute(closes.AsSpan(0, 120));
        Assert.Equal(prefix, all[..120]);
    }
}
