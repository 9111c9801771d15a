using MarketIntel.Core.Indicators.Catalog;
using MarketIntel.Core.Indicators.Common;

namespace MarketIntel.Core.Indicators.Patterns;

/// <summary>
/// Williams fractals: a bearish fractal is a high above the <c>span</c> highs on each side, a bullish one a low below
/// the lows on each side. The mark sits on the middle bar, so it is known only <c>span</c> bars later (look-ahead).
/// </summary>
public static class Fractal
{
    public static readonly string[] Columns = ["fractalBear", "fractalBull"];

    public static IndicatorDefinition Definition { get; } = new()
    {
        Name = "fractal",
        Title = "Williams fractal",
        Category = "patterns",
        Parameters = [IndicatorParameter.Int("span", 2)],
        Outputs = Columns,
        WarmUp = a => a.Int(0),
        DataDependentWarmUp = true,
        Evaluate = (a, s, _) => Out.Many(Columns, Compute(s.High, s.Low, a.Int(0))),
    };

    public static double[][] Compute(ReadOnlySpan<double> high, ReadOnlySpan<double> low, int span)
    {
        var n = high.Length;
        var r = IndicatorOutput.NewColumns(2, n);
        for (var i = span; i + span < n; i++)
        {
            bool bear = true, bull = true;
            for (var j = i - span; j <= i + span; j++)
            {
                if (j == i)
                {
                    continue;
                }

                bear &= high[i] > high[j];
                bull &= low[i] < low[j];
            }

            if (bear)
            {
                r[0][i] = high[i];
            }

            if (bull)
            {
                r[1][i] = low[i];
            }
        }

        return r;
    }
}
