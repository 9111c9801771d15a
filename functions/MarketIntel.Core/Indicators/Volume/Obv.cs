using MarketIntel.Core.Indicators.Catalog;
using MarketIntel.Core.Indicators.Common;

namespace MarketIntel.Core.Indicators.Volume;

/// <summary>On-balance volume: 0 at the first bar, then ± each bar's volume by the sign of the close's change.</summary>
public static class Obv
{
    public static IndicatorDefinition Definition { get; } = new()
    {
        Name = "obv",
        Title = "On-balance volume",
        Category = "volume",
        Outputs = ["obv"],
        WarmUp = _ => 0,
        Evaluate = (_, s, _) => Out.One("obv", Compute(s.Close, s.Volume)),
        CreateStream = _ => new ObvStream(),
    };

    public static double[] Compute(ReadOnlySpan<double> close, ReadOnlySpan<double> volume)
    {
        var r = Out.New(close.Length);
        var obv = 0.0;
        for (var i = 0; i < close.Length; i++)
        {
            if (i > 0)
            {
                obv += close[i] > close[i - 1] ? volume[i] : close[i] < close[i - 1] ? -volume[i] : 0;
            }

            r[i] = obv;
        }

        return r;
    }
}
