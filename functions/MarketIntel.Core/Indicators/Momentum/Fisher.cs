using MarketIntel.Core.Indicators.Catalog;
using MarketIntel.Core.Indicators.Common;

namespace MarketIntel.Core.Indicators.Momentum;

/// <summary>
/// Ehlers Fisher transform of the median price's position in its <c>period</c>-bar range (shorter windows at the
/// start, a flat range reads as 0); the trigger is the previous value.
/// </summary>
public static class Fisher
{
    public static readonly string[] Columns = ["fisher", "trigger"];

    public static IndicatorDefinition Definition { get; } = new()
    {
        Name = "fisher",
        Title = "Fisher transform",
        Category = "momentum",
        Parameters = [IndicatorParameter.Int("period", 10)],
        Outputs = Columns,
        WarmUp = _ => 0,
        Evaluate = (a, s, _) => Out.Many(Columns, Compute(s.High, s.Low, a.Int(0))),
        CreateStream = a => new FisherStream(a.Int(0)),
    };

    public static double[][] Compute(ReadOnlySpan<double> high, ReadOnlySpan<double> low, int period)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(period, 1);
        var n = high.Length;
        var r = IndicatorOutput.NewColumns(2, n);
        var price = new double[n];
        double xv = 0, fisher = 0;
        for (var i = 0; i < n; i++)
        {
            price[i] = (high[i] + low[i]) / 2;
            var w = Math.Min(period, i + 1);
            var max = Window.Max(price, i, w);
            var min = Window.Min(price, i, w);
            if (i == 0)
            {
                r[0][i] = 0;
                continue;
            }

            xv = max != min ? (0.33 * 2 * (((price[i] - min) / (max - min)) - 0.5)) + (0.67 * xv) : 0;
            xv = xv > 0.99 ? 0.999 : xv < -0.99 ? -0.999 : xv;
            r[1][i] = fisher;
            fisher = (0.5 * Math.Log((1 + xv) / (1 - xv))) + (0.5 * fisher);
            r[0][i] = fisher;
        }

        return r;
    }
}
