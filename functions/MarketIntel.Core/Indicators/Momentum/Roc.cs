using MarketIntel.Core.Indicators.Catalog;
using MarketIntel.Core.Indicators.Common;

namespace MarketIntel.Core.Indicators.Momentum;

/// <summary>Rate of change: momentum = close - close n bars ago, roc = 100 momentum / that close.</summary>
public static class Roc
{
    public static readonly string[] Columns = ["momentum", "roc"];

    public static IndicatorDefinition Definition { get; } = new()
    {
        Name = "roc",
        Title = "Rate of change",
        Category = "momentum",
        Parameters = [IndicatorParameter.Int("period", 12)],
        Outputs = ["roc", "momentum"],
        WarmUp = a => a.Int(0),
        Evaluate = (a, s, _) => Out.Many(Columns, Compute(s.Close, a.Int(0))),
        CreateStream = a => new RocStream(a.Int(0)),
    };

    public static double[][] Compute(ReadOnlySpan<double> close, int period)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(period, 1);
        var r = IndicatorOutput.NewColumns(2, close.Length);
        for (var i = period; i < close.Length; i++)
        {
            var m = close[i] - close[i - period];
            r[0][i] = m;
            r[1][i] = 100 * m / close[i - period];
        }

        return r;
    }
}
