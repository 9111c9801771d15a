using MarketIntel.Core.Indicators.Catalog;
using MarketIntel.Core.Indicators.Common;

namespace MarketIntel.Core.Indicators.Volume;

/// <summary>Percentage volume oscillator: 100 (fast EMA - slow EMA) / slow EMA of volume (empty while the slow EMA is 0), EMA signal.</summary>
public static class Pvo
{
    public static readonly string[] Columns = ["pvo", "signal", "histogram"];

    public static IndicatorDefinition Definition { get; } = new()
    {
        Name = "pvo",
        Title = "Percentage volume oscillator",
        Category = "volume",
        Parameters = [IndicatorParameter.Int("fast", 12), IndicatorParameter.Int("slow", 26), IndicatorParameter.Int("signal", 9)],
        Outputs = Columns,
        WarmUp = a => a.Int(1) - 1,
        Evaluate = (a, s, _) => Out.Many(Columns, Compute(s.Volume, a.Int(0), a.Int(1), a.Int(2))),
        CreateStream = a => new PvoStream(a.Int(0), a.Int(1), a.Int(2)),
    };

    public static double[][] Compute(ReadOnlySpan<double> volume, int fast, int slow, int signal)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(slow, fast);
        var n = volume.Length;
        var f = Out.New(n);
        var s = Out.New(n);
        Ma.Ema(volume, fast, f);
        Ma.Ema(volume, slow, s);
        var pvo = Out.New(n);
        for (var i = 0; i < n; i++)
        {
            pvo[i] = s[i] != 0 ? 100 * (f[i] - s[i]) / s[i] : double.NaN;
        }

        var sig = Out.New(n);
        Ma.Ema(pvo, signal, sig);
        var h = Out.New(n);
        for (var i = 0; i < n; i++)
        {
            h[i] = pvo[i] - sig[i];
        }

        return [pvo, sig, h];
    }
}
