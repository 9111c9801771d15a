using MarketIntel.Core.Indicators.Catalog;
using MarketIntel.Core.Indicators.Common;

namespace MarketIntel.Core.Indicators.Trend;

/// <summary>
/// Ichimoku cloud. Spans A and B are plotted <c>kijun</c> bars ahead (the value at bar i was computed at i - kijun);
/// the chikou span is the close <c>kijun</c> bars later, so it looks ahead by design and is empty for the last bars.
/// </summary>
public static class Ichimoku
{
    public static readonly string[] Columns = ["tenkanSen", "kijunSen", "senkouSpanA", "senkouSpanB", "chikouSpan"];

    public static IndicatorDefinition Definition { get; } = new()
    {
        Name = "ichimoku",
        Title = "Ichimoku cloud",
        Category = "trend",
        Parameters = [IndicatorParameter.Int("tenkan", 9), IndicatorParameter.Int("kijun", 26), IndicatorParameter.Int("senkouB", 52)],
        Outputs = Columns,
        WarmUp = a => a.Int(0) - 1,
        Evaluate = (a, s, _) => Out.Many(Columns, Compute(s.High, s.Low, s.Close, a.Int(0), a.Int(1), a.Int(2))),
        CreateStream = a => new IchimokuStream(a.Int(0), a.Int(1), a.Int(2)),
    };

    public static double[][] Compute(ReadOnlySpan<double> high, ReadOnlySpan<double> low, ReadOnlySpan<double> close, int tenkan, int kijun, int senkouB)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(tenkan, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(kijun, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(senkouB, 1);
        var n = close.Length;
        var r = IndicatorOutput.NewColumns(5, n);
        for (var i = 0; i < n; i++)
        {
            if (i >= tenkan - 1)
            {
                r[0][i] = (Window.Max(high, i, tenkan) + Window.Min(low, i, tenkan)) / 2;
            }

            if (i >= kijun - 1)
            {
                r[1][i] = (Window.Max(high, i, kijun) + Window.Min(low, i, kijun)) / 2;
            }

            var p = i - kijun;
            if (p >= kijun - 1 && p >= tenkan - 1)
            {
                r[2][i] = (r[0][p] + r[1][p]) / 2;
            }

            if (p >= senkouB - 1)
            {
                r[3][i] = (Window.Max(high, p, senkouB) + Window.Min(low, p, senkouB)) / 2;
            }

            if (i + kijun < n)
            {
                r[4][i] = close[i + kijun];
            }
        }

        return r;
    }
}
