namespace MarketIntel.Pipeline.Orchestration;

/// <summary>Pure splitting of work into batches: the same input always gives the same plan.</summary>
public static class BatchPlanner
{
    /// <summary>Consecutive chunks of at most <paramref name="size"/> items, in order.</summary>
    public static List<T[]> Chunk<T>(IReadOnlyList<T> items, int size)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentOutOfRangeException.ThrowIfLessThan(size, 1);
        var chunks = new List<T[]>();
        for (var i = 0; i < items.Count; i += size)
        {
            var chunk = new T[Math.Min(size, items.Count - i)];
            for (var j = 0; j < chunk.Length; j++)
            {
                chunk[j] = items[i + j];
            }

            chunks.Add(chunk);
        }

        return chunks;
    }

    /// <summary>
    /// Splits paths [0, <paramref name="total"/>) into <paramref name="batches"/> contiguous ranges whose sizes differ
    /// by at most one (the first <c>total % batches</c> ranges get the extra path).
    /// </summary>
    public static List<PathRange> SplitPaths(long total, int batches)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(total, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(batches, 1);
        if (batches > total)
        {
            throw new ArgumentOutOfRangeException(nameof(batches), batches, $"Cannot split {total} paths into {batches} non-empty batches.");
        }

        var ranges = new List<PathRange>(batches);
        var baseSize = total / batches;
        var extra = total % batches;
        long start = 0;
        for (var b = 0; b < batches; b++)
        {
            var count = baseSize + (b < extra ? 1 : 0);
            ranges.Add(new PathRange(b, start, count));
            start += count;
        }

        return ranges;
    }
}
