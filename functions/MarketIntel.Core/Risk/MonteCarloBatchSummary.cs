namespace MarketIntel.Core.Risk;

/// <summary>
/// Everything a batch of paths contributes to a report, in a form that merges exactly: integer counts, fixed-point
/// sums, minima/maxima and the sorted extreme values the tail measures need. Merging the batches of a run, in any
/// grouping or order, gives the same bits as simulating all paths in one batch. Plain arrays and numbers, so it
/// crosses process boundaries as JSON.
/// </summary>
public sealed record MonteCarloBatchSummary
{
    /// <summary>Hash of the model, its parameters and the spec: only summaries of the same run merge.</summary>
    public required string RunKey { get; init; }

    public required long FirstPath { get; init; }

    public required long PathCount { get; init; }

    /// <summary>How many extremes are kept: the largest tail count of the confidences over the run's paths.</summary>
    public required int TailSize { get; init; }

    public required int SharpeTailSize { get; init; }

    public required FixedPointSum TerminalSum { get; init; }

    public required FixedPointSum TerminalSquareSum { get; init; }

    public required FixedPointSum DrawdownSum { get; init; }

    public required FixedPointSum SharpeSum { get; init; }

    /// <summary>Paths with a defined Sharpe ratio (at least two steps and some variation).</summary>
    public required long SharpeCount { get; init; }

    public required double TerminalMin { get; init; }

    public required double TerminalMax { get; init; }

    /// <summary>Terminal-return histogram: [underflow, bin 0 .. bin n-1, overflow].</summary>
    public required long[] Histogram { get; init; }

    /// <summary>Per loss threshold, the paths whose terminal return is below -threshold.</summary>
    public required long[] LossCounts { get; init; }

    /// <summary>Maximum-drawdown histogram over [0, 1] in <see cref="MonteCarloEngine.DrawdownBins"/> equal bins.</summary>
    public required long[] DrawdownHistogram { get; init; }

    /// <summary>The smallest terminal simple returns, ascending.</summary>
    public required double[] LowestTerminal { get; init; }

    /// <summary>The largest maximum drawdowns, descending.</summary>
    public required double[] HighestDrawdown { get; init; }

    /// <summary>The smallest per-path Sharpe ratios, ascending.</summary>
    public required double[] LowestSharpe { get; init; }

    /// <summary>The largest per-path Sharpe ratios, descending.</summary>
    public required double[] HighestSharpe { get; init; }

    /// <summary>
    /// Merges summaries of adjacent path ranges of the same run. Order of the input does not matter; overlaps, gaps and
    /// summaries of different runs are errors.
    /// </summary>
    public static MonteCarloBatchSummary Merge(IEnumerable<MonteCarloBatchSummary> summaries)
    {
        var parts = summaries.OrderBy(s => s.FirstPath).ToArray();
        if (parts.Length == 0)
        {
            throw new ArgumentException("nothing to merge", nameof(summaries));
        }

        var first = parts[0];
        var sums = (Terminal: default(FixedPointSum), Squares: default(FixedPointSum), Drawdown: default(FixedPointSum), Sharpe: default(FixedPointSum));
        var histogram = new long[first.Histogram.Length];
        var losses = new long[first.LossCounts.Length];
        var drawdowns = new long[first.DrawdownHistogram.Length];
        long sharpeCount = 0, next = first.FirstPath;
        double min = double.PositiveInfinity, max = double.NegativeInfinity;
        foreach (var p in parts)
        {
            if (p.RunKey != first.RunKey || p.TailSize != first.TailSize || p.SharpeTailSize != first.SharpeTailSize)
            {
                throw new ArgumentException($"summary of paths {p.FirstPath}.. belongs to a different run", nameof(summaries));
            }

            if (p.FirstPath != next)
            {
                throw new ArgumentException(p.FirstPath < next ? $"batches overlap at path {p.FirstPath}" : $"batches leave a gap at paths {next}..{p.FirstPath - 1}", nameof(summaries));
            }

            next += p.PathCount;
            sums = (sums.Terminal.Add(p.TerminalSum), sums.Squares.Add(p.TerminalSquareSum), sums.Drawdown.Add(p.DrawdownSum), sums.Sharpe.Add(p.SharpeSum));
            sharpeCount += p.SharpeCount;
            min = Math.Min(min, p.TerminalMin);
            max = Math.Max(max, p.TerminalMax);
            AddInto(histogram, p.Histogram);
            AddInto(losses, p.LossCounts);
            AddInto(drawdowns, p.DrawdownHistogram);
        }

        return first with
        {
            PathCount = next - first.FirstPath,
            TerminalSum = sums.Terminal,
            TerminalSquareSum = sums.Squares,
            DrawdownSum = sums.Drawdown,
            SharpeSum = sums.Sharpe,
            SharpeCount = sharpeCount,
            TerminalMin = min,
            TerminalMax = max,
            Histogram = histogram,
            LossCounts = losses,
            DrawdownHistogram = drawdowns,
            LowestTerminal = Extremes(parts, static p => p.LowestTerminal, first.TailSize, descending: false),
            HighestDrawdown = Extremes(parts, static p => p.HighestDrawdown, first.TailSize, descending: true),
            LowestSharpe = Extremes(parts, static p => p.LowestSharpe, first.SharpeTailSize, descending: false),
            HighestSharpe = Extremes(parts, static p => p.HighestSharpe, first.SharpeTailSize, descending: true),
        };
    }

    /// <summary>The <paramref name="keep"/> smallest (or largest) of a set of values, sorted: a function of the multiset only.</summary>
    internal static double[] Extremes(ReadOnlySpan<double> values, int keep, bool descending)
    {
        var all = values.ToArray();
        Array.Sort(all);
        if (descending)
        {
            Array.Reverse(all);
        }

        return all.Length <= keep ? all : all[..keep];
    }

    /// <summary>
    /// The first <paramref name="keep"/> of two sorted runs merged in linear time. Equal values have equal bits (the
    /// engine stores no -0 and no NaN), so the result depends only on the union, not on which side a value came from.
    /// </summary>
    internal static double[] MergeExtremes(double[] a, double[] b, int keep, bool descending)
    {
        var result = new double[Math.Min(keep, a.Length + b.Length)];
        int i = 0, j = 0;
        for (var r = 0; r < result.Length; r++)
        {
            var takeA = j == b.Length || (i < a.Length && (descending ? a[i] >= b[j] : a[i] <= b[j]));
            result[r] = takeA ? a[i++] : b[j++];
        }

        return result;
    }

    /// <summary>
    /// The longest run (usually the running total) is merged once with the others sorted together: O(k + m log m)
    /// rather than one pass over k per part.
    /// </summary>
    private static double[] Extremes(MonteCarloBatchSummary[] parts, Func<MonteCarloBatchSummary, double[]> select, int keep, bool descending)
    {
        var longest = 0;
        var others = 0;
        for (var p = 0; p < parts.Length; p++)
        {
            others += select(parts[p]).Length;
            if (select(parts[p]).Length > select(parts[longest]).Length)
            {
                longest = p;
            }
        }

        var rest = new double[others - select(parts[longest]).Length];
        var at = 0;
        for (var p = 0; p < parts.Length; p++)
        {
            if (p != longest)
            {
                select(parts[p]).CopyTo(rest, at);
                at += select(parts[p]).Length;
            }
        }

        return MergeExtremes(select(parts[longest]), Extremes(rest, keep, descending), keep, descending);
    }

    private static void AddInto(long[] target, long[] source)
    {
        if (source.Length != target.Length)
        {
            throw new ArgumentException("summaries have different histogram or threshold layouts");
        }

        for (var i = 0; i < target.Length; i++)
        {
            target[i] += source[i];
        }
    }
}
