using MarketIntel.Core.Indicators.Catalog;
using MarketIntel.Core.Indicators.Common;

namespace MarketIntel.Core.Indicators.Trend;

/// <summary>Exponential moving average of the close, seeded by the SMA of the first period closes.</summary>
public static class Ema
{
    public static IndicatorDefinition Definition { get; } = new()
    {
        Name = "ema",
        Title = "Exponential moving average of the close, seeded by the SMA of the first period closes",
        Category = "trend",
        Parameters = [IndicatorParameter.Int("period", 20)],
        Outputs = ["ema"],
        WarmUp = a => a.Int(0) - 1,
        Evaluate = (a, s, _) => Out.One("ema", Compute(s.Close, a.Int(0))),
        CreateStream = a => new EmaStream(a.Int(0)),
    };

    public static double[] Compute(ReadOnlySpan<double> source, int period)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(period, 1);
        var result = Ma.Prefixed(source.Length, Ma.FirstValue(source) + period - 1);
        Compute(source, period, result);
        return result;
    }

    /// <summary>Writes the values into <paramref name="result"/> (NaN during warm-up must already be there).</summary>
    public static void Compute(ReadOnlySpan<double> source, int period, Span<double> result)
    {
        Ma.Ema(source, period, result);
    }
}
