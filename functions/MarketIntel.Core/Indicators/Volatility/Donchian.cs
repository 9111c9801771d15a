using MarketIntel.Core.Indicators.Catalog;
using MarketIntel.Core.Indicators.Common;

namespace MarketIntel.Core.Indicators.Volatility;

/// <summary>Donchian channels over the <c>period</c> bars before the current one (the current bar is excluded).</summary>
public static class Donchian
{
    public static readonly string[] Columns = ["upperBand", "centerline", "lowerBand", "width"];

    public static IndicatorDefinition Definition { get; } = new()
    {
        Name = "donchian",
        Title = "Donchian channels",
        Category = "volatility",
        Parameters = [IndicatorParameter.Int("period", 20)],
        Outputs = Columns,
        WarmUp = a => a.Int(0),
        Evaluate = (a, s, _) => Out.Many(Columns, Compute(s.High, s.Low, a.Int(0))),
        CreateStream = a => new DonchianStream(a.Int(0)),
    };

    public static double[][] Compute(ReadOnlySpan<double> high, ReadOnlySpan<double> low, int period)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(period, 1);
        var n = high.Length;
        var r = IndicatorOutput.NewColumns(4, n);
        for (var i = period; i < n; i++)
        {
            var u = Window.Max(high, i - 1, period);
            var l = Window.Min(low, i - 1, period);
            var c = (u + l) / 2;
            r[0][i] = u;
            r[1][i] = c;
            r[2][i] = l;
            r[3][i] = (u - l) / c;
        }

        return r;
    }
}
