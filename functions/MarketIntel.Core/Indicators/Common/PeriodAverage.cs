using MarketIntel.Core.Indicators.Catalog;
using MarketIntel.Core.Indicators.Streaming;

namespace MarketIntel.Core.Indicators.Common;

/// <summary>The catalog entry and the allocating form shared by the moving averages of the close with one period.</summary>
internal static class PeriodAverage
{
    public static IndicatorDefinition Define(string name, string title, int defaultPeriod, Func<int, int> warmUp, SpanKernel kernel, Func<int, IStreamingIndicator> stream) => new()
    {
        Name = name,
        Title = title,
        Category = "trend",
        Parameters = [IndicatorParameter.Int("period", defaultPeriod, name == "hma" ? 2 : 1)],
        Outputs = [name],
        WarmUp = a => warmUp(a.Int(0)),
        Evaluate = (a, s, _) => Out.One(name, Compute(s.Close, a.Int(0), kernel)),
        CreateStream = a => stream(a.Int(0)),
    };

    public static double[] Compute(ReadOnlySpan<double> source, int period, SpanKernel kernel)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(period, 1);
        var result = Out.New(source.Length);
        kernel(source, period, result);
        return result;
    }
}
