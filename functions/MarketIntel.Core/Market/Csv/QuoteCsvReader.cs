namespace MarketIntel.Core.Market.Csv;

/// <summary>
/// Reads <c>timestamp,open,high,low,close,volume</c> files (a <c>date</c> header is accepted for the first column;
/// a date alone means 00:00 UTC; a UTF-8 BOM is skipped; an optional <c>trades</c> column is read when present).
/// Every malformed value is an error naming file, line and field; timestamps must strictly increase.
/// </summary>
public static class QuoteCsvReader
{
    private static readonly string[][] Columns =
    [
        ["timestamp", "date", "time", "datetime"],
        ["open"],
        ["high"],
        ["low"],
        ["close"],
        ["volume"],
    ];

    private static readonly string[] FieldNames = ["timestamp", "open", "high", "low", "close", "volume"];

    public static QuoteFile ReadFile(string path)
    {
        using var reader = new StreamReader(path, detectEncodingFromByteOrderMarks: true);
        return Read(reader, path);
    }

    public static QuoteFile Read(TextReader reader, string file)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var headerLine = reader.ReadLine();
        var header = CsvHeader.Parse(headerLine, file, Columns);
        var tradesColumn = Array.FindIndex(headerLine!.TrimStart('\uFEFF').Split(','), h => string.Equals(h.Trim(), "trades", StringComparison.OrdinalIgnoreCase));
        var bars = new List<Bar>();
        var texts = new List<string>();
        var ranges = new Range[header.FieldCount + 1];
        Span<double> v = stackalloc double[4];
        var lineNo = 1;
        string? text;
        while ((text = reader.ReadLine()) is not null)
        {
            lineNo++;
            if (text.Length == 0)
            {
                continue;
            }

            var line = text.AsSpan();
            var n = CsvFields.Split(line, ranges);
            if (n != header.FieldCount)
            {
                throw new CsvFormatException(file, lineNo, null, $"expected {header.FieldCount} fields, found {n}");
            }

            var tsText = line[ranges[header[0]]].Trim();
            if (!MarketText.TryParseUtc(tsText, out var time))
            {
                throw new CsvFormatException(file, lineNo, "timestamp", $"'{tsText}' is not an ISO 8601 date or time (e.g. 2024-03-09 or 2024-03-09T23:50:00Z)");
            }

            for (var c = 1; c <= 4; c++)
            {
                var field = line[ranges[header[c]]];
                if (!MarketText.TryParseDouble(field, out v[c - 1]) || !double.IsFinite(v[c - 1]))
                {
                    throw new CsvFormatException(file, lineNo, FieldNames[c], $"'{field.Trim()}' is not a finite number");
                }
            }

            var volumeField = line[ranges[header[5]]];
            if (!MarketText.TryParseDecimal(volumeField, out var volume) || volume < 0)
            {
                throw new CsvFormatException(file, lineNo, "volume", $"'{volumeField.Trim()}' is not a number >= 0");
            }

            long trades = 0;
            if (tradesColumn >= 0 && !long.TryParse(line[ranges[tradesColumn]], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out trades))
            {
                throw new CsvFormatException(file, lineNo, "trades", $"'{line[ranges[tradesColumn]].Trim()}' is not a whole number >= 0");
            }

            if (bars.Count > 0 && time <= bars[^1].OpenTime)
            {
                throw new CsvFormatException(file, lineNo, "timestamp", $"{tsText} does not come after the previous row's {texts[^1]}: rows must be in strictly increasing time order");
            }

            bars.Add(new Bar(time, v[0], v[1], v[2], v[3], volume, trades));
            texts.Add(tsText.ToString());
        }

        return new QuoteFile(file, bars, texts);
    }
}
