using MarketIntel.Core.Indicators.Catalog;
using MarketIntel.Core.Indicators.Common;

namespace MarketIntel.Core.Indicators.Trend;

/// <summary>
/// Average directional index (Wilder). True range and directional movements are Wilder-summed from bar 1 (the first
/// <c>period</c> are added up); ADX starts as the mean of the first <c>period</c> DX values; ADXR averages ADX with
/// its value <c>period</c> bars earlier. DX is 0 when +DI + -DI is zero (no directional movement).
/// </summary>
public static class Adx
{
    public static readonly string[] Columns = ["pdi", "mdi", "dx", "adx", "adxr"];

    public static IndicatorDefinition Definition { get; } = new()
    {
        Name = "adx",
        Title = "Average directional index",
        Category = "trend",
        Parameters = [IndicatorParameter.Int("period", 14, 2)],
        Outputs = Columns,
        WarmUp = a => a.Int(0),
        Evaluate = (a, s, _) => Out.Many(Columns, Compute(s.High, s.Low, s.Close, a.Int(0))),
        CreateStream = a => new AdxStream(a.Int(0)),
    };

    public static double[][] Compute(ReadOnlySpan<double> high, ReadOnlySpan<double> low, ReadOnlySpan<double> close, int period)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(period, 2);
        var n = close.Length;
        var r = IndicatorOutput.NewColumns(5, n);
        double trs = 0, pdms = 0, mdms = 0, dxSum = 0, adx = 0;
        for (var i = 1; i < n; i++)
        {
            var tr = Window.TrueRange(high, low, close, i);
            var up = high[i] - high[i - 1];
            var down = low[i - 1] - low[i];
            var pdm = up > down && up > 0 ? up : 0;
            var mdm = down > up && down > 0 ? down : 0;
            if (i <= period)
            {
                trs += tr;
                pdms += pdm;
                mdms += mdm;
                if (i < period)
                {
                    continue;
                }
            }
            else
            {
                trs = trs - (trs / period) + tr;
                pdms = pdms - (pdms / period) + pdm;
                mdms = mdms - (mdms / period) + mdm;
            }

            if (trs == 0)
            {
                continue;
            }

            var pdi = 100 * pdms / trs;
            var mdi = 100 * mdms / trs;
            var dx = pdi + mdi == 0 ? 0 : 100 * Math.Abs(pdi - mdi) / (pdi + mdi);
            r[0][i] = pdi;
            r[1][i] = mdi;
            r[2][i] = dx;
            if (i < 2 * period)
            {
                dxSum += dx;
                if (i < (2 * period) - 1)
                {
                    continue;
                }

                adx = dxSum / period;
            }
            else
            {
                adx = ((adx * (period - 1)) + dx) / period;
            }

            r[3][i] = adx;
            if (i >= (3 * period) - 1)
            {
                r[4][i] = (adx + r[3][i - period]) / 2;
            }
        }

        return r;
    }
}
