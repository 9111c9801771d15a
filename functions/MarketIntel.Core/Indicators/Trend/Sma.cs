using MarketIntel.Core.Indicators.Catalog;
using MarketIntel.Core.Indicators.Common;

namespace MarketIntel.Core.Indicators.Trend;

/// <summary>Simple moving average of the close.</summary>
public static class Sma
{
    public static IndicatorDefinition Definition { get; } = new()
    {
        Name = "sma",
        Title = "Simple moving average of the close",
        Category = "trend",
        Parameters = [IndicatorParameter.Int("period", 20)],
        Outputs = ["sma"],
        WarmUp = a => a.Int(0) - 1,
        Evaluate = (a, s, _) => Out.One("sma", Compute(s.Close, a.Int(0))),
        CreateStream = a => new SmaStream(a.Int(0)),
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
        Ma.Sma(source, period, result);
    }
}
