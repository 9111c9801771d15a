using MarketIntel.Core.Indicators.Catalog;
using MarketIntel.Core.Indicators.Common;

namespace MarketIntel.Core.Indicators.Momentum;

/// <summary>Awesome oscillator: SMA(fast) - SMA(slow) of the median price; normalized = 100 · oscillator / median price.</summary>
public static class Awesome
{
    public static readonly string[] Columns = ["oscillator", "normalized"];

    public static IndicatorDefinition Definition { get; } = new()
    {
        Name = "awesome",
        Title = "Awesome oscillator",
        Category = "momentum",
        Parameters = [IndicatorParameter.Int("fast", 5), IndicatorParameter.Int("slow", 34)],
        Outputs = Columns,
        WarmUp = a => a.Int(1) - 1,
        Evaluate = (a, s, _) => Out.Many(Columns, Compute(s.High, s.Low, a.Int(0), a.Int(1))),
        CreateStream = a => new AwesomeStream(a.Int(0), a.Int(1)),
    };

    public static double[][] Compute(ReadOnlySpan<double> high, ReadOnlySpan<double> low, int fast, int slow)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(slow, fast);
        var n = high.Length;
        var hl2 = new double[n];
        for (var i = 0; i < n; i++)
        {
            hl2[i] = (high[i] + low[i]) / 2;
        }

        var r = IndicatorOutput.NewColumns(2, n);
        for (var i = slow - 1; i < n; i++)
        {
            var osc = (Window.Sum(hl2, i, fast) / fast) - (Window.Sum(hl2, i, slow) / slow);
            r[0][i] = osc;
            r[1][i] = 100 * osc / hl2[i];
        }

        return r;
    }
}
