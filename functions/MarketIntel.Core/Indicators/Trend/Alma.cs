using MarketIntel.Core.Indicators.Catalog;
using MarketIntel.Core.Indicators.Common;

namespace MarketIntel.Core.Indicators.Trend;

/// <summary>Arnaud Legoux moving average: Gaussian weights centred at offset·(n-1) with width n/sigma.</summary>
public static class Alma
{
    public static IndicatorDefinition Definition { get; } = new()
    {
        Name = "alma",
        Title = "Arnaud Legoux moving average",
        Category = "trend",
        Parameters = [IndicatorParameter.Int("period", 9, 2), IndicatorParameter.Real("offset", 0.85, 0, 1), IndicatorParameter.Real("sigma", 6, 1e-6, 1000)],
        Outputs = ["alma"],
        WarmUp = a => a.Int(0) - 1,
        Evaluate = (a, s, _) => Out.One("alma", Compute(s.Close, a.Int(0), a.Real(1), a.Real(2))),
        CreateStream = a => new AlmaStream(a.Int(0), a.Real(1), a.Real(2)),
    };

    internal static double[] Weights(int period, double offset, double sigma, out double norm)
    {
        var m = offset * (period - 1);
        var s = period / sigma;
        var w = new double[period];
        norm = 0.0;
        for (var j = 0; j < period; j++)
        {
            w[j] = Math.Exp(-((j - m) * (j - m)) / (2 * s * s));
            norm += w[j];
        }

        return w;
    }

    public static double[] Compute(ReadOnlySpan<double> close, int period, double offset, double sigma)
    {
        var w = Weights(period, offset, sigma, out var norm);

        var r = Out.New(close.Length);
        for (var i = period - 1; i < close.Length; i++)
        {
            var sum = 0.0;
            for (var j = 0; j < period; j++)
            {
                sum += w[j] * close[i - period + 1 + j];
            }

            r[i] = sum / norm;
        }

        return r;
    }
}
