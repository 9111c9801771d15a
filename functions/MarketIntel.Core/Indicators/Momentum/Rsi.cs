using MarketIntel.Core.Indicators.Catalog;
using MarketIntel.Core.Indicators.Common;

namespace MarketIntel.Core.Indicators.Momentum;

/// <summary>
/// Wilder's relative strength index. Average gain and loss start as the mean of the first <c>period</c> changes; with
/// no losses in the average RSI is 100 (also when there are no gains either: a flat window).
/// </summary>
public static class Rsi
{
    public static IndicatorDefinition Definition { get; } = new()
    {
        Name = "rsi",
        Title = "Relative strength index (Wilder)",
        Category = "momentum",
        Parameters = [IndicatorParameter.Int("period", 14)],
        Outputs = ["rsi"],
        WarmUp = a => a.Int(0),
        Evaluate = (a, s, _) => Out.One("rsi", Compute(s.Close, a.Int(0))),
        CreateStream = a => new RsiStream(a.Int(0)),
    };

    public static double[] Compute(ReadOnlySpan<double> source, int period)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(period, 1);
        var result = Ma.Prefixed(source.Length, Ma.FirstValue(source) + period);
        Compute(source, period, result);
        return result;
    }

    public static void Compute(ReadOnlySpan<double> source, int period, Span<double> result)
    {
        var start = Ma.FirstValue(source);
        if (start + period >= source.Length)
        {
            return;
        }

        double gain = 0, loss = 0;
        for (var i = start + 1; i <= start + period; i++)
        {
            var d = source[i] - source[i - 1];
            gain += d > 0 ? d : 0;
            loss += d < 0 ? -d : 0;
        }

        gain /= period;
        loss /= period;
        result[start + period] = Value(gain, loss);
        var a = (period - 1) / (double)period;
        var b = 1.0 / period;
        for (var i = start + period + 1; i < source.Length; i++)
        {
            var d = source[i] - source[i - 1];
            gain = Wilder(gain, Up(d), a, b);
            loss = Wilder(loss, Down(d), a, b);
            result[i] = Value(gain, loss);
        }
    }

    /// <summary>max(d, 0) without a branch: (d + |d|) / 2 is exact (doubling and halving only move the exponent).</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    internal static double Up(double d) => (d + Math.Abs(d)) * 0.5;

    /// <summary>max(-d, 0) without a branch, exact like <see cref="Up"/>.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    internal static double Down(double d) => (Math.Abs(d) - d) * 0.5;

    /// <summary>100 gain / (gain + loss), i.e. 100 - 100 / (1 + RS); 100 when the average loss is zero.</summary>
    internal static double Value(double gain, double loss) => loss > 0 ? 100 * gain / (gain + loss) : 100;

    /// <summary>Wilder's step <c>(e (n-1) + x) / n</c> as one fused multiply-add with a = (n-1)/n, b = 1/n (shared with the streams).</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    internal static double Wilder(double e, double x, double a, double b) => Math.FusedMultiplyAdd(e, a, x * b);
}
