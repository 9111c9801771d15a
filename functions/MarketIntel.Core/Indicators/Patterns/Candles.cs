using MarketIntel.Core.Indicators.Catalog;
using MarketIntel.Core.Indicators.Common;

namespace MarketIntel.Core.Indicators.Patterns;

/// <summary>
/// Candle anatomy shared by the candlestick patterns: size, body and wicks, their fractions of the size (all 1 for a
/// bar without range, the reference's convention), and direction; plus the pattern's price/match columns.
/// </summary>
internal static class Candles
{
    /// <summary>Labels of the <c>match</c> column.</summary>
    public static readonly string[] Signals = ["None", "Neutral", "BullSignal", "BearSignal"];

    public const int None = 0;
    public const int Neutral = 1;
    public const int BullSignal = 2;
    public const int BearSignal = 3;

    /// <summary>The catalog entry of a single-bar pattern: <paramref name="classify"/>(open, high, low, close, parameter) gives the match.</summary>
    public static IndicatorDefinition Define(string name, string title, IndicatorParameter parameter, Func<double, double, double, double, double, int> classify) => new()
    {
        Name = name,
        Title = title,
        Category = "patterns",
        Parameters = [parameter],
        Outputs = OutputNames,
        WarmUp = _ => 0,
        DataDependentWarmUp = true,
        Evaluate = (a, s, _) =>
        {
            var match = new double[s.Count];
            for (var i = 0; i < s.Count; i++)
            {
                match[i] = classify(s.Open[i], s.High[i], s.Low[i], s.Close[i], a.Real(0));
            }

            return Output(s, match);
        },
        CreateStream = a => new CandlePatternStream((o, h, l, c) => classify(o, h, l, c, a.Real(0))),
    };

    public static double BodyPct(double open, double high, double low, double close) =>
        high - low != 0 ? Math.Abs(close - open) / (high - low) : 1;

    /// <summary>The output columns for per-bar signals (<paramref name="match"/> holds <see cref="Signals"/> indexes).</summary>
    public static IndicatorOutput Output(BarSeries s, double[] match)
    {
        var n = s.Count;
        var c = IndicatorOutput.NewColumns(14, n);
        var price = Out.New(n);
        for (var i = 0; i < n; i++)
        {
            double o = s.Open[i], h = s.High[i], l = s.Low[i], cl = s.Close[i];
            var size = h - l;
            var body = Math.Abs(cl - o);
            var upper = h - Math.Max(o, cl);
            var lower = Math.Min(o, cl) - l;
            price[i] = match[i] != None ? cl : double.NaN;
            c[0][i] = o;
            c[1][i] = h;
            c[2][i] = l;
            c[3][i] = cl;
            c[4][i] = s.Volume[i];
            c[5][i] = size;
            c[6][i] = body;
            c[7][i] = upper;
            c[8][i] = lower;
            c[9][i] = size != 0 ? body / size : 1;
            c[10][i] = size != 0 ? upper / size : 1;
            c[11][i] = size != 0 ? lower / size : 1;
            c[12][i] = cl > o ? 1 : 0;
            c[13][i] = cl < o ? 1 : 0;
        }

        string[] names = ["open", "high", "low", "close", "volume", "size", "body", "upperWick", "lowerWick", "bodyPct", "upperWickPct", "lowerWickPct", "isBullish", "isBearish"];
        var columns = new List<IndicatorColumn>
        {
            new("price", price),
            new("match", match, IndicatorColumnKind.Label, Signals),
        };
        for (var k = 0; k < names.Length; k++)
        {
            columns.Add(new IndicatorColumn("candle." + names[k], c[k], k >= 12 ? IndicatorColumnKind.Boolean : IndicatorColumnKind.Number));
        }

        return new IndicatorOutput(columns);
    }

    public static readonly string[] OutputNames =
    [
        "price", "match", "candle.open", "candle.high", "candle.low", "candle.close", "candle.volume", "candle.size", "candle.body",
        "candle.upperWick", "candle.lowerWick", "candle.bodyPct", "candle.upperWickPct", "candle.lowerWickPct", "candle.isBullish", "candle.isBearish",
    ];
}
