using MarketIntel.Core.Indicators.Catalog;
using MarketIntel.Core.Indicators.Common;

namespace MarketIntel.Core.Indicators.Volume;

/// <summary>
/// Klinger volume oscillator: volume force from the trend of H+L+C and the cumulative measurement of the daily range,
/// fast EMA - slow EMA of it, and an EMA signal. Volume force is 0 where the cumulative range is zero (a flat bar still
/// counts, with dm/cm = 0, as in the reference).
/// </summary>
public static class Kvo
{
    public static readonly string[] Columns = ["oscillator", "signal"];

    public static IndicatorDefinition Definition { get; } = new()
    {
        Name = "kvo",
        Title = "Klinger volume oscillator",
        Category = "volume",
        Parameters = [IndicatorParameter.Int("fast", 34, 2), IndicatorParameter.Int("slow", 55), IndicatorParameter.Int("signal", 13)],
        Outputs = Columns,
        WarmUp = a => a.Int(1) + 1,
        Evaluate = (a, s, _) => Out.Many(Columns, Compute(s.High, s.Low, s.Close, s.Volume, a.Int(0), a.Int(1), a.Int(2))),
        CreateStream = a => new KvoStream(a.Int(0), a.Int(1), a.Int(2)),
    };

    public static double[][] Compute(ReadOnlySpan<double> high, ReadOnlySpan<double> low, ReadOnlySpan<double> close, ReadOnlySpan<double> volume, int fast, int slow, int signal)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(slow, fast);
        var n = close.Length;
        var vf = Out.New(n);
        double prevHlc = 0, prevDm = 0, cm = 0;
        var prevTrend = 0;
        for (var i = 0; i < n; i++)
        {
            var hlc = high[i] + low[i] + close[i];
            var dm = high[i] - low[i];
            if (i > 0)
            {
                var trend = hlc > prevHlc ? 1 : -1;
                if (i > 1)
                {
                    cm = trend == prevTrend ? cm + dm : prevDm + dm;
                    vf[i] = cm == 0 ? 0 : volume[i] * Math.Abs(2 * ((dm / cm) - 1)) * trend * 100;
                }

                prevTrend = trend;
            }

            prevHlc = hlc;
            prevDm = dm;
        }

        var f = Out.New(n);
        var s = Out.New(n);
        Ma.Ema(vf, fast, f);
        Ma.Ema(vf, slow, s);
        var osc = Out.New(n);
        for (var i = 0; i < n; i++)
        {
            osc[i] = f[i] - s[i];
        }

        var sig = Out.New(n);
        Ma.Ema(osc, signal, sig);
        return [osc, sig];
    }
}
