using MarketIntel.Core.Indicators.Catalog;
using MarketIntel.Core.Indicators.Common;

namespace MarketIntel.Core.Indicators.Volume;

/// <summary>Chaikin oscillator: fast EMA - slow EMA of the accumulation/distribution line.</summary>
public static class ChaikinOsc
{
    public static readonly string[] Columns = ["moneyFlowMultiplier", "moneyFlowVolume", "adl", "oscillator", "fastEma", "slowEma"];

    public static IndicatorDefinition Definition { get; } = new()
    {
        Name = "chaikinosc",
        Title = "Chaikin oscillator",
        Category = "volume",
        Parameters = [IndicatorParameter.Int("fast", 3), IndicatorParameter.Int("slow", 10)],
        Outputs = ["oscillator", "adl", "moneyFlowMultiplier", "moneyFlowVolume", "fastEma", "slowEma"],
        WarmUp = a => a.Int(1) - 1,
        Evaluate = (a, s, _) => Out.Many(Columns, Compute(s.High, s.Low, s.Close, s.Volume, a.Int(0), a.Int(1))),
        CreateStream = a => new ChaikinOscStream(a.Int(0), a.Int(1)),
    };

    public static double[][] Compute(ReadOnlySpan<double> high, ReadOnlySpan<double> low, ReadOnlySpan<double> close, ReadOnlySpan<double> volume, int fast, int slow)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(fast, 1);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(slow, fast);
        var n = close.Length;
        var adl = Adl.Compute(high, low, close, volume);
        var f = Out.New(n);
        var s = Out.New(n);
        Ma.Ema(adl[0], fast, f);
        Ma.Ema(adl[0], slow, s);
        var osc = Out.New(n);
        for (var i = 0; i < n; i++)
        {
            osc[i] = f[i] - s[i];
        }

        return [adl[1], adl[2], adl[0], osc, f, s];
    }
}
