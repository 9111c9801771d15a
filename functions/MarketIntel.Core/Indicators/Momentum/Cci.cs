using MarketIntel.Core.Indicators.Catalog;
using MarketIntel.Core.Indicators.Common;

namespace MarketIntel.Core.Indicators.Momentum;

/// <summary>Commodity channel index of the typical price; empty where the mean deviation is zero.</summary>
public static class Cci
{
    public static IndicatorDefinition Definition { get; } = new()
    {
        Name = "cci",
        Title = "Commodity channel index",
        Category = "momentum",
        Parameters = [IndicatorParameter.Int("period", 20)],
        Outputs = ["cci"],
        WarmUp = a => a.Int(0) - 1,
        Evaluate = (a, s, _) => Out.One("cci", Compute(s.High, s.Low, s.Close, a.Int(0))),
        CreateStream = a => new CciStream(a.Int(0)),
    };

    public static double[] Compute(ReadOnlySpan<double> high, ReadOnlySpan<double> low, ReadOnlySpan<double> close, int period)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(period, 1);
        var n = close.Length;
        var tp = new double[n];
        var r = Out.New(n);
        for (var i = 0; i < n; i++)
        {
            tp[i] = (high[i] + low[i] + close[i]) / 3;
            if (i >= period - 1)
            {
                var mean = Window.Sum(tp, i, period) / period;
                var dev = 0.0;
                for (var j = i - period + 1; j <= i; j++)
                {
                    dev += Math.Abs(tp[j] - mean);
                }

                dev /= period;
                r[i] = dev != 0 ? (tp[i] - mean) / (0.015 * dev) : double.NaN;
            }
        }

        return r;
    }
}
