namespace MarketIntel.Core.Indicators;

/// <summary>
/// The result of evaluating an indicator: named columns of equal length. Most indicators have one row per input
/// bar; those that build their own bars (Renko) set <see cref="SourceIndex"/>, the input bar each row belongs to.
/// </summary>
public sealed class IndicatorOutput
{
    public IndicatorOutput(IReadOnlyList<IndicatorColumn> columns, int[]? sourceIndex = null)
    {
        Columns = columns;
        SourceIndex = sourceIndex;
        RowCount = columns.Count == 0 ? 0 : columns[0].Count;
    }

    public IReadOnlyList<IndicatorColumn> Columns { get; }

    public int[]? SourceIndex { get; }

    public int RowCount { get; }

    public IndicatorColumn this[string name]
    {
        get
        {
            foreach (var c in Columns)
            {
                if (c.Name == name)
                {
                    return c;
                }
            }

            throw new KeyNotFoundException($"no output column '{name}'");
        }
    }

    /// <summary>Every column as <c>double?</c> values (null = no value), by output name.</summary>
    public IReadOnlyDictionary<string, double?[]> ToNullableColumns()
    {
        var result = new Dictionary<string, double?[]>(StringComparer.Ordinal);
        foreach (var c in Columns)
        {
            result[c.Name] = c.ToNullable();
        }

        return result;
    }

    /// <summary>The input bar index of a row.</summary>
    public int BarIndex(int row) => SourceIndex is null ? row : SourceIndex[row];

    /// <summary>Number columns named in order, each <paramref name="rows"/> long and filled with NaN.</summary>
    public static double[][] NewColumns(int count, int rows)
    {
        var result = new double[count][];
        for (var c = 0; c < count; c++)
        {
            result[c] = NewColumn(rows);
        }

        return result;
    }

    public static double[] NewColumn(int rows)
    {
        var a = GC.AllocateUninitializedArray<double>(rows);
        a.AsSpan().Fill(double.NaN);
        return a;
    }

    public static IndicatorOutput Numbers(string[] names, double[][] values)
    {
        var columns = new IndicatorColumn[names.Length];
        for (var c = 0; c < names.Length; c++)
        {
            columns[c] = new IndicatorColumn(names[c], values[c]);
        }

        return new IndicatorOutput(columns);
    }
}
