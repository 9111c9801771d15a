using MarketIntel.Core.Indicators.Catalog;
using MarketIntel.Core.Indicators.Common;

namespace MarketIntel.Core.Indicators.Volatility;

/// <summary>STARC bands: SMA of the close ± multiplier·ATR.</summary>
public static class Starc
{
    public static readonly string[] Columns = ["upperBand", "centerline", "lowerBand"];

    public static IndicatorDefinition Definition { get; } = new()
    {
        Name = "starc",
        Title = "STARC bands",
        Category = "volatility",
        Parameters = [IndicatorParameter.Int("smaPeriod", 5), IndicatorParameter.Real("multiplier", 2, 0.01, 100), IndicatorParameter.Int("atrPeriod", 10)],
        Outputs = ["centerline", "upperBand", "lowerBand"],
        WarmUp = a => a.Int(0) - 1,
        Evaluate = (a, s, _) =>
        {
            var n = s.Count;
            var c = Out.New(n);
            Ma.Sma(s.Close, a.Int(0), c);
            var atr = Atr.Values(s.High, s.Low, s.Close, a.Int(2));
            var u = Out.New(n);
            var l = Out.New(n);
            for (var i = 0; i < n; i++)
            {
                u[i] = c[i] + (a.Real(1) * atr[i]);
                l[i] = c[i] - (a.Real(1) * atr[i]);
            }

            return Out.Many(Columns, u, c, l);
        },
        CreateStream = a => new StarcStream(a.Int(0), a.Real(1), a.Int(2)),
    };
}
