using MarketIntel.Core.Indicators.Catalog;
using MarketIntel.Core.Indicators.Common;

namespace MarketIntel.Core.Indicators.Trend;

/// <summary>Simple moving average of the close.</summary>
public static class Sma
{
    public static IndicatorDefinition Definition { get; } =
        PeriodAverage.Define("sma", "Simple moving average of the close", 20, p => p - 1, Compute, p => new SmaStream(p));

    public static double[] Compute(ReadOnlySpan<double> source, int period) => PeriodAverage.Compute(source, period, Compute);

    /// <summary>Writes the values into <paramref name="result"/> (NaN during warm-up must already be there).</summary>
    public static void Compute(ReadOnlySpan<double> source, int period, Span<double> result)
    {
        Ma.Sma(source, period, result);
    }
}
