namespace MarketIntel.Pipeline.Engine;

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
}
