using MarketIntel.Core.Market;

namespace MarketIntel.Core.Regimes;

/// <summary>
/// Observation rows for the HMM, one per bar after the first: the close-to-close log return and, optionally, the
/// bar's log range <c>ln(high / low)</c> as a volatility feature known at the bar's close (no window, no look-ahead).
/// </summary>
public static class RegimeFeatures
{
    public static double[][] FromBars(IReadOnlyList<Bar> bars, bool includeRange = false)
    {
        ArgumentNullException.ThrowIfNull(bars);
        if (bars.Count < 2)
        {
            throw new ArgumentException($"too few bars: regimes need returns, so at least 2 bars, got {bars.Count}");
        }

        var rows = new double[bars.Count - 1][];
        for (var t = 1; t < bars.Count; t++)
        {
            var (previous, bar) = (bars[t - 1].Close, bars[t].Close);
            if (!(previous > 0) || !(bar > 0) || !double.IsFinite(previous) || !double.IsFinite(bar))
            {
                throw new ArgumentException($"bar {t} (or the one before) has a non-positive or non-finite close");
            }

            var r = Math.Log(bar / previous);
            if (includeRange)
            {
                var (high, low) = (bars[t].High, bars[t].Low);
                if (!(low > 0) || !(high >= low))
                {
                    throw new ArgumentException($"bar {t} has an invalid high/low ({high}/{low})");
                }

                rows[t - 1] = [r, Math.Log(high / low)];
            }
            else
            {
                rows[t - 1] = [r];
            }
        }

        return rows;
    }
}
