using MarketIntel.Core.Indicators.Catalog;

namespace MarketIntel.Core.Indicators.Volatility;

/// <summary>
/// Wilder's volatility stop: a stop multiplier·ATR (the previous bar's ATR) away from the significant close of the
/// current trend; the trend flips when the close crosses it. The initial trend is a guess, so everything through the
/// first stop is left empty, as in the reference.
/// </summary>
public static class VolatilityStop
{
    public static readonly string[] Columns = ["sar", "isStop", "upperBand", "lowerBand"];

    public static IndicatorDefinition Definition { get; } = new()
    {
        Name = "volstop",
        Title = "Volatility stop",
        Category = "volatility",
        Parameters = [IndicatorParameter.Int("period", 7, 2), IndicatorParameter.Real("multiplier", 3, 0.01, 100)],
        Outputs = Columns,
        WarmUp = a => a.Int(0) + 1,
        DataDependentWarmUp = true,
        Evaluate = (a, s, _) =>
        {
            var r = Compute(s.Close, s.High, s.Low, a.Int(0), a.Real(1));
            return new IndicatorOutput([new IndicatorColumn("sar", r[0]), new IndicatorColumn("isStop", r[1], IndicatorColumnKind.Boolean),
                new IndicatorColumn("upperBand", r[2]), new IndicatorColumn("lowerBand", r[3])]);
        },
        CreateStream = a => new VolatilityStopStream(a.Int(0), a.Real(1)),
    };

    public static double[][] Compute(ReadOnlySpan<double> close, ReadOnlySpan<double> high, ReadOnlySpan<double> low, int period, double multiplier)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(period, 2);
        var n = close.Length;
        var r = IndicatorOutput.NewColumns(4, n);
        if (n < period)
        {
            return r;
        }

        var atr = Atr.Values(high, low, close, period);
        var sic = close[0];
        var isLong = close[period - 1] > sic;
        for (var i = 0; i < period; i++)
        {
            sic = isLong ? Math.Max(sic, close[i]) : Math.Min(sic, close[i]);
        }

        var firstStop = -1;
        for (var i = period; i < n; i++)
        {
            var arc = atr[i - 1] * multiplier;
            if (double.IsNaN(arc))
            {
                continue;
            }

            var sar = isLong ? sic - arc : sic + arc;
            r[0][i] = sar;
            r[isLong ? 3 : 2][i] = sar;
            var stop = isLong ? close[i] < sar : close[i] > sar;
            r[1][i] = stop ? 1 : 0;
            if (stop)
            {
                sic = close[i];
                isLong = !isLong;
                if (firstStop < 0)
                {
                    firstStop = i;
                }
            }
            else
            {
                sic = isLong ? Math.Max(sic, close[i]) : Math.Min(sic, close[i]);
            }
        }

        var blank = firstStop < 0 ? n : firstStop + 1;
        foreach (var c in r)
        {
            c.AsSpan(0, blank).Fill(double.NaN);
        }

        return r;
    }
}
