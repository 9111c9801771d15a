using MarketIntel.Core.Indicators.Catalog;
using MarketIntel.Core.Indicators.Common;

namespace MarketIntel.Core.Indicators.Trend;

/// <summary>Linearly weighted moving average of the close.</summary>
public static class Wma
{
    public static IndicatorDefinition Definition { get; } = new()
    {
        Name = "wma",
        Title = "Linearly weighted moving average of the close",
        Category = "trend",
        Parameters = [IndicatorParameter.Int("period", 20)],
        Outputs = ["wma"],
        WarmUp = a => a.Int(0) - 1,
        Evaluate = (a, s, _) => Out.One("wma", Compute(s.Close, a.Int(0))),
        CreateStream = a => new WmaStream(a.Int(0)),
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
        Ma.Wma(source, period, result);
    }
}
