using MarketIntel.Core.Indicators.Catalog;
using MarketIntel.Core.Indicators.Common;
using MarketIntel.Core.Indicators.Patterns;

namespace MarketIntel.Core.Indicators.Volatility;

/// <summary>Fractal chaos bands: the latest confirmed bearish fractal high and bullish fractal low, carried forward.</summary>
public static class Fcb
{
    public static readonly string[] Columns = ["upperBand", "lowerBand"];

    public static IndicatorDefinition Definition { get; } = new()
    {
        Name = "fcb",
        Title = "Fractal chaos bands",
        Category = "volatility",
        Parameters = [IndicatorParameter.Int("span", 2)],
        Outputs = Columns,
        WarmUp = a => 2 * a.Int(0),
        DataDependentWarmUp = true,
        Evaluate = (a, s, _) =>
        {
            var span = a.Int(0);
            var f = Fractal.Compute(s.High, s.Low, span);
            var r = IndicatorOutput.NewColumns(2, s.Count);
            double up = double.NaN, lo = double.NaN;
            for (var i = 2 * span; i < s.Count; i++)
            {
                var k = i - span;
                up = double.IsNaN(f[0][k]) ? up : f[0][k];
                lo = double.IsNaN(f[1][k]) ? lo : f[1][k];
                r[0][i] = up;
                r[1][i] = lo;
            }

            return Out.Many(Columns, r);
        },
        CreateStream = a => new FcbStream(a.Int(0)),
    };
}
