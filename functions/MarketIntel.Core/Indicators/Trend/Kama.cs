using MarketIntel.Core.Indicators.Catalog;
using MarketIntel.Core.Indicators.Common;

namespace MarketIntel.Core.Indicators.Trend;

/// <summary>
/// Kaufman's adaptive moving average. Efficiency ratio = net change / sum of absolute changes over <c>period</c> bars
/// (1 when there was no movement at all); smoothing = (ER (fast - slow) + slow)^2; seeded with the close at bar period-1.
/// </summary>
public static class Kama
{
    public static readonly string[] Columns = ["er", "kama"];

    public static IndicatorDefinition Definition { get; } = new()
    {
        Name = "kama",
        Title = "Kaufman adaptive moving average",
        Category = "trend",
        Parameters = [IndicatorParameter.Int("period", 10), IndicatorParameter.Int("fast", 2), IndicatorParameter.Int("slow", 30)],
        Outputs = ["kama", "er"],
        WarmUp = a => a.Int(0) - 1,
        Evaluate = (a, s, _) => Out.Many(Columns, Compute(s.Close, a.Int(0), a.Int(1), a.Int(2))),
        CreateStream = a => new KamaStream(a.Int(0), a.Int(1), a.Int(2)),
    };

    public static double[][] Compute(ReadOnlySpan<double> close, int period, int fast, int slow)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(period, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(fast, 1);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(slow, fast);
        var n = close.Length;
        var er = Out.New(n);
        var kama = Out.New(n);
        var fsc = 2.0 / (fast + 1);
        var ssc = 2.0 / (slow + 1);
        if (period - 1 >= n)
        {
            return [er, kama];
        }

        var k = close[period - 1];
        kama[period - 1] = k;
        for (var i = period; i < n; i++)
        {
            var change = Math.Abs(close[i] - close[i - period]);
            var vol = 0.0;
            for (var j = i - period + 1; j <= i; j++)
            {
                vol += Math.Abs(close[j] - close[j - 1]);
            }

            var e = vol != 0 ? change / vol : 1;
            var sc = (e * (fsc - ssc)) + ssc;
            k += sc * sc * (close[i] - k);
            er[i] = e;
            kama[i] = k;
        }

        return [er, kama];
    }
}
