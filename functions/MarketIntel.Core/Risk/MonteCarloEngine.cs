using System.Buffers;
using System.Globalization;
using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using MarketIntel.Core.Performance;

namespace MarketIntel.Core.Risk;

/// <summary>
/// Runs a <see cref="IPathModel"/> under a <see cref="MonteCarloSpec"/>. The fan-out law: path i's numbers depend only
/// on (seed, i), every per-path result enters a batch summary through exact operations (integer counts, fixed-point
/// sums, min/max, sorted extremes), so <c>Report(Merge(RunBatch(..) for any split))</c> equals <c>Run(1)</c> bit for
/// bit, whatever the number of batches, their sizes, the merge order or the parallelism.
/// </summary>
public sealed class MonteCarloEngine
{
    /// <summary>Bins of the maximum-drawdown histogram over [0, 1].</summary>
    public const int DrawdownBins = 100;

    /// <summary>Paths simulated per work item inside a batch (the unit of parallelism).</summary>
    public const int ChunkPaths = 8192;

    // Squares of terminal returns go through FixedPointSum (|value| < 2^40), so returns stay below 2^20.
    /// <summary>Largest horizon return a path may reach (2^20): the fixed-point sums that make the fan-out exact hold up to it.</summary>
    public const double MaxTerminalReturn = 1048576.0;

    private readonly IPathModel _model;
    private readonly MonteCarloSpec _spec;
    private readonly double _histogramLow;
    private readonly double _histogramHigh;

    public MonteCarloEngine(IPathModel model, MonteCarloSpec spec)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(spec);
        spec.Validate();
        _model = model;
        _spec = spec;
        var center = spec.Horizon * model.StepLogMean;
        var half = Math.Max(5 * model.StepLogStandardDeviation * Math.Sqrt(spec.Horizon), 1e-6);
        _histogramLow = PortableMath.Exp(center - half) - 1;
        _histogramHigh = PortableMath.Exp(center + half) - 1;
        TailSize = 1;
        foreach (var c in spec.Confidences)
        {
            TailSize = Math.Max(TailSize, MonteCarloSpec.TailCount(c, spec.Paths));
        }

        SharpeTailSize = SharpeTailCount(spec.Paths);
        RunKey = ComputeRunKey();
    }

    /// <summary>Identifies the code that produced a report: assembly version and the simulation scheme.</summary>
    public static string CodeVersion { get; } =
        $"MarketIntel.Core {typeof(MonteCarloEngine).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown"}; montecarlo v1 (philox4x32-10, polynomial box-muller)";

    public string RunKey { get; }

    public int TailSize { get; }

    public int SharpeTailSize { get; }

    /// <summary>Batch b of K holds paths [b N / K, (b + 1) N / K): sizes differ by at most one.</summary>
    public static (long FirstPath, long Count)[] Split(long paths, int batches)
    {
        if (batches < 1 || batches > paths)
        {
            throw new ArgumentException($"batches must be between 1 and the number of paths ({paths}), got {batches}");
        }

        var result = new (long, long)[batches];
        for (var b = 0; b < batches; b++)
        {
            var start = b * paths / batches;
            result[b] = (start, ((b + 1) * paths / batches) - start);
        }

        return result;
    }

    /// <summary>Simulates and summarizes the batch; the run in <see cref="Split"/>'s batches, merged and reported.</summary>
    public MonteCarloReport Run(int batches = 1, int maxDegreeOfParallelism = -1)
    {
        var parts = Split(_spec.Paths, batches);
        var summaries = new MonteCarloBatchSummary[parts.Length];
        // Batches run side by side (and their chunks too): small batches would otherwise leave cores idle.
        RunParallel(parts.Length, maxDegreeOfParallelism, b => summaries[b] = RunBatch(parts[b].FirstPath, parts[b].Count, maxDegreeOfParallelism));

        return Report(MonteCarloBatchSummary.Merge(summaries), batches);
    }

    /// <summary>Simulates paths [firstPath, firstPath + count) in chunks, using up to the given number of threads.</summary>
    public MonteCarloBatchSummary RunBatch(long firstPath, long count, int maxDegreeOfParallelism = 1)
    {
        if (firstPath < 0 || count < 1 || firstPath + count > _spec.Paths)
        {
            throw new ArgumentException($"batch [{firstPath}, {firstPath + count}) is not a non-empty part of the run's {_spec.Paths} paths");
        }

        // Chunks run in waves and fold into a running summary, so memory stays bounded by the tails plus one wave.
        var chunks = (int)((count + ChunkPaths - 1) / ChunkPaths);
        var wave = 4 * (maxDegreeOfParallelism > 0 ? maxDegreeOfParallelism : Environment.ProcessorCount);
        MonteCarloBatchSummary? total = null;
        for (var first = 0; first < chunks; first += wave)
        {
            var results = new MonteCarloBatchSummary[Math.Min(wave, chunks - first)];
            var waveStart = first;
            var bounds = TailBounds.Of(total, TailSize, SharpeTailSize);
            RunParallel(results.Length, maxDegreeOfParallelism, c =>
            {
                var start = firstPath + ((long)(waveStart + c) * ChunkPaths);
                results[c] = Chunk(start, (int)Math.Min(ChunkPaths, firstPath + count - start), bounds);
            });
            total = total is null ? MonteCarloBatchSummary.Merge(results) : MonteCarloBatchSummary.Merge([total, .. results]);
        }

        return total!;
    }

    /// <summary>Parallel.For that rethrows the first failure itself, as a sequential loop would.</summary>
    private static void RunParallel(int count, int maxDegreeOfParallelism, Action<int> body)
    {
        try
        {
            Parallel.For(0, count, new ParallelOptions { MaxDegreeOfParallelism = maxDegreeOfParallelism }, body);
        }
        catch (AggregateException e)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e.Flatten().InnerExceptions[0]).Throw();
            throw;
        }
    }

    /// <summary>The report of a merged summary covering all paths of the run.</summary>
    public MonteCarloReport Report(MonteCarloBatchSummary merged, int batches)
    {
        ArgumentNullException.ThrowIfNull(merged);
        if (merged.RunKey != RunKey)
        {
            throw new ArgumentException("the summary belongs to a different run", nameof(merged));
        }

        if (merged.FirstPath != 0 || merged.PathCount != _spec.Paths)
        {
            throw new ArgumentException($"the summary covers paths [{merged.FirstPath}, {merged.FirstPath + merged.PathCount}), not all {_spec.Paths}", nameof(merged));
        }

        var n = (double)merged.PathCount;
        var s1 = merged.TerminalSum.ToDouble();
        var s2 = merged.TerminalSquareSum.ToDouble();
        var mean = s1 / n;
        var sd = merged.PathCount > 1 ? Math.Sqrt(Math.Max(0, (s2 - (s1 * mean)) / (n - 1))) : 0;
        var tail = new List<TailRisk>();
        foreach (var c in _spec.Confidences)
        {
            var j = MonteCarloSpec.TailCount(c, merged.PathCount);
            var worst = 0.0;
            for (var i = 0; i < j; i++)
            {
                worst += merged.LowestTerminal[i];
            }

            tail.Add(new TailRisk(c, j, -merged.LowestTerminal[j - 1], -(worst / j), merged.HighestDrawdown[j - 1]));
        }

        var losses = new List<LossProbability>();
        for (var t = 0; t < _spec.LossThresholds.Count; t++)
        {
            losses.Add(new LossProbability(_spec.LossThresholds[t], merged.LossCounts[t], merged.LossCounts[t] / n));
        }

        var bins = _spec.HistogramBins;
        var edges = new double[bins + 1];
        for (var i = 0; i <= bins; i++)
        {
            edges[i] = _histogramLow + ((_histogramHigh - _histogramLow) * i / bins);
        }

        var histogram = new ReturnHistogram(edges, merged.Histogram[1..^1], merged.Histogram[0], merged.Histogram[^1]);
        double sharpeMean = double.NaN, sharpeLow = double.NaN, sharpeHigh = double.NaN;
        if (merged.SharpeCount > 0)
        {
            var j = SharpeTailCount(merged.SharpeCount);
            sharpeMean = merged.SharpeSum.ToDouble() / merged.SharpeCount;
            sharpeLow = merged.LowestSharpe[j - 1];
            sharpeHigh = merged.HighestSharpe[j - 1];
        }

        var inputs = new MonteCarloInputs(_model.Name, _model.Parameters, _spec.Seed, _spec.Paths, _spec.Horizon, batches, _spec.Confidences,
            _spec.LossThresholds, bins, _spec.PeriodsPerYear, _spec.RiskFreePerPeriod, _spec.SharpeIntervalLevel, CodeVersion);
        return new MonteCarloReport(inputs, mean, sd, merged.TerminalMin, merged.TerminalMax, tail, losses, histogram,
            merged.DrawdownSum.ToDouble() / n, merged.DrawdownHistogram, sharpeMean, sharpeLow, sharpeHigh, merged.SharpeCount);
    }

    private MonteCarloBatchSummary Chunk(long firstPath, int count, TailBounds bounds)
    {
        // One pooled buffer for the seven per-path columns: no garbage per chunk in a long run.
        var buffer = ArrayPool<double>.Shared.Rent(7 * count);
        try
        {
            return Chunk(firstPath, count, bounds, buffer.AsSpan(0, 7 * count));
        }
        finally
        {
            ArrayPool<double>.Shared.Return(buffer);
        }
    }

    private MonteCarloBatchSummary Chunk(long firstPath, int count, TailBounds bounds, Span<double> columns)
    {
        var terminalLog = columns[..count];
        var minLogDrawdown = columns.Slice(count, count);
        var squares = columns.Slice(2 * count, count);
        _model.Simulate(_spec.Seed, _spec.Horizon, firstPath, terminalLog, minLogDrawdown, squares);

        var horizon = _spec.Horizon;
        var bins = _spec.HistogramBins;
        var binScale = bins / (_histogramHigh - _histogramLow);
        var thresholds = _spec.LossThresholds;
        var histogram = new long[bins + 2];
        var losses = new long[thresholds.Count];
        var drawdownHistogram = new long[DrawdownBins];
        // Only values that can still reach the run's extremes are kept (and sorted): see TailBounds.
        var terminal = columns.Slice(3 * count, count);
        var drawdown = columns.Slice(4 * count, count);
        var sharpeLow = columns.Slice(5 * count, count);
        var sharpeHigh = columns.Slice(6 * count, count);
        int terminalCount = 0, drawdownCount = 0, lowCount = 0, highCount = 0;
        var sharpeCount = 0;
        FixedPointSum sum = default, squareSum = default, drawdownSum = default, sharpeSum = default;
        double min = double.PositiveInfinity, max = double.NegativeInfinity;
        for (var i = 0; i < count; i++)
        {
            // Adding 0.0 turns -0 into +0, so equal values always have equal bits in the sorted extremes.
            var r = PortableMath.Exp(terminalLog[i]) - 1.0 + 0.0;
            if (!(r < MaxTerminalReturn))
            {
                throw new ArgumentException($"a path's horizon return ({r:G4}) is beyond the supported range (below 2^20): shorten the horizon or lower the drift/volatility");
            }

            var d = Drawdowns.FromLogDrawdown(minLogDrawdown[i]) + 0.0;
            if (r <= bounds.TerminalAtMost)
            {
                terminal[terminalCount++] = r;
            }

            if (d >= bounds.DrawdownAtLeast)
            {
                drawdown[drawdownCount++] = d;
            }

            sum = sum.Add(r);
            squareSum = squareSum.Add(r * r);
            drawdownSum = drawdownSum.Add(d);
            min = Math.Min(min, r);
            max = Math.Max(max, r);
            var bin = (r - _histogramLow) * binScale;
            histogram[bin < 0 ? 0 : bin >= bins ? bins + 1 : 1 + (int)bin]++;
            drawdownHistogram[Math.Min(DrawdownBins - 1, (int)(d * DrawdownBins))]++;
            for (var t = 0; t < thresholds.Count; t++)
            {
                if (r < -thresholds[t])
                {
                    losses[t]++;
                }
            }

            if (horizon >= 2)
            {
                var meanStep = terminalLog[i] / horizon;
                var variance = (squares[i] - (terminalLog[i] * meanStep)) / (horizon - 1);
                // Below 1e-12 of the mean square the variance is rounding residue of constant steps: no Sharpe.
                var s = variance > 1e-12 * squares[i] / horizon
                    ? PerformanceMetrics.SharpeFromMoments(meanStep - _spec.RiskFreePerPeriod, Math.Sqrt(variance), _spec.PeriodsPerYear) + 0.0
                    : double.NaN;
                if (double.IsFinite(s))
                {
                    sharpeCount++;
                    if (s <= bounds.SharpeLowAtMost)
                    {
                        sharpeLow[lowCount++] = s;
                    }

                    if (s >= bounds.SharpeHighAtLeast)
                    {
                        sharpeHigh[highCount++] = s;
                    }

                    sharpeSum = sharpeSum.Add(s);
                }
            }
        }

        return new MonteCarloBatchSummary
        {
            RunKey = RunKey,
            FirstPath = firstPath,
            PathCount = count,
            TailSize = TailSize,
            SharpeTailSize = SharpeTailSize,
            TerminalSum = sum,
            TerminalSquareSum = squareSum,
            DrawdownSum = drawdownSum,
            SharpeSum = sharpeSum,
            SharpeCount = sharpeCount,
            TerminalMin = min,
            TerminalMax = max,
            Histogram = histogram,
            LossCounts = losses,
            DrawdownHistogram = drawdownHistogram,
            LowestTerminal = MonteCarloBatchSummary.Extremes(terminal[..terminalCount], TailSize, descending: false),
            HighestDrawdown = MonteCarloBatchSummary.Extremes(drawdown[..drawdownCount], TailSize, descending: true),
            LowestSharpe = MonteCarloBatchSummary.Extremes(sharpeLow[..lowCount], SharpeTailSize, descending: false),
            HighestSharpe = MonteCarloBatchSummary.Extremes(sharpeHigh[..highCount], SharpeTailSize, descending: true),
        };
    }

    /// <summary>Values kept in each Sharpe tail: <c>ceil((1 - level) / 2 * n)</c>, in decimal like <see cref="MonteCarloSpec.TailCount"/>.</summary>
    private int SharpeTailCount(long n) =>
        Math.Clamp((int)Math.Ceiling((1m - (decimal)_spec.SharpeIntervalLevel) / 2m * n), 1, (int)Math.Min(n, int.MaxValue));

    private string ComputeRunKey()
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"{CodeVersion}|{_model.Name}");
        foreach (var (name, values) in _model.Parameters.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            text.Append('|').Append(name).Append('=').AppendJoin(',', values.Select(v => v.ToString("R", CultureInfo.InvariantCulture)));
        }

        var s = _spec;
        text.Append(CultureInfo.InvariantCulture, $"|H={s.Horizon}|N={s.Paths}|seed={s.Seed}|c={string.Join(',', s.Confidences.Select(Format))}|loss={string.Join(',', s.LossThresholds.Select(Format))}");
        text.Append(CultureInfo.InvariantCulture, $"|bins={s.HistogramBins}|ppy={Format(s.PeriodsPerYear)}|rf={Format(s.RiskFreePerPeriod)}|ci={Format(s.SharpeIntervalLevel)}");
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }

    private static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>
    /// Once the summary so far holds a full tail, a value beyond its current k-th extreme can never enter the final
    /// k extremes (those only move inwards), so later chunks drop such values before sorting. Values equal to the
    /// bound are kept; the merged result is the same multiset whichever values were dropped early.
    /// </summary>
    private readonly record struct TailBounds(double TerminalAtMost, double DrawdownAtLeast, double SharpeLowAtMost, double SharpeHighAtLeast)
    {
        public static TailBounds Of(MonteCarloBatchSummary? total, int tail, int sharpeTail) => total is null
            ? new(double.PositiveInfinity, double.NegativeInfinity, double.PositiveInfinity, double.NegativeInfinity)
            : new(
                total.LowestTerminal.Length == tail ? total.LowestTerminal[^1] : double.PositiveInfinity,
                total.HighestDrawdown.Length == tail ? total.HighestDrawdown[^1] : double.NegativeInfinity,
                total.LowestSharpe.Length == sharpeTail ? total.LowestSharpe[^1] : double.PositiveInfinity,
                total.HighestSharpe.Length == sharpeTail ? total.HighestSharpe[^1] : double.NegativeInfinity);
    }
}
