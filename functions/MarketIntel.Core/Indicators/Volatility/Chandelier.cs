using MarketIntel.Core.Indicators.Catalog;
using MarketIntel.Core.Indicators.Common;

namespace MarketIntel.Core.Indicators.Volatility;

/// <summary>Chandelier exit: highest high - multiplier·ATR (long) or lowest low + multiplier·ATR (short) over <c>period</c> bars.</summary>
public static class Chandelier
{
    public static IndicatorDefinition Definition { get; } = new()
    {
        Name = "chandelier",
        Title = "Chandelier exit",
        Category = "volatility",
        Parameters = [IndicatorParameter.Int("period", 22), IndicatorParameter.Real("multiplier", 3, 0.01, 100), IndicatorParameter.Choice("type", "long", "long", "short")],
        Outputs = ["chandelierExit"],
        WarmUp = a => a.Int(0),
        Evaluate = (a, s, _) => Out.One("chandelierExit", Compute(s.High, s.Low, s.Close, a.Int(0), a.Real(1), a.Choice(2) == "long")),
        CreateStream = a => new ChandelierStream(a.Int(0), a.Real(1), a.Choice(2) == "long"),
    };

    public static double[] Compute(ReadOnlySpan<double> high, ReadOnlySpan<double> low, ReadOnlySpan<double> close, int period, double multiplier, bool isLong)
    {
        var atr = Atr.Values(high, low, close, period);
        var r = Out.New(close.Length);
        for (var i = period; i < close.Length; i++)
        {
            r[i] = isLong ? Window.Max(high, i, period) - (multiplier * atr[i]) : Window.Min(low, i, period) + (multiplier * atr[i]);
        }

        return r;
    }
}
