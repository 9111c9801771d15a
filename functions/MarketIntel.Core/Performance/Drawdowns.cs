namespace MarketIntel.Core.Performance;

/// <summary>Drawdowns of an equity (or price) curve, as positive fractions below the running peak.</summary>
public static class Drawdowns
{
    /// <summary>The drawdown at every point: <c>1 - equity[t] / max(equity[0..t])</c>.</summary>
    public static void Series(ReadOnlySpan<double> equity, Span<double> destination)
    {
        if (destination.Length != equity.Length)
        {
            throw new ArgumentException($"destination needs {equity.Length} values, has {destination.Length}", nameof(destination));
        }

        var peak = double.NegativeInfinity;
        for (var t = 0; t < equity.Length; t++)
        {
            peak = Math.Max(peak, equity[t]);
            destination[t] = 1.0 - (equity[t] / peak);
        }
    }

    /// <summary>Maximum drawdown with its location and durations; an empty or single-point curve has none.</summary>
    public static DrawdownStats Analyze(ReadOnlySpan<double> equity)
    {
        if (equity.IsEmpty)
        {
            return new DrawdownStats(0, -1, -1, -1, 0, 0);
        }

        double peak = equity[0], maxDd = 0;
        int peakIndex = 0, bestPeak = 0, bestTrough = 0, longest = 0;
        for (var t = 1; t < equity.Length; t++)
        {
            if (equity[t] >= peak)
            {
                longest = Math.Max(longest, t - peakIndex);
                peak = equity[t];
                peakIndex = t;
                continue;
            }

            var dd = 1.0 - (equity[t] / peak);
            if (dd > maxDd)
            {
                maxDd = dd;
                bestPeak = peakIndex;
                bestTrough = t;
            }
        }

        // An unrecovered drawdown at the end counts until the last point.
        longest = Math.Max(longest, equity.Length - 1 - peakIndex);
        var recovery = -1;
        if (maxDd > 0)
        {
            for (var t = bestTrough + 1; t < equity.Length; t++)
            {
                if (equity[t] >= equity[bestPeak])
                {
                    recovery = t;
                    break;
                }
            }
        }

        var duration = maxDd > 0 ? (recovery >= 0 ? recovery : equity.Length - 1) - bestPeak : 0;
        return new DrawdownStats(maxDd, maxDd > 0 ? bestPeak : -1, maxDd > 0 ? bestTrough : -1, recovery, duration, longest);
    }

    /// <summary>Maximum drawdown only (no allocation, one pass).</summary>
    public static double Max(ReadOnlySpan<double> equity)
    {
        var peak = double.NegativeInfinity;
        var maxDd = 0.0;
        foreach (var v in equity)
        {
            peak = Math.Max(peak, v);
            maxDd = Math.Max(maxDd, 1.0 - (v / peak));
        }

        return maxDd;
    }

    /// <summary>
    /// Maximum drawdown of a curve given by its logarithm, from the most negative <c>ln(equity) - ln(peak)</c>:
    /// the form the Monte Carlo kernels track per lane without an exp per step.
    /// </summary>
    public static double FromLogDrawdown(double minLogDrawdown) => minLogDrawdown >= 0 ? 0.0 : 1.0 - Risk.PortableMath.Exp(minLogDrawdown);

    /// <summary>Maximum drawdown of a log-equity curve (<c>ln</c> of the equity at every point).</summary>
    public static double MaxOfLogEquity(ReadOnlySpan<double> logEquity) => FromLogDrawdown(MinLogDrawdown(logEquity));

    /// <summary>The most negative <c>ln(equity) - ln(running peak)</c> of a log-equity curve (0 if it never falls).</summary>
    public static double MinLogDrawdown(ReadOnlySpan<double> logEquity)
    {
        var peak = double.NegativeInfinity;
        var minLog = 0.0;
        foreach (var x in logEquity)
        {
            peak = Math.Max(peak, x);
            minLog = Math.Min(minLog, x - peak);
        }

        return minLog;
    }
}
