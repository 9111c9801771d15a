using MarketIntel.Core.Indicators.Catalog;
using MarketIntel.Core.Indicators.Common;

namespace MarketIntel.Core.Indicators.Trend;

/// <summary>Hull moving average: WMA over sqrt(n) of 2 WMA(n/2) - WMA(n).</summary>
public static class Hma
{
    public static IndicatorDefinition Definition { get; } =
        PeriodAverage.Define("hma", "Hull moving average: WMA over sqrt(n) of 2 WMA(n/2) - WMA(n)", 14, p => p + (int)Math.Sqrt(p) - 2, Compute, p => new HmaStream(p));

    public static double[] Compute(ReadOnlySpan<double> source, int period) => PeriodAverage.Compute(source, period, Compute);

    /// <summary>Writes the values into <paramref name="result"/> (NaN during warm-up must already be there).</summary>
    public static void Compute(ReadOnlySpan<double> source, int period, Span<double> result)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(period, 2);
        var n = source.Length;
        var half = Out.New(n);
        var full = Out.New(n);
        Ma.Wma(source, period / 2, half);
        Ma.Wma(source, period, full);
        for (var i = 0; i < n; i++)
        {
            full[i] = (2 * half[i]) - full[i];
        }

        Ma.Wma(full, (int)Math.Sqrt(period), result);
    }
}
