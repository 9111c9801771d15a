using MarketIntel.Core.Indicators.Catalog;
using MarketIntel.Core.Indicators.Common;

namespace MarketIntel.Core.Indicators.Volatility;

/// <summary>Keltner channels: EMA of the close ± multiplier·ATR.</summary>
public static class Keltner
{
    public static readonly string[] Columns = ["upperBand", "centerline", "lowerBand", "width"];

    public static IndicatorDefinition Definition { get; } = new()
    {
        Name = "keltner",
        Title = "Keltner channels",
        Category = "volatility",
        Parameters = [IndicatorParameter.Int("emaPeriod", 20), IndicatorParameter.Real("multiplier", 2, 0.01, 100), IndicatorParameter.Int("atrPeriod", 10)],
        Outputs = Columns,
        WarmUp = a => Math.Max(a.Int(0) - 1, a.Int(2)),
        Evaluate = (a, s, _) => Out.Many(Columns, Compute(s.High, s.Low, s.Close, a.Int(0), a.Real(1), a.Int(2))),
        CreateStream = a => new KeltnerStream(a.Int(0), a.Real(1), a.Int(2)),
    };

    public static double[][] Compute(ReadOnlySpan<double> high, ReadOnlySpan<double> low, ReadOnlySpan<double> close, int emaPeriod, double multiplier, int atrPeriod)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(emaPeriod, 1);
        var n = close.Length;
        var r = IndicatorOutput.NewColumns(4, n);
        var ema = Out.New(n);
        Ma.Ema(close, emaPeriod, ema);
        var atr = Atr.Values(high, low, close, atrPeriod);
        for (var i = Math.Max(emaPeriod - 1, atrPeriod); i < n; i++)
        {
            var u = ema[i] + (multiplier * atr[i]);
            var l = ema[i] - (multiplier * atr[i]);
            r[0][i] = u;
            r[1][i] = ema[i];
            r[2][i] = l;
            r[3][i] = (u - l) / ema[i];
        }

        return r;
    }
}
