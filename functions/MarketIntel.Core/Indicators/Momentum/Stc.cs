using MarketIntel.Core.Indicators.Catalog;
using MarketIntel.Core.Indicators.Common;
using MarketIntel.Core.Indicators.Trend;

namespace MarketIntel.Core.Indicators.Momentum;

/// <summary>Schaff trend cycle: a stochastic (cycle bars, %K smoothed over 3) of the MACD line (0 when the MACD window is flat).</summary>
public static class Stc
{
    public static IndicatorDefinition Definition { get; } = new()
    {
        Name = "stc",
        Title = "Schaff trend cycle",
        Category = "momentum",
        Parameters = [IndicatorParameter.Int("cycle", 10), IndicatorParameter.Int("fast", 23), IndicatorParameter.Int("slow", 50)],
        Outputs = ["stc"],
        WarmUp = a => a.Int(2) + a.Int(0),
        Evaluate = (a, s, _) => Out.One("stc", Compute(s.Close, a.Int(0), a.Int(1), a.Int(2))),
        CreateStream = a => new StcStream(a.Int(0), a.Int(1), a.Int(2)),
    };

    public static double[] Compute(ReadOnlySpan<double> close, int cycle, int fast, int slow)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(cycle, 1);
        var n = close.Length;
        var macd = Macd.Compute(close, fast, slow, 1)[0];
        var raw = Out.New(n);
        for (var i = slow + cycle - 2; i < n; i++)
        {
            var hh = Window.Max(macd, i, cycle);
            var ll = Window.Min(macd, i, cycle);
            raw[i] = hh - ll != 0 ? 100 * (macd[i] - ll) / (hh - ll) : 0;
        }

        var r = Out.New(n);
        Ma.Sma(raw, 3, r);
        return r;
    }
}
