using MarketIntel.Core.Indicators.Catalog;
using MarketIntel.Core.Indicators.Common;

namespace MarketIntel.Core.Indicators.Trend;

/// <summary>
/// Detrended price oscillator: close minus the SMA centred period/2 + 1 bars later, so it looks ahead by design and
/// the last period/2 + 1 bars are empty; the sma column is that shifted SMA.
/// </summary>
public static class Dpo
{
    public static readonly string[] Columns = ["dpo", "sma"];

    public static IndicatorDefinition Definition { get; } = new()
    {
        Name = "dpo",
        Title = "Detrended price oscillator",
        Category = "trend",
        Parameters = [IndicatorParameter.Int("period", 14)],
        Outputs = Columns,
        WarmUp = a => a.Int(0) - (a.Int(0) / 2) - 2,
        Evaluate = (a, s, _) => Out.Many(Columns, Compute(s.Close, a.Int(0))),
    };

    public static double[][] Compute(ReadOnlySpan<double> close, int period)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(period, 2);
        var n = close.Length;
        var sma = Out.New(n);
        Ma.Sma(close, period, sma);
        var offset = (period / 2) + 1;
        var r = IndicatorOutput.NewColumns(2, n);
        for (var i = 0; i + offset < n; i++)
        {
            r[1][i] = sma[i + offset];
            r[0][i] = close[i] - sma[i + offset];
        }

        return r;
    }
}
