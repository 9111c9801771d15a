using MarketIntel.Core.Indicators.Catalog;
using MarketIntel.Core.Indicators.Common;

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
        var st = Ma.Prefixed(n, period);
        var upperOut = Ma.Prefixed(n, period);
        var lowerOut = Ma.Prefixed(n, period);
        var wa = (period - 1) / (double)period;
        var wb = 1.0 / period;
        double sum = 0, atr = 0, upper = 0, lower = 0;
        var bullish = true;
        for (var i = 1; i < n; i++)
        {
            // The ATR inline, with Atr's arithmetic (the stream uses AtrStream: same numbers).
            var t = Window.TrueRange(high[i], low[i], close[i - 1]);
            if (i < period)
            {
                sum += t;
                continue;
            }

            atr = i == period ? (sum + t) / period : Momentum.Rsi.Wilder(atr, t, wa, wb);
            var mid = (high[i] + low[i]) / 2;
            var upperEval = mid + (multiplier * atr);
            var lowerEval = mid - (multiplier * atr);
            if (i == period)
            {
                bullish = close[i] >= mid;
                upper = upperEval;
                lower = lowerEval;
            }
            else
            {
                TrailingBands.Trail(ref upper, ref lower, upperEval, lowerEval, close[i - 1]);
            }

            bullish = TrailingBands.IsBullish(bullish, close[i], upper, lower);
            st[i] = bullish ? lower : upper;
            upperOut[i] = bullish ? double.NaN : upper;
            lowerOut[i] = bullish ? lower : double.NaN;
        }

        return [st, upperOut, lowerOut];
    }
}
