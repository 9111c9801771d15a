using MarketIntel.Core.Indicators.Catalog;
using MarketIntel.Core.Indicators.Common;

namespace MarketIntel.Core.Indicators.Trend;

/// <summary>Aroon: how recently (within the last <c>period</c> + 1 bars) the highest high and lowest low occurred, 0..100.</summary>
public static class Aroon
{
    public static readonly string[] Columns = ["aroonUp", "aroonDown", "oscillator"];

    public static IndicatorDefinition Definition { get; } = new()
    {
        Name = "aroon",
        Title = "Aroon",
        Category = "trend",
        Parameters = [IndicatorParameter.Int("period", 25)],
        Outputs = Columns,
        WarmUp = a => a.Int(0),
        Evaluate = (a, s, _) => Out.Many(Columns, Compute(s.High, s.Low, a.Int(0))),
        CreateStream = a => new AroonStream(a.Int(0)),
    };

    public static double[][] Compute(ReadOnlySpan<double> high, ReadOnlySpan<double> low, int period)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(period, 1);
        var n = high.Length;
        var r = IndicatorOutput.NewColumns(3, n);
        for (var i = period; i < n; i++)
        {
            int hi = i - period, lo = i - period;
            for (var j = i - period; j <= i; j++)
            {
                if (high[j] > high[hi])
                {
                    hi = j;
                }

                if (low[j] < low[lo])
                {
                    lo = j;
                }
            }

            var up = 100.0 * (period - (i - hi)) / period;
            var down = 100.0 * (period - (i - lo)) / period;
            r[0][i] = up;
            r[1][i] = down;
            r[2][i] = up - down;
        }

        return r;
    }
}
