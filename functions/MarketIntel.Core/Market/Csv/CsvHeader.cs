namespace MarketIntel.Core.Market.Csv;

/// <summary>Maps required column names (case-insensitive, any order, extra columns allowed) to field positions.</summary>
internal sealed class CsvHeader
{
    private readonly int[] _positions;

    private CsvHeader(int[] positions, int fieldCount)
    {
        _positions = positions;
        FieldCount = fieldCount;
    }

    public int FieldCount { get; }

    public int this[int column] => _positions[column];

    /// <summary>Each required column is a list of accepted aliases, the first being its canonical name.</summary>
    public static CsvHeader Parse(string? line, string file, string[][] required)
    {
        if (line is null)
        {
            throw new CsvFormatException(file, 1, null, $"the file is empty; expected a header '{string.Join(',', Array.ConvertAll(required, r => r[0]))}'");
        }

        var names = line.TrimStart('\uFEFF').Split(',');
        var positions = new int[required.Length];
        for (var c = 0; c < required.Length; c++)
        {
            positions[c] = -1;
            for (var i = 0; i < names.Length && positions[c] < 0; i++)
            {
                foreach (var alias in required[c])
                {
                    if (string.Equals(names[i].Trim(), alias, StringComparison.OrdinalIgnoreCase))
                    {
                        positions[c] = i;
                        break;
                    }
                }
            }

            if (positions[c] < 0)
            {
                throw new CsvFormatException(file, 1, required[c][0],
                    $"the header lacks column '{required[c][0]}'; expected '{string.Join(',', Array.ConvertAll(required, r => r[0]))}', found '{line.TrimStart('\uFEFF')}'");
            }
        }

        return new CsvHeader(positions, names.Length);
    }
}
