using MarketIntel.Core.Indicators.Catalog;
using MarketIntel.Core.Indicators.Common;

namespace MarketIntel.Core.Indicators.Trend;

/// <summary>Double exponential moving average: 2 EMA - EMA(EMA), the inner EMA seeded with the first EMA value.</summary>
public static class Dema
{
    public static IndicatorDefinition Definition { get; } =
        PeriodAverage.Define("dema", "Double exponential moving average: 2 EMA - EMA(EMA), the inner EMA seeded with the first EMA value", 20, p => p - 1, Compute, p => new DemaStream(p));

    public static double[] Compute(ReadOnlySpan<double> source, int period) => PeriodAverage.Compute(source, period, Compute);

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
