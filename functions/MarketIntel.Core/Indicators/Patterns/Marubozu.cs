using MarketIntel.Core.Indicators.Catalog;

namespace MarketIntel.Core.Indicators.Patterns;

/// <summary>Marubozu: a body of at least <c>minBodyPercent</c> of the range; bullish if the close is above the open, else bearish (a flat bar included).</summary>
public static class Marubozu
{
    public static IndicatorDefinition Definition { get; } = new()
    {
        Name = "marubozu",
        Title = "Marubozu candlestick",
        Category = "patterns",
        Parameters = [IndicatorParameter.Real("minBodyPercent", 95, 80, 100)],
        Outputs = Candles.OutputNames,
        WarmUp = _ => 0,
        DataDependentWarmUp = true,
        Evaluate = (a, s, _) =>
        {
            var match = new double[s.Count];
            for (var i = 0; i < s.Count; i++)
            {
                match[i] = Classify(s.Open[i], s.High[i], s.Low[i], s.Close[i], a.Real(0));
            }

            return Candles.Output(s, match);
        },
        CreateStream = a => new CandlePatternStream((o, h, l, c) => Classify(o, h, l, c, a.Real(0))),
    };

    private static int Classify(double open, double high, double low, double close, double minBodyPercent) =>
        Candles.BodyPct(open, high, low, close) < minBodyPercent / 100 ? Candles.None : close > open ? Candles.BullSignal : Candles.BearSignal;
}
