using MarketIntel.Core.Indicators.Catalog;
using MarketIntel.Core.Indicators.Common;

namespace MarketIntel.Core.Indicators.Trend;

/// <summary>Triple exponential moving average: 3 EMA - 3 EMA(EMA) + EMA(EMA(EMA)), inner EMAs seeded with their first input.</summary>
public static class Tema
{
    public static IndicatorDefinition Definition { get; } =
        PeriodAverage.Define("tema", "Triple exponential moving average: 3 EMA - 3 EMA(EMA) + EMA(EMA(EMA)), inner EMAs seeded with their first input", 20, p => p - 1, Compute, p => new TemaStream(p));

    public static double[] Compute(ReadOnlySpan<double> source, int period) => PeriodAverage.Compute(source, period, Compute);

    /// <summary>Writes the values into <paramref name="result"/> (NaN during warm-up must already be there).</summary>
    public static void Compute(ReadOnlySpan<double> source, int period, Span<double> result)
    {
        var e1 = Out.New(source.Length);
        var e2 = Out.New(source.Length);
        var e3 = Out.New(source.Length);
        Ma.Ema(source, period, e1);
        Ma.EmaFromFirst(e1, period, e2);
        Ma.EmaFromFirst(e2, period, e3);
        for (var i = 0; i < source.Length; i++)
        {
            result[i] = (3 * e1[i]) - (3 * e2[i]) + e3[i];
        }
    }
}
