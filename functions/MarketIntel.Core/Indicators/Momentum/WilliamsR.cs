using MarketIntel.Core.Indicators.Catalog;
using MarketIntel.Core.Indicators.Common;

namespace MarketIntel.Core.Indicators.Momentum;

/// <summary>Williams %R: the raw stochastic %K shifted to -100..0 (a zero-range window reads like %K = 0, i.e. -100).</summary>
public static class WilliamsR
{
    public static IndicatorDefinition Definition { get; } = new()
    {
        Name = "willr",
        Title = "Williams %R",
        Category = "momentum",
        Parameters = [IndicatorParameter.Int("period", 14)],
        Outputs = ["williamsR"],
        WarmUp = a => a.Int(0) - 1,
        Evaluate = (a, s, _) => Out.One("williamsR", Compute(s.High, s.Low, s.Close, a.Int(0))),
        CreateStream = a => new WilliamsRStream(a.Int(0)),
    };

    public static double[] Compute(ReadOnlySpan<double> high, ReadOnlySpan<double> low, ReadOnlySpan<double> close, int period)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(period, 1);
        var r = Out.New(close.Length);
        for (var i = period - 1; i < close.Length; i++)
        {
            var hh = Window.Max(high, i, period);
            var ll = Window.Min(low, i, period);
            r[i] = (hh - ll != 0 ? 100 * (close[i] - ll) / (hh - ll) : 0) - 100;
        }

        return r;
    }
}
