using MarketIntel.Core.Indicators.Catalog;
using MarketIntel.Core.Indicators.Common;

namespace MarketIntel.Core.Indicators.Volume;

/// <summary>
/// Accumulation/distribution line: running sum of money-flow volume, where the multiplier ((C-L)-(H-C))/(H-L) is 0 for a
/// bar with no range.
/// </summary>
public static class Adl
{
    public static readonly string[] Columns = ["adl", "moneyFlowMultiplier", "moneyFlowVolume"];

    public static IndicatorDefinition Definition { get; } = new()
    {
        Name = "adl",
        Title = "Accumulation/distribution line",
        Category = "volume",
        Outputs = Columns,
        WarmUp = _ => 0,
        Evaluate = (_, s, _) => Out.Many(Columns, Compute(s.High, s.Low, s.Close, s.Volume)),
        CreateStream = _ => new AdlStream(),
    };

    public static double Multiplier(double high, double low, double close) =>
        high == low ? 0 : ((close - low) - (high - close)) / (high - low);

    public static double[][] Compute(ReadOnlySpan<double> high, ReadOnlySpan<double> low, ReadOnlySpan<double> close, ReadOnlySpan<double> volume)
    {
        var n = close.Length;
        var r = IndicatorOutput.NewColumns(3, n);
        var adl = 0.0;
        for (var i = 0; i < n; i++)
        {
            var m = Multiplier(high[i], low[i], close[i]);
            var mfv = m * volume[i];
            adl += mfv;
            r[0][i] = adl;
            r[1][i] = m;
            r[2][i] = mfv;
        }

        return r;
    }
}
