using MarketIntel.Core.Indicators.Catalog;
using MarketIntel.Core.Indicators.Common;

namespace MarketIntel.Core.Indicators.Momentum;

/// <summary>Chande momentum oscillator: 100 (sum of gains - sum of losses) / (their total) over <c>period</c> changes.</summary>
public static class Cmo
{
    public static IndicatorDefinition Definition { get; } = new()
    {
        Name = "cmo",
        Title = "Chande momentum oscillator",
        Category = "momentum",
        Parameters = [IndicatorParameter.Int("period", 14)],
        Outputs = ["cmo"],
        WarmUp = a => a.Int(0),
        Evaluate = (a, s, _) => Out.One("cmo", Compute(s.Close, a.Int(0))),
        CreateStream = a => new CmoStream(a.Int(0)),
    };

    public static double[] Compute(ReadOnlySpan<double> close, int period)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(period, 1);
        var n = close.Length;
        var r = Out.New(n);
        for (var i = period; i < n; i++)
        {
            double up = 0, down = 0;
            for (var j = i - period + 1; j <= i; j++)
            {
                var d = close[j] - close[j - 1];
                up += d > 0 ? d : 0;
                down += d < 0 ? -d : 0;
            }

            r[i] = up + down != 0 ? 100 * (up - down) / (up + down) : double.NaN;
        }

        return r;
    }
}
