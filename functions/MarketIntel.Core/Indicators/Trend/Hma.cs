using MarketIntel.Core.Indicators.Catalog;
using MarketIntel.Core.Indicators.Common;

namespace MarketIntel.Core.Indicators.Trend;

/// <summary>Hull moving average: WMA over sqrt(n) of 2 WMA(n/2) - WMA(n).</summary>
public static class Hma
{
    public static IndicatorDefinition Definition { get; } = new()
    {
        Name = "hma",
        Title = "Hull moving average: WMA over sqrt(n) of 2 WMA(n/2) - WMA(n)",
        Category = "trend",
        Parameters = [IndicatorParameter.Int("period", 14)],
        Outputs = ["hma"],
        WarmUp = a => a.Int(0) + (int)Math.Sqrt(a.Int(0)) - 2,
        Evaluate = (a, s, _) => Out.One("hma", Compute(s.Close, a.Int(0))),
        CreateStream = a => new HmaStream(a.Int(0)),
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
