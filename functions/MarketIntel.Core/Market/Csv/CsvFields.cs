namespace MarketIntel.Core.Market.Csv;

/// <summary>Splits a CSV line (no quoting: market data files do not use it) into field ranges without allocating.</summary>
internal static class CsvFields
{
    /// <summary>Fills <paramref name="ranges"/> and returns the number of fields found (possibly more than fit).</summary>
    public static int Split(ReadOnlySpan<char> line, Span<Range> ranges)
    {
        var count = 0;
        var start = 0;
        for (var i = 0; i <= line.Length; i++)
        {
            if (i == line.Length || line[i] == ',')
            {
                if (count < ranges.Length)
                {
                    ranges[count] = new Range(start, i);
                }

                count++;
                start = i + 1;
            }
        }

        return count;
    }
}
