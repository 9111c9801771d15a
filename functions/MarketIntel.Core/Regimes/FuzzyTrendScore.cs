namespace MarketIntel.Core.Regimes;

/// <summary>
/// A small Sugeno-style fuzzy system over two inputs computed from closes at bar t, both scaled to be standard normal
/// under a driftless random walk with the recent volatility s (standard deviation of the last n log returns):
/// trend = ln(C / SMA_n) / (s sqrt(n / 3)) and momentum = ln(C / C[t-k]) / (s sqrt(k)).
/// Each input has three memberships that sum to 1: negative (1 at -1 and below, 0 from 0), zero (triangle -1, 0, 1),
/// positive (mirror of negative). Nine rules (product AND) vote: up/up, up/flat, flat/up are bullish; up/down,
/// flat/flat, down/up neutral; the rest bearish. The class confidences are the sums of their rules' strengths, so they
/// sum to 1. Values before max(n, k) bars are not defined.
/// </summary>
public static class FuzzyTrendScore
{
    public static TrendConfidence?[] Compute(ReadOnlySpan<double> closes, FuzzyTrendOptions? options = null)
    {
        options ??= new FuzzyTrendOptions();
        var n = options.TrendWindow;
        var k = options.MomentumWindow;
        if (n < 2 || k < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(options), "trend window must be at least 2 and momentum window at least 1");
        }

        var result = new TrendConfidence?[closes.Length];
        foreach (var c in closes)
        {
            if (!(c > 0) || !double.IsFinite(c))
            {
                throw new ArgumentException("closes must be positive and finite", nameof(closes));
            }
        }

        for (var t = Math.Max(n, k); t < closes.Length; t++)
        {
            var sum = 0.0;
            for (var i = t - n + 1; i <= t; i++)
            {
                sum += closes[i];
            }

            var sma = sum / n;
            var mean = Math.Log(closes[t] / closes[t - n]) / n;
            var ss = 0.0;
            for (var i = t - n + 1; i <= t; i++)
            {
                var d = Math.Log(closes[i] / closes[i - 1]) - mean;
                ss += d * d;
            }

            var s = Math.Sqrt(ss / (n - 1));
            var trend = Normalize(Math.Log(closes[t] / sma), s * Math.Sqrt(n / 3.0));
            var momentum = Normalize(Math.Log(closes[t] / closes[t - k]), s * Math.Sqrt(k));
            result[t] = Evaluate(trend, momentum);
        }

        return result;
    }

    /// <summary>The rule base on already normalized inputs.</summary>
    public static TrendConfidence Evaluate(double trend, double momentum)
    {
        var (tn, tz, tp) = Memberships(trend);
        var (mn, mz, mp) = Memberships(momentum);
        var bullish = (tp * mp) + (tp * mz) + (tz * mp);
        var neutral = (tp * mn) + (tz * mz) + (tn * mp);
        var bearish = (tz * mn) + (tn * mz) + (tn * mn);
        return new TrendConfidence(bullish, neutral, bearish, trend, momentum);
    }

    /// <summary>Negative, zero and positive memberships of x: a partition of unity.</summary>
    public static (double Negative, double Zero, double Positive) Memberships(double x) =>
        (Math.Clamp(-x, 0, 1), Math.Max(0, 1 - Math.Abs(x)), Math.Clamp(x, 0, 1));

    // Flat prices have no volatility; their distance from the average is then zero too, i.e. neutral.
    private static double Normalize(double value, double scale) => scale > 0 ? value / scale : 0;
}
