using MarketIntel.Core.Indicators.Catalog;
using MarketIntel.Core.Indicators.Common;

namespace MarketIntel.Core.Indicators.Volume;

/// <summary>Chaikin money flow: sum of money-flow volume over sum of volume (empty when the window has no volume).</summary>
public static class Cmf
{
    public static readonly string[] Columns = ["moneyFlowMultiplier", "moneyFlowVolume", "cmf"];

    public static IndicatorDefinition Definition { get; } = new()
    {
        Name = "cmf",
        Title = "Chaikin money flow",
        Category = "volume",
        Parameters = [IndicatorParameter.Int("period", 20)],
        Outputs = ["cmf", "moneyFlowMultiplier", "moneyFlowVolume"],
        WarmUp = a => a.Int(0) - 1,
        Evaluate = (a, s, _) => Out.Many(Columns, Compute(s.High, s.Low, s.Close, s.Volume, a.Int(0))),
        CreateStream = a => new CmfStream(a.Int(0)),
    };

    public static double[][] Compute(ReadOnlySpan<double> high, ReadOnlySpan<double> low, ReadOnlySpan<double> close, ReadOnlySpan<double> volume, int period)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(period, 1);
        var n = close.Length;
        var r = IndicatorOutput.NewColumns(3, n);
        for (var i = 0; i < n; i++)
        {
            var m = Adl.Multiplier(high[i], low[i], close[i]);
            r[0][i] = m;
            r[1][i] = m * volume[i];
            if (i >= period - 1)
            {
                var v = Window.Sum(volume, i, period);
                r[2][i] = v > 0 ? Window.Sum(r[1], i, period) / v : double.NaN;
            }
        }

        return r;
    }
}
