using MarketIntel.Core.Indicators.Catalog;
using MarketIntel.Core.Indicators.Common;

namespace MarketIntel.Core.Indicators.Volatility;

/// <summary>Moving average envelopes: a moving average ± a fixed percent.</summary>
public static class MaEnvelopes
{
    public static readonly string[] Columns = ["centerline", "upperEnvelope", "lowerEnvelope"];

    public static IndicatorDefinition Definition { get; } = new()
    {
        Name = "maenv",
        Title = "Moving average envelopes",
        Category = "volatility",
        Parameters = [IndicatorParameter.Int("period", 20), IndicatorParameter.Real("percent", 2.5, 0, 100), IndicatorParameter.Choice("type", "sma", "sma", "ema", "wma", "smma")],
        Outputs = Columns,
        WarmUp = a => a.Int(0) - 1,
        Evaluate = (a, s, _) =>
        {
            var n = s.Count;
            var c = Out.New(n);
            switch (a.Choice(2))
            {
                case "sma": Ma.Sma(s.Close, a.Int(0), c); break;
                case "ema": Ma.Ema(s.Close, a.Int(0), c); break;
                case "wma": Ma.Wma(s.Close, a.Int(0), c); break;
                default: Ma.Wilder(s.Close, a.Int(0), c); break;
            }

            var pct = a.Real(1) / 100;
            var u = Out.New(n);
            var l = Out.New(n);
            for (var i = 0; i < n; i++)
            {
                u[i] = c[i] * (1 + pct);
                l[i] = c[i] * (1 - pct);
            }

            return Out.Many(Columns, c, u, l);
        },
        CreateStream = a => new MaEnvelopesStream(a.Int(0), a.Real(1), a.Choice(2)),
    };
}
