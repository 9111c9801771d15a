using MarketIntel.Core.Indicators.Catalog;
using MarketIntel.Core.Indicators.Common;

namespace MarketIntel.Core.Indicators.Trend;

/// <summary>Vortex indicator: sums of |H - previous L| and |L - previous H| over <c>period</c> bars, each over the sum of true ranges.</summary>
public static class Vortex
{
    public static readonly string[] Columns = ["pvi", "nvi"];

    public static IndicatorDefinition Definition { get; } = new()
    {
        Name = "vortex",
        Title = "Vortex indicator",
        Category = "trend",
        Parameters = [IndicatorParameter.Int("period", 14, 2)],
        Outputs = Columns,
        WarmUp = a => a.Int(0),
        Evaluate = (a, s, _) => Out.Many(Columns, Compute(s.High, s.Low, s.Close, a.Int(0))),
        CreateStream = a => new VortexStream(a.Int(0)),
    };

    public static double[][] Compute(ReadOnlySpan<double> high, ReadOnlySpan<double> low, ReadOnlySpan<double> close, int period)
    {
        var n = close.Length;
        var r = IndicatorOutput.NewColumns(2, n);
        var tr = new double[n];
        var pvm = new double[n];
        var nvm = new double[n];
        for (var i = 1; i < n; i++)
        {
            tr[i] = Window.TrueRange(high, low, close, i);
            pvm[i] = Math.Abs(high[i] - low[i - 1]);
            nvm[i] = Math.Abs(low[i] - high[i - 1]);
            if (i >= period)
            {
                var t = Window.Sum(tr, i, period);
                if (t != 0)
                {
                    r[0][i] = Window.Sum(pvm, i, period) / t;
                    r[1][i] = Window.Sum(nvm, i, period) / t;
                }
            }
        }

        return r;
    }
}
