using MarketIntel.Core.Indicators.Catalog;
using MarketIntel.Core.Indicators.Common;

namespace MarketIntel.Core.Indicators.Volatility;

/// <summary>True range: max(high - low, |high - previous close|, |low - previous close|); empty on the first bar.</summary>
public static class Tr
{
    public static IndicatorDefinition Definition { get; } = new()
    {
        Name = "tr",
        Title = "True range",
        Category = "volatility",
        Outputs = ["tr"],
        WarmUp = _ => 1,
        Evaluate = (_, s, _) => Out.One("tr", Compute(s.High, s.Low, s.Close)),
        CreateStream = _ => new TrStream(),
    };

    public static double[] Compute(ReadOnlySpan<double> high, ReadOnlySpan<double> low, ReadOnlySpan<double> close)
    {
        var r = Out.New(close.Length);
        for (var i = 1; i < close.Length; i++)
        {
            r[i] = Window.TrueRange(high, low, close, i);
        }

        return r;
    }
}
