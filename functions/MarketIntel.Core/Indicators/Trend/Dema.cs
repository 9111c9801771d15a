using MarketIntel.Core.Indicators.Catalog;
using MarketIntel.Core.Indicators.Common;

namespace MarketIntel.Core.Indicators.Trend;

/// <summary>Double exponential moving average: 2 EMA - EMA(EMA), the inner EMA seeded with the first EMA value.</summary>
public static class Dema
{
    public static IndicatorDefinition Definition { get; } = new()
    {
        Name = "dema",
        Title = "Double exponential moving average: 2 EMA - EMA(EMA), the inner EMA seeded with the first EMA value",
        Category = "trend",
        Parameters = [IndicatorParameter.Int("period", 20)],
        Outputs = ["dema"],
        WarmUp = a => a.Int(0) - 1,
        Evaluate = (a, s, _) => Out.One("dema", Compute(s.Close, a.Int(0))),
        CreateStream = a => new DemaStream(a.Int(0)),
    };

    public static double[] Compute(ReadOnlySpan<double> source, int period)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(period, 1);
        var result = Out.New(source.Length);
        Compute(source, period, result);
        return result;
    }

    /// <summary>Writes the values into <paramref name="result"/> (NaN during warm-up must already be there).</summary>
    public static void Compute(ReadOnlySpan<double> source, int period, Span<double> result)
    {
        var e1 = Out.New(source.Length);
        var e2 = Out.New(source.Length);
        Ma.Ema(source, period, e1);
        Ma.EmaFromFirst(e1, period, e2);
        for (var i = 0; i < source.Length; i++)
        {
            result[i] = (2 * e1[i]) - e2[i];
        }
    }
}
