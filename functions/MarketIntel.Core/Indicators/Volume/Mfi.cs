using MarketIntel.Core.Indicators.Catalog;
using MarketIntel.Core.Indicators.Common;

namespace MarketIntel.Core.Indicators.Volume;

/// <summary>
/// Money flow index: typical-price money flow split by the typical price's direction, summed over <c>period</c>
/// bars; 100 when there is no negative flow in the window.
/// </summary>
public static class Mfi
{
    public static IndicatorDefinition Definition { get; } = new()
    {
        Name = "mfi",
        Title = "Money flow index",
        Category = "volume",
        Parameters = [IndicatorParameter.Int("period", 14)],
        Outputs = ["mfi"],
        WarmUp = a => a.Int(0),
        Evaluate = (a, s, _) => Out.One("mfi", Compute(s.High, s.Low, s.Close, s.Volume, a.Int(0))),
        CreateStream = a => new MfiStream(a.Int(0)),
    };

    public static double[] Compute(ReadOnlySpan<double> high, ReadOnlySpan<double> low, ReadOnlySpan<double> close, ReadOnlySpan<double> volume, int period)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(period, 1);
        var n = close.Length;
        var r = Out.New(n);
        var pos = new double[n];
        var neg = new double[n];
        var prevTp = 0.0;
        for (var i = 0; i < n; i++)
        {
            var tp = (high[i] + low[i] + close[i]) / 3;
            if (i > 0)
            {
                var mf = tp * volume[i];
                pos[i] = tp > prevTp ? mf : 0;
                neg[i] = tp < prevTp ? mf : 0;
            }

            prevTp = tp;
            if (i >= period)
            {
                var p = Window.Sum(pos, i, period);
                var m = Window.Sum(neg, i, period);
                r[i] = m > 0 ? 100 - (100 / (1 + (p / m))) : 100;
            }
        }

        return r;
    }
}
