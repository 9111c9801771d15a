using MarketIntel.Core.Market.Csv;

namespace MarketIntel.Core.Trading;

/// <summary>
/// Reads a replay's orders file, <c>id,time,side,type,quantity,limit_price,stop_price,tif</c> (any column order, header
/// names case-insensitive): side <c>buy|sell</c>, type <c>market|limit|stop|stop_limit</c>, tif <c>day|gtc|ioc</c>,
/// a positive quantity (fractions allowed), prices empty where they do not apply. Every problem is a
/// <see cref="CsvFormatException"/> naming the file, line and field.
/// </summary>
public static class OrderCsvReader
{
    private static readonly string[] Names = ["id", "time", "side", "type", "quantity", "limit_price", "stop_price", "tif"];

    private static readonly string[][] Columns = Array.ConvertAll(Names, n => new[] { n });

    public static IReadOnlyList<ReplayOrder> ReadFile(string path, string symbol)
    {
        using var reader = new StreamReader(path, detectEncodingFromByteOrderMarks: true);
        return Read(reader, path, symbol);
    }

    public static IReadOnlyList<ReplayOrder> Read(TextReader reader, string file, string symbol)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var header = CsvHeader.Parse(reader.ReadLine(), file, Columns);
        var ranges = new Range[header.FieldCount + 1];
        var result = new List<ReplayOrder>();
        var lineNo = 1;
        string? text;
        while ((text = reader.ReadLine()) is not null)
        {
            lineNo++;
            if (text.Length == 0)
            {
                continue;
            }

            var n = CsvFields.Split(text, ranges);
            if (n != header.FieldCount)
            {
                throw new CsvFormatException(file, lineNo, null, $"expected {header.FieldCount} fields, found {n}");
            }

            string Field(int c) => text[ranges[header[c]]].Trim();
            CsvFormatException Bad(int c, string problem) => new(file, lineNo, Names[c], $"'{Field(c)}' {problem}");

            var id = Field(0);
            if (id.Length == 0)
            {
                throw Bad(0, "is empty: every order needs an id");
            }

            if (!MarketText.TryParseUtc(Field(1), out var time))
            {
                throw Bad(1, "is not an ISO 8601 date or time (e.g. 2024-03-09 or 2024-03-09T14:30:00Z)");
            }

            var side = Field(2).ToLowerInvariant() switch
            {
                "buy" => OrderSide.Buy,
                "sell" => OrderSide.Sell,
                _ => throw Bad(2, "is not a side: buy or sell"),
            };
            var type = Field(3).ToLowerInvariant() switch
            {
                "market" => OrderType.Market,
                "limit" => OrderType.Limit,
                "stop" => OrderType.Stop,
                "stop_limit" => OrderType.StopLimit,
                _ => throw Bad(3, "is not an order type: market, limit, stop or stop_limit"),
            };
            if (!MarketText.TryParseDouble(Field(4), out var quantity) || !(quantity > 0 && double.IsFinite(quantity)))
            {
                throw Bad(4, "is not a quantity: a finite number > 0");
            }

            var limit = Price(5, type is OrderType.Limit or OrderType.StopLimit);
            var stop = Price(6, type is OrderType.Stop or OrderType.StopLimit);
            var tif = Field(7).ToLowerInvariant() switch
            {
                "day" => TimeInForce.Day,
                "gtc" => TimeInForce.Gtc,
                "ioc" => TimeInForce.Ioc,
                _ => throw Bad(7, "is not a time in force: day, gtc or ioc"),
            };
            result.Add(new ReplayOrder(time, new OrderRequest(id, symbol, side, type, quantity, limit, stop, tif)));

            double? Price(int c, bool required)
            {
                var t = Field(c);
                if (t.Length == 0)
                {
                    return required ? throw new CsvFormatException(file, lineNo, Names[c], $"a {Field(3)} order needs a {Names[c]}") : null;
                }

                if (!required)
                {
                    throw Bad(c, $"is given, but a {Field(3)} order has no {Names[c]}: leave it empty");
                }

                return MarketText.TryParseDouble(t, out var v) && v > 0 && double.IsFinite(v) ? v : throw Bad(c, "is not a price: a finite number > 0");
            }
        }

        return result;
    }
}
