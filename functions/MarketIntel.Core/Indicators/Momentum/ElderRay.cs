using MarketIntel.Core.Indicators.Catalog;
using MarketIntel.Core.Indicators.Common;

namespace MarketIntel.Core.Indicators.Momentum;

/// <summary>Elder-ray: bull power = high - EMA, bear power = low - EMA.</summary>
public static class ElderRay
{
    public static readonly string[] Columns = ["ema", "bullPower", "bearPower"];

    public static IndicatorDefinition Definition { get; } = new()
    {
        Name = "elderray",
        Title = "Elder-ray index",
        Category = "momentum",
        Parameters = [IndicatorParameter.Int("period", 13)],
        Outputs = ["bullPower", "bearPower", "ema"],
        WarmUp = a => a.Int(0) - 1,
        Evaluate = (a, s, _) =>
        {
            var n = s.Count;
            var ema = Out.New(n);
            Ma.Ema(s.Close, a.Int(0), ema);
            var bull = Out.New(n);
            var bear = Out.New(n);
            for (var i = 0; i < n; i++)
            {
                bull[i] = s.High[i] - ema[i];
                bear[i] = s.Low[i] - ema[i];
            }

            return Out.Many(Columns, ema, bull, bear);
        },
        CreateStream = a => new ElderRayStream(a.Int(0)),
    };
}
