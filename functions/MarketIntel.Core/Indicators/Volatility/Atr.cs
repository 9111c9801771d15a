using MarketIntel.Core.Indicators.Catalog;
using MarketIntel.Core.Indicators.Common;

namespace MarketIntel.Core.Indicators.Volatility;

/// <summary>Average true range (Wilder), seeded by the mean of the first <c>period</c> true ranges (bars 1..period); atrp = 100 atr / close.</summary>
public static class Atr
{
    public static readonly string[] Columns = ["tr", "atr", "atrp"];

    public static IndicatorDefinition Definition { get; } = new()
    {
        Name = "atr",
        Title = "Average true range",
        Category = "volatility",
        Parameters = [IndicatorParameter.Int("period", 14)],
        Outputs = ["atr", "tr", "atrp"],
        WarmUp = a => a.Int(0),
        Evaluate = (a, s, _) => Out.Many(Columns, Compute(s.High, s.Low, s.Close, a.Int(0))),
        CreateStream = a => new AtrStream(a.Int(0)),
    };

    /// <summary>Columns tr, atr, atrp.</summary>
    public static double[][] Compute(ReadOnlySpan<double> high, ReadOnlySpan<double> low, ReadOnlySpan<double> close, int period)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(period, 1);
        var n = close.Length;
        var tr = Ma.Prefixed(n, 1);
        var atr = Ma.Prefixed(n, period);
        var atrp = Ma.Prefixed(n, period);
        var wa = (period - 1) / (double)period;
        var wb = 1.0 / period;
        var sum = 0.0;
        var a = 0.0;
        for (var i = 1; i < n; i++)
        {
            var t = Window.TrueRange(high[i], low[i], close[i - 1]);
            tr[i] = t;
            if (i < period)
            {
                sum += t;
                continue;
            }

            a = i == period ? (sum + t) / period : Momentum.Rsi.Wilder(a, t, wa, wb);
            atr[i] = a;
            atrp[i] = a / close[i] * 100;
        }

        return [tr, atr, atrp];
    }

    /// <summary>Just the ATR column.</summary>
    public static double[] Values(ReadOnlySpan<double> high, ReadOnlySpan<double> low, ReadOnlySpan<double> close, int period) =>
        Compute(high, low, close, period)[1];
}
