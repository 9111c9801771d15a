using MarketIntel.Core.Indicators.Catalog;
using MarketIntel.Core.Indicators.Common;
using MarketIntel.Core.Indicators.Volatility;

namespace MarketIntel.Core.Indicators.Trend;

/// <summary>
/// SuperTrend: bands at (H+L)/2 ± multiplier·ATR that only tighten while price stays inside them; the trend flips when
/// the close crosses the active band. Only the active band is output (upper in a downtrend, lower in an uptrend).
/// </summary>
public static class SuperTrend
{
    public static readonly string[] Columns = ["superTrend", "upperBand", "lowerBand"];

    public static IndicatorDefinition Definition { get; } = new()
    {
        Name = "supertrend",
        Title = "SuperTrend",
        Category = "trend",
        Parameters = [IndicatorParameter.Int("period", 10, 2), IndicatorParameter.Real("multiplier", 3, 0.01, 100)],
        Outputs = Columns,
        WarmUp = a => a.Int(0),
        Evaluate = (a, s, _) => Out.Many(Columns, Compute(s.High, s.Low, s.Close, a.Int(0), a.Real(1))),
        CreateStream = a => new SuperTrendStream(a.Int(0), a.Real(1)),
    };

    public static double[][] Compute(ReadOnlySpan<double> high, ReadOnlySpan<double> low, ReadOnlySpan<double> close, int period, double multiplier)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(period, 2);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(multiplier);
        var n = close.Length;
        var r = IndicatorOutput.NewColumns(3, n);
        var atr = Atr.Values(high, low, close, period);
        double upper = 0, lower = 0;
        var bullish = true;
        for (var i = period; i < n; i++)
        {
            var mid = (high[i] + low[i]) / 2;
            var upperEval = mid + (multiplier * atr[i]);
            var lowerEval = mid - (multiplier * atr[i]);
            if (i == period)
            {
                bullish = close[i] >= mid;
                upper = upperEval;
                lower = lowerEval;
            }
            else
            {
                upper = upperEval < upper || close[i - 1] > upper ? upperEval : upper;
                lower = lowerEval > lower || close[i - 1] < lower ? lowerEval : lower;
            }

            if (close[i] <= (bullish ? lower : upper))
            {
                bullish = false;
                r[0][i] = upper;
                r[1][i] = upper;
            }
            else
            {
                bullish = true;
                r[0][i] = lower;
                r[2][i] = lower;
            }
        }

        return r;
    }
}
