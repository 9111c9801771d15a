using MarketIntel.Core.Indicators.Catalog;

namespace MarketIntel.Core.Indicators.Patterns;

/// <summary>Doji: the close within <c>maxChangePercent</c> percent of the open (a Neutral signal).</summary>
public static class Doji
{
    public static IndicatorDefinition Definition { get; } = new()
    {
        Name = "doji",
        Title = "Doji candlestick",
        Category = "patterns",
        Parameters = [IndicatorParameter.Real("maxChangePercent", 0.1, 0, 10)],
        Outputs = Candles.OutputNames,
        WarmUp = _ => 0,
        DataDependentWarmUp = true,
        Evaluate = (a, s, _) =>
        {
            var match = new double[s.Count];
            for (var i = 0; i < s.Count; i++)
            {
                match[i] = Classify(s.Open[i], s.Close[i], a.Real(0));
            }

            return Candles.Output(s, match);
        },
        CreateStream = a => new CandlePatternStream((o, _, _, c) => Classify(o, c, a.Real(0))),
    };

    private static int Classify(double open, double close, double maxChangePercent) =>
        Math.Abs((close / open) - 1) <= maxChangePercent / 100 ? Candles.Neutral : Candles.None;
}
