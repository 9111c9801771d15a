namespace MarketIntel.Core.Market.Csv;

/// <summary>
/// Streams <c>timestamp,symbol,price,size,trade_id</c> rows in arrival order. A row with the wrong number of fields,
/// an empty or malformed symbol or an empty trade id is a malformed file (<see cref="CsvFormatException"/>); a
/// well-formed row whose timestamp, price or size cannot be used is returned with its reason, for the aggregator to
/// count as invalid. A UTF-8 BOM is skipped. Repeated symbols are interned, so steady-state reading allocates only the
/// line string.
/// </summary>
public sealed class TickCsvReader
{
    private static readonly string[][] Columns =
    [
        ["timestamp", "time", "ts"],
        ["symbol"],
        ["price"],
        ["size", "quantity", "qty"],
        ["trade_id", "tradeid", "id"],
    ];

    private readonly TextReader _reader;
    private readonly string _file;
    private readonly Dictionary<string, Symbol> _symbols = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Symbol>.AlternateLookup<ReadOnlySpan<char>> _symbolLookup;
    private CsvHeader? _header;
    private Range[] _ranges = new Range[8];
    private int _line;
    private long _index;

    public TickCsvReader(TextReader reader, string file)
    {
        _reader = reader;
        _file = file;
        _symbolLookup = _symbols.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <summary>Lines read so far, including the header.</summary>
    public int LinesRead => _line;

    public bool TryRead(out TickRecord record)
    {
        if (_header is null)
        {
            _line++;
            _header = CsvHeader.Parse(_reader.ReadLine(), _file, Columns);
            if (_ranges.Length < _header.FieldCount + 1)
            {
                _ranges = new Range[_header.FieldCount + 1];
            }
        }

        string? text;
        do
        {
            text = _reader.ReadLine();
            _line++;
            if (text is null)
            {
                record = default;
                return false;
            }
        }
        while (text.Length == 0 || (text.Length == 1 && text[0] == '\r'));

        var line = text.AsSpan();
        var n = CsvFields.Split(line, _ranges);
        if (n != _header.FieldCount)
        {
            throw new CsvFormatException(_file, _line, null, $"expected {_header.FieldCount} fields, found {n}");
        }

        var symbolText = line[_ranges[_header[1]]].Trim();
        if (!_symbolLookup.TryGetValue(symbolText, out var symbol))
        {
            if (!Symbol.IsValid(symbolText, out var why))
            {
                throw new CsvFormatException(_file, _line, "symbol", why);
            }

            symbol = new Symbol(symbolText.ToString());
            _symbols.Add(symbol.Value, symbol);
        }

        var idText = line[_ranges[_header[4]]].Trim();
        if (idText.IsEmpty)
        {
            throw new CsvFormatException(_file, _line, "trade_id", "a trade id is required (duplicates are detected by it)");
        }

        var tradeId = TradeId.Parse(idText);
        var arrival = _index++;
        string? invalid = null;
        if (!MarketText.TryParseUtc(line[_ranges[_header[0]]], out var timestamp))
        {
            invalid = "timestamp is not an ISO 8601 time";
        }

        if (!MarketText.TryParseDouble(line[_ranges[_header[2]]], out var price) || !double.IsFinite(price) || price <= 0)
        {
            invalid ??= "price is not a finite number > 0";
        }

        if (!MarketText.TryParseDecimal(line[_ranges[_header[3]]], out var size) || size < 0)
        {
            invalid ??= "size is not a finite number >= 0";
        }

        record = new TickRecord(arrival, _line, new Tick(timestamp, symbol, price, size, tradeId), invalid);
        return true;
    }
}
