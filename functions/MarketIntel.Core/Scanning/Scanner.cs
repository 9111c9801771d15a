namespace MarketIntel.Core.Scanning;

/// <summary>
/// Runs compiled rules over many symbols at once. Symbols are independent (each has its own <see cref="ScanSeries"/>
/// and caches), so they run in parallel; every result lands in its symbol's slot and is then ordered by time, then
/// symbol (ordinal), then bar, so the output is the same for any degree of parallelism. Each symbol's caches serve the
/// rule and its terms and are released once the symbol is done.
/// </summary>
public static class Scanner
{
    /// <summary>The bars where <paramref name="rule"/> holds, with the values of <paramref name="terms"/> at each.</summary>
    public static IReadOnlyList<ScanHit> Scan(IReadOnlyList<ScanSeries> universe, ScanProgram rule, IReadOnlyList<ScanProgram> terms, ScanOptions options)
    {
        ArgumentNullException.ThrowIfNull(rule);
        ArgumentNullException.ThrowIfNull(terms);
        ArgumentNullException.ThrowIfNull(options);
        if (rule.Type != ScanValueType.Boolean)
        {
            throw new ArgumentException($"'{rule.Text}' is not a condition", nameof(rule));
        }

        var perSymbol = Map(universe, options.MaxDegreeOfParallelism, s =>
        {
            var hits = Hits(s, rule, terms, options.EveryBar);
            s.ReleaseCaches();
            return hits;
        });
        var all = new List<ScanHit>();
        foreach (var hits in perSymbol)
        {
            all.AddRange(hits);
        }

        all.Sort(Compare);
        return all;
    }

    /// <summary>
    /// Applies <paramref name="work"/> to every symbol on up to <paramref name="degree"/> threads; results in input order.
    /// If symbols fail, the exception of the first failing symbol (in input order) is rethrown unwrapped.
    /// </summary>
    public static T[] Map<T>(IReadOnlyList<ScanSeries> universe, int degree, Func<ScanSeries, T> work)
    {
        ArgumentNullException.ThrowIfNull(universe);
        ArgumentNullException.ThrowIfNull(work);
        ArgumentOutOfRangeException.ThrowIfLessThan(degree, 1);
        var results = new T[universe.Count];
        var failures = new Exception?[universe.Count];
        Parallel.For(0, universe.Count, new ParallelOptions { MaxDegreeOfParallelism = degree }, i =>
        {
            try
            {
                results[i] = work(universe[i]);
            }
            catch (Exception ex)
            {
                failures[i] = ex;
            }
        });

        // Rethrow the first symbol's failure as it was, so errors too are the same for any degree of parallelism.
        foreach (var failure in failures)
        {
            if (failure is not null)
            {
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(failure).Throw();
            }
        }

        return results;
    }

    public static int Compare(ScanHit? a, ScanHit? b)
    {
        if (a is null || b is null)
        {
            return a is null ? (b is null ? 0 : -1) : 1;
        }

        var c = a.Time.CompareTo(b.Time);
        c = c != 0 ? c : string.CompareOrdinal(a.Symbol, b.Symbol);
        return c != 0 ? c : a.BarIndex.CompareTo(b.BarIndex);
    }

    private static List<ScanHit> Hits(ScanSeries s, ScanProgram rule, IReadOnlyList<ScanProgram> terms, bool everyBar)
    {
        var hits = new List<ScanHit>();
        if (s.Count == 0)
        {
            return hits;
        }

        var truth = rule.Evaluate(s);
        var first = everyBar ? 0 : s.Count - 1;
        double[][]? values = null;
        for (var i = first; i < s.Count; i++)
        {
            if (!ScanProgram.IsTrue(truth[i]))
            {
                continue;
            }

            values ??= terms.Select(t => t.Evaluate(s)).ToArray();
            var row = new double[values.Length];
            for (var k = 0; k < row.Length; k++)
            {
                row[k] = values[k][i];
            }

            hits.Add(new ScanHit(s.Symbol, s.Bars.Time[i], i, row));
        }

        return hits;
    }
}
