using MarketIntel.Core.Indicators.Catalog;
using MarketIntel.Core.Indicators.Common;

namespace MarketIntel.Core.Indicators.Trend;

/// <summary>
/// Wilder's parabolic SAR. The first bar starts an assumed uptrend (SAR = its low, extreme point = its high); because
/// that start is a guess, everything up to and including the first reversal is left empty, as in the reference.
/// </summary>
public static class ParabolicSar
{
    public static IndicatorDefinition Definition { get; } = new()
    {
        Name = "psar",
        Title = "Parabolic SAR",
        Category = "trend",
        Parameters = [IndicatorParameter.Real("step", 0.02, 1e-6, 1), IndicatorParameter.Real("maxFactor", 0.2, 1e-6, 10)],
        Outputs = ["sar", "isReversal"],
        WarmUp = _ => 2,
        DataDependentWarmUp = true,
        Evaluate = (a, s, _) =>
        {
            var (sar, rev) = Compute(s.High, s.Low, a.Real(0), a.Real(1));
            return new IndicatorOutput([new IndicatorColumn("sar", sar), new IndicatorColumn("isReversal", rev, IndicatorColumnKind.Boolean)]);
        },
        CreateStream = a => new ParabolicSarStream(a.Real(0), a.Real(1)),
    };

    public static (double[] Sar, double[] IsReversal) Compute(ReadOnlySpan<double> high, ReadOnlySpan<double> low, double step, double maxFactor)
    {
        if (maxFactor < step)
        {
            throw new ArgumentOutOfRangeException(nameof(maxFactor), maxFactor, "maxFactor must be at least step");
        }

        var n = high.Length;
        var sars = Out.New(n);
        var reversals = Out.New(n);
        if (n == 0)
        {
            return (sars, reversals);
        }

        var af = step;
        var ep = high[0];
        var prior = low[0];
        var rising = true;
        var firstReversal = -1;
        for (var i = 1; i < n; i++)
        {
            double sar;
            bool reversal;
            if (rising)
            {
                sar = prior + (af * (ep - prior));
                sar = Math.Min(sar, i >= 2 ? Math.Min(low[i - 1], low[i - 2]) : low[i - 1]);
                reversal = low[i] < sar;
                if (reversal)
                {
                    sar = ep;
                    rising = false;
                    af = step;
                    ep = low[i];
                }
                else if (high[i] > ep)
                {
                    ep = high[i];
                    af = Math.Min(af + step, maxFactor);
                }
            }
            else
            {
                sar = prior - (af * (prior - ep));
                sar = Math.Max(sar, i >= 2 ? Math.Max(high[i - 1], high[i - 2]) : high[i - 1]);
                reversal = high[i] > sar;
                if (reversal)
                {
                    sar = ep;
                    rising = true;
                    af = step;
                    ep = high[i];
                }
                else if (low[i] < ep)
                {
                    ep = low[i];
                    af = Math.Min(af + step, maxFactor);
                }
            }

            prior = sar;
            sars[i] = sar;
            reversals[i] = reversal ? 1 : 0;
            if (reversal && firstReversal < 0)
            {
                firstReversal = i;
            }
        }

        var blank = firstReversal < 0 ? n - 1 : firstReversal;
        sars.AsSpan(0, blank + 1).Fill(double.NaN);
        reversals.AsSpan(0, blank + 1).Fill(double.NaN);
        return (sars, reversals);
    }
}
