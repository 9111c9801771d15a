using System.Globalization;
using MarketIntel.Core.Indicators;

namespace MarketIntel.Core.Tests.Indicators;

/// <summary>Compares an indicator output with an expected reference file, cell by cell.</summary>
public static class ReferenceComparer
{
    /// <summary>Returns null when every cell matches, else a description of the first mismatch.</summary>
    public static string? FirstMismatch(IndicatorOutput output, IReadOnlyList<string> timestamps, string expectedPath, double tolerance, string[]? skippedColumns = null)
    {
        var (header, rows) = ReferenceData.ReadExpected(expectedPath);
        if (output.RowCount != rows.Length)
        {
            return $"row count {output.RowCount}, expected {rows.Length}";
        }

        var columns = new IndicatorColumn[header.Length];
        for (var c = 1; c < header.Length; c++)
        {
            if (skippedColumns is null || Array.IndexOf(skippedColumns, header[c]) < 0)
            {
                columns[c] = Find(output, header[c]) ?? throw new InvalidOperationException($"output has no column '{header[c]}'");
            }
        }

        for (var r = 0; r < rows.Length; r++)
        {
            var ts = timestamps[output.BarIndex(r)];
            if (ts != rows[r][0])
            {
                return $"row {r}: timestamp {ts}, expected {rows[r][0]}";
            }

            for (var c = 1; c < header.Length; c++)
            {
                if (columns[c] is null)
                {
                    continue;
                }

                var expected = rows[r][c];
                var actual = columns[c].Format(r);
                if (!Matches(expected, actual, columns[c], r, tolerance))
                {
                    return $"row {r} ({rows[r][0]}), column {header[c]}: actual '{actual}', expected '{(expected.Length == 0 ? "(empty)" : expected)}'";
                }
            }
        }

        return null;
    }

    private static IndicatorColumn? Find(IndicatorOutput output, string name)
    {
        foreach (var c in output.Columns)
        {
            if (c.Name == name)
            {
                return c;
            }
        }

        return null;
    }

    private static bool Matches(string expected, string actual, IndicatorColumn column, int row, double tolerance)
    {
        if (expected.Length == 0 || actual.Length == 0 || column.Kind != IndicatorColumnKind.Number)
        {
            return expected == actual;
        }

        var e = double.Parse(expected, NumberStyles.Float, CultureInfo.InvariantCulture);
        var a = column.Values[row];
        return a.Equals(e) || Math.Abs(a - e) <= tolerance * Math.Max(1.0, Math.Abs(e));
    }
}
