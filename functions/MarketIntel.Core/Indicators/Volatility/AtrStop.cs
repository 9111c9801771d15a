using MarketIntel.Core.Indicators.Catalog;
using MarketIntel.Core.Indicators.Common;

namespace MarketIntel.Core.Indicators.Volatility;

/// <summary>ATR trailing stop: bands at close (or high/low) ± multiplier·ATR that only tighten; the active band is the stop.</summary>
public static class AtrStop
{
    public static readonly string[] Columns = ["atrStop", "buyStop", "sellStop", "atr"];

    public static IndicatorDefinition Definition { get; } = new()
    {
        Name = "atrstop",
        Title = "ATR trailing stop",
        Category = "volatility",
        Parameters = [IndicatorParameter.Int("period", 21), IndicatorParameter.Real("multiplier", 3, 0.01, 100), IndicatorParameter.Choice("endType", "close", "close", "highlow")],
        Outputs = Columns,
        WarmUp = a => a.Int(0),
        Evaluate = (a, s, _) => Out.Many(Columns, Compute(s.High, s.Low, s.Close, a.Int(0), a.Real(1), a.Choice(2) == "close")),
        CreateStream = a => new AtrStopStream(a.Int(0), a.Real(1), a.Choice(2) == "close"),
    };

    public static double[][] Compute(ReadOnlySpan<double> high, ReadOnlySpan<double> low, ReadOnlySpan<double> close, int period, double multiplier, bool useClose)
    {
        var n = close.Length;
        var r = IndicatorOutput.NewColumns(4, n);
        var atr = Atr.Values(high, low, close, period);
        double upper = 0, lower = 0;
        var bullish = true;
        for (var i = period; i < n; i++)
        {
            var upperEval = (useClose ? close[i] : high[i]) + (multiplier * atr[i]);
            var lowerEval = (useClose ? close[i] : low[i]) - (multiplier * atr[i]);
            if (i == period)
            {
                bullish = close[i] >= close[i - 1];
                upper = upperEval;
                lower = lowerEval;
            }

            TrailingBands.Trail(ref upper, ref lower, upperEval, lowerEval, close[i - 1]);
            bullish = TrailingBands.IsBullish(bullish, close[i], upper, lower);
            r[0][i] = bullish ? lower : upper;
            r[bullish ? 2 : 1][i] = bullish ? lower : upper;

            r[3][i] = atr[i];
        }

        return r;
    }
}
