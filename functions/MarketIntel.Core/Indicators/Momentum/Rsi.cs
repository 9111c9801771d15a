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
        var result = Out.New(source.Length);
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
        for (var i = start + period + 1; i < source.Length; i++)
        {
            var d = source[i] - source[i - 1];
            gain = ((gain * (period - 1)) + (d > 0 ? d : 0)) / period;
            loss = ((loss * (period - 1)) + (d < 0 ? -d : 0)) / period;
            result[i] = Value(gain, loss);
        }
    }

    internal static double Value(double gain, double loss) => loss > 0 ? 100 - (100 / (1 + (gain / loss))) : 100;
}
