using MarketIntel.Core.Indicators.Catalog;
using MarketIntel.Core.Indicators.Common;

namespace MarketIntel.Core.Indicators.Transforms;

/// <summary>Heikin-Ashi candles: close = OHLC/4, open = mean of the previous HA open and close (first: (O+C)/2).</summary>
public static class HeikinAshi
{
    public static readonly string[] Columns = ["open", "high", "low", "close", "volume"];

    public static IndicatorDefinition Definition { get; } = new()
    {
        Name = "heikinashi",
        Title = "Heikin-Ashi candles",
        Category = "transforms",
        Outputs = Columns,
        WarmUp = _ => 0,
        Evaluate = (_, s, _) =>
        {
            var n = s.Count;
            var r = IndicatorOutput.NewColumns(5, n);
            double po = 0, pc = 0;
            for (var i = 0; i < n; i++)
            {
                var c = (s.Open[i] + s.High[i] + s.Low[i] + s.Close[i]) / 4;
                var o = i == 0 ? (s.Open[i] + s.Close[i]) / 2 : (po + pc) / 2;
                r[0][i] = o;
                r[1][i] = Math.Max(s.High[i], Math.Max(o, c));
                r[2][i] = Math.Min(s.Low[i], Math.Min(o, c));
                r[3][i] = c;
                r[4][i] = s.Volume[i];
                po = o;
                pc = c;
            }

            return Out.Many(Columns, r);
        },
        CreateStream = _ => new HeikinAshiStream(),
    };
}
