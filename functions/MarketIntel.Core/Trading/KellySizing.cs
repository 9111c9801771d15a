using MarketIntel.Core.Scanning;

namespace MarketIntel.Core.Trading;

/// <summary>
/// A capped Kelly fraction from a strategy's tracked outcomes: with hit rate p and payoff b (average winning R over
/// average losing R), f = p − (1 − p)/b, clamped to [0, cap]; the quantity risks f of equity between entry and stop.
/// Full Kelly is far too aggressive for estimated statistics, hence the cap.
/// </summary>
public sealed class KellySizing : ISizingRule
{
    public KellySizing(double hitRate, double payoff, double cap)
    {
        if (hitRate is < 0 or > 1 || double.IsNaN(hitRate))
        {
            throw new ArgumentOutOfRangeException(nameof(hitRate), hitRate, "a probability in [0, 1]");
        }

        if (!(payoff > 0 && double.IsFinite(payoff)))
        {
            throw new ArgumentOutOfRangeException(nameof(payoff), payoff, "a positive payoff ratio");
        }

        if (cap is <= 0 or > 1 || double.IsNaN(cap))
        {
            throw new ArgumentOutOfRangeException(nameof(cap), cap, "a fraction of equity in (0, 1]");
        }

        Fraction = Math.Clamp(hitRate - ((1 - hitRate) / payoff), 0, cap);
    }

    /// <summary>The capped Kelly fraction of equity risked per trade (0 when the edge is not positive).</summary>
    public double Fraction { get; }

    public string Name => "kelly";

    /// <summary>
    /// From a scan's outcome statistics, where a loss is a stop at −1R: the average winning R follows from the hit rate
    /// and the mean R (mean = p·win − (1 − p)), so payoff = win / 1. No hits, or no positive edge, sizes zero.
    /// </summary>
    public static KellySizing FromStatistics(ScanStatistics statistics, double cap)
    {
        ArgumentNullException.ThrowIfNull(statistics);
        var p = statistics.HitRate;
        var win = p > 0 ? (statistics.AverageR + (1 - p)) / p : 0;
        return new KellySizing(p, win > 0 ? win : double.Epsilon, cap);
    }

    public double Quantity(in SizingInput input)
    {
        var stop = input.Stop ?? throw new ArgumentException("Kelly sizing needs a stop", nameof(input));
        var perUnit = Math.Abs(input.Entry - stop);
        return perUnit > 0 ? input.Equity * Fraction / perUnit : 0;
    }
}
