using System.Text.Json.Serialization;
using MarketIntel.Core.Backtesting;

namespace MarketIntel.Core.Scanning;

/// <summary>
/// What a scan's setups did, over the completed, non-overlapping ones (<see cref="Counted"/>). A hit is a setup with a
/// positive realized R. <see cref="HitRateInterval"/> is the 95% Wilson score interval; <see cref="AverageRInterval"/>
/// the 95% Student t interval of the mean R (n − 1 degrees of freedom). <see cref="Expectancy"/> is the mean realized
/// return per setup as a fraction of the entry (exit against entry, signed for the side), the money view of average R.
/// Forward-return means are over every non-overlapping setup that has that many later bars.
/// </summary>
// Undefined statistics (no counted setups) are NaN: written as "NaN" whatever options serialize it, so the API's schema says so.
[JsonNumberHandling(JsonNumberHandling.AllowReadingFromString | JsonNumberHandling.AllowNamedFloatingPointLiterals)]
public sealed record ScanStatistics
{
    public const double Z95 = 1.959963984540054;

    public int Setups { get; init; }

    public int Overlapping { get; init; }

    public int Open { get; init; }

    public int Counted { get; init; }

    public int Hits { get; init; }

    public int Stops { get; init; }

    public int Targets { get; init; }

    public int HorizonExits { get; init; }

    public double HitRate { get; init; }

    public ConfidenceInterval HitRateInterval { get; init; }

    public double AverageR { get; init; }

    public ConfidenceInterval AverageRInterval { get; init; }

    public double Expectancy { get; init; }

    public double MeanReturn1 { get; init; }

    public double MeanReturn5 { get; init; }

    public double MeanReturn20 { get; init; }

    /// <summary>The statistics of a scan's history (in its order: time, then symbol).</summary>
    public static ScanStatistics From(IReadOnlyList<TradeSetup> setups)
    {
        ArgumentNullException.ThrowIfNull(setups);
        var fresh = new List<SetupSample>(setups.Count);
        foreach (var setup in setups)
        {
            if (!setup.Overlapping)
            {
                fresh.Add(SetupSample.From(setup));
            }
        }

        return From(setups.Count, fresh);
    }

    /// <summary>
    /// The statistics of <paramref name="setups"/> setups whose non-overlapping ones are <paramref name="fresh"/>, in
    /// <see cref="SetupSample.CompareHistoryOrder"/>: what a scan merged from batches computes without their histories.
    /// </summary>
    public static ScanStatistics From(int setups, IReadOnlyList<SetupSample> fresh)
    {
        ArgumentNullException.ThrowIfNull(fresh);
        ArgumentOutOfRangeException.ThrowIfLessThan(setups, fresh.Count);
        var counted = fresh.Where(s => s.Exit != OutcomeExit.Open).ToList();
        var rs = counted.Select(s => s.R).ToArray();
        var hits = rs.Count(r => r > 0);
        var n = rs.Length;
        return new ScanStatistics
        {
            Setups = setups,
            Overlapping = setups - fresh.Count,
            Open = fresh.Count - counted.Count,
            Counted = n,
            Hits = hits,
            Stops = counted.Count(s => s.Exit == OutcomeExit.Stop),
            Targets = counted.Count(s => s.Exit == OutcomeExit.Target),
            HorizonExits = counted.Count(s => s.Exit == OutcomeExit.Horizon),
            HitRate = n > 0 ? (double)hits / n : double.NaN,
            HitRateInterval = Wilson(hits, n),
            AverageR = n > 0 ? rs.Average() : double.NaN,
            AverageRInterval = MeanInterval(rs),
            Expectancy = n > 0 ? counted.Average(s => (s.Side == TradeSide.Long ? 1 : -1) * ((s.ExitPrice / s.Entry) - 1)) : double.NaN,
            MeanReturn1 = MeanDefined(fresh.Select(s => s.Return1)),
            MeanReturn5 = MeanDefined(fresh.Select(s => s.Return5)),
            MeanReturn20 = MeanDefined(fresh.Select(s => s.Return20)),
        };
    }

    /// <summary>Wilson score interval for <paramref name="successes"/> out of <paramref name="trials"/>.</summary>
    public static ConfidenceInterval Wilson(int successes, int trials, double z = Z95)
    {
        if (trials <= 0)
        {
            return ConfidenceInterval.Undefined;
        }

        double n = trials, p = successes / n, z2 = z * z;
        var center = (p + (z2 / (2 * n))) / (1 + (z2 / n));
        var half = z / (1 + (z2 / n)) * Math.Sqrt((p * (1 - p) / n) + (z2 / (4 * n * n)));
        return new ConfidenceInterval(center - half, center + half);
    }

    /// <summary>Student t interval for the mean: mean ± t(1 − α/2, n − 1) · s / √n; undefined below two values.</summary>
    public static ConfidenceInterval MeanInterval(IReadOnlyList<double> values, double confidence = 0.95)
    {
        ArgumentNullException.ThrowIfNull(values);
        var n = values.Count;
        if (n < 2)
        {
            return ConfidenceInterval.Undefined;
        }

        var mean = values.Average();
        var ss = values.Sum(v => (v - mean) * (v - mean));
        var half = Distributions.StudentTQuantile(1 - ((1 - confidence) / 2), n - 1) * Math.Sqrt(ss / (n - 1) / n);
        return new ConfidenceInterval(mean - half, mean + half);
    }

    private static double MeanDefined(IEnumerable<double> values)
    {
        var defined = values.Where(double.IsFinite).ToArray();
        return defined.Length > 0 ? defined.Average() : double.NaN;
    }
}
