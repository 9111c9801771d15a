using MarketIntel.Core.Market.Csv;
using MarketIntel.Core.Trading;

namespace MarketIntel.Core.Tests.Fuzzing;

/// <summary>
/// The CLI's CSV readers (quotes and bars for backtests, ticks, a paper replay's orders) on arbitrary and mutated files:
/// each returns rows or throws <see cref="CsvFormatException"/> naming the file and a line that exists, nothing else.
/// </summary>
public sealed class CsvReaderFuzzTests
{
    private const string File = "fuzz.csv";

    private static readonly string[] Quotes =
    [
        "timestamp,open,high,low,close,volume\n2024-03-04T00:00:00Z,100.5,101,99.5,100.25,1200\n2024-03-04T00:01:00Z,100.25,100.9,100,100.75,830.5\n",
        "\uFEFFdate,open,high,low,close,volume,trades\n2024-03-04,10,11,9,10.5,100,12\n2024-03-05,10.5,12,10,11,0,0\n",
        "close,volume,open,high,low,datetime\r\n1.085,0,1.08,1.09,1.07,2024-01-02T10:00:00Z\r\n",
    ];

    private static readonly string[] Ticks =
    [
        "timestamp,symbol,price,size,trade_id\n2024-03-04T00:00:00.250Z,BTC-USD,64123.5,0.015,8123456\n2024-03-04T00:00:01Z,ETH-USD,3100,1.5,abc-1\n",
        "ts,symbol,price,qty,id\n2024-03-04T00:00:00Z,SPY,512.1,100,1\n2024-03-04T00:00:00Z,SPY,512.1,100,1\n",
    ];

    private static readonly string[] Orders =
    [
        "id,time,side,type,quantity,limit_price,stop_price,tif\no1,2024-03-04,buy,market,10,,,day\no2,2024-03-05T14:30:00Z,sell,limit,2.5,101.5,,gtc\no3,2024-03-06,sell,stop_limit,1,99,100,ioc\n",
        "TIF,Quantity,ID,Side,Type,Time,Stop_Price,Limit_Price\nday,1,a,buy,stop,2024-01-02,100,\n",
    ];

    private static readonly string[] Tokens = ["timestamp", "open", "high", "low", "close", "volume", "trades", "symbol", "price", "size", "trade_id", "id", "time", "side", "type", "quantity", "limit_price", "stop_price", "tif", "buy", "sell", "market", "limit", "stop_limit", "day", "gtc", "ioc", "BTC-USD", "2024-03-04", "2024-03-04T00:00:00Z", "1", "100.5", ",", "\n"];

    [Fact]
    public void QuoteCsv_ReturnsBarsOrNamesTheLine() =>
        Fuzz.NeverCrashes(Fuzz.Text(Quotes, Tokens), ReadQuotes, NamesALine);

    [Fact]
    public void TickCsv_ReturnsTicksOrNamesTheLine() =>
        Fuzz.NeverCrashes(Fuzz.Text(Ticks, Tokens), ReadTicks, NamesALine);

    [Fact]
    public void OrderCsv_ReturnsOrdersOrNamesTheLine() =>
        Fuzz.NeverCrashes(Fuzz.Text(Orders, Tokens), ReadOrders, NamesALine);

    /// <summary>Inputs that once crashed a reader (kept so they never do again), and edge cases worth pinning.</summary>
    [Theory]
    [InlineData("")]
    [InlineData("\uFEFF")]
    [InlineData("timestamp,open,high,low,close,volume\n\"2024-03-04\",1,1,1,1,1\n")]
    public void Regressions(string input)
    {
        Assert.True(Fuzz.Survives(input, ReadQuotes, NamesALine));
        Assert.True(Fuzz.Survives(input, ReadTicks, NamesALine));
        Assert.True(Fuzz.Survives(input, ReadOrders, NamesALine));
    }

    private static void ReadQuotes(string text) => QuoteCsvReader.Read(new StringReader(text), File);

    private static void ReadOrders(string text) => OrderCsvReader.Read(new StringReader(text), File, "SPY");

    private static void ReadTicks(string text)
    {
        var reader = new TickCsvReader(new StringReader(text), File);
        while (reader.TryRead(out _))
        {
        }
    }

    private static bool NamesALine(Exception ex) =>
        ex is CsvFormatException csv && csv.File == File && csv.Line >= 1 && csv.Message.StartsWith($"{File}:{csv.Line}: ", StringComparison.Ordinal);
}
