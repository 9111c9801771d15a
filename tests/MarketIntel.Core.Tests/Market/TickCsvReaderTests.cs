using MarketIntel.Core.Market;
using MarketIntel.Core.Market.Csv;

namespace MarketIntel.Core.Tests.Market;

public sealed class TickCsvReaderTests
{
    private static List<TickRecord> ReadAll(string text)
    {
        var reader = new TickCsvReader(new StringReader(text), "t.csv");
        var list = new List<TickRecord>();
        while (reader.TryRead(out var r))
        {
            list.Add(r);
        }

        return list;
    }

    [Fact]
    public void ReadsTicksWithArrivalIndexAndLine()
    {
        var records = ReadAll("\uFEFFtimestamp,symbol,price,size,trade_id\n2024-03-09T23:50:01.250Z,BTC-USD,68000.5,0.25,1001\n\n2024-03-09T23:50:02Z,ETH-USD,3500,1e-3,x-7\n");
        Assert.Equal(2, records.Count);
        Assert.Equal((0L, 2), (records[0].ArrivalIndex, records[0].Line));
        Assert.Equal((1L, 4), (records[1].ArrivalIndex, records[1].Line));
        Assert.Equal(new Tick(new DateTime(2024, 3, 9, 23, 50, 1, 250, DateTimeKind.Utc), new Symbol("BTC-USD"), 68000.5, 0.25m, new TradeId(1001)), records[0].Tick);
        Assert.Equal(0.001m, records[1].Tick.Size);
        Assert.Equal("x-7", records[1].Tick.TradeId.ToString());
    }

    [Theory]
    [InlineData("not-a-time,BTC,1,1,1", "timestamp")]
    [InlineData("2024-03-09T23:50:01Z,BTC,0,1,1", "price")]
    [InlineData("2024-03-09T23:50:01Z,BTC,NaN,1,1", "price")]
    [InlineData("2024-03-09T23:50:01Z,BTC,Infinity,1,1", "price")]
    [InlineData("2024-03-09T23:50:01Z,BTC,abc,1,1", "price")]
    [InlineData("2024-03-09T23:50:01Z,BTC,1,-1,1", "size")]
    [InlineData("2024-03-09T23:50:01Z,BTC,1,NaN,1", "size")]
    public void BadValues_AreInvalidTicksNotFileErrors(string row, string what)
    {
        var r = Assert.Single(ReadAll("timestamp,symbol,price,size,trade_id\n" + row + "\n"));
        Assert.False(r.IsValid);
        Assert.Contains(what, r.InvalidReason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("time,symbol,px,size,trade_id\n", 1, "price")]
    [InlineData("timestamp,symbol,price,size,trade_id\n2024-03-09T23:50:01Z,BTC,1,1\n", 2, null)]
    [InlineData("timestamp,symbol,price,size,trade_id\n2024-03-09T23:50:01Z,,1,1,1\n", 2, "symbol")]
    [InlineData("timestamp,symbol,price,size,trade_id\n2024-03-09T23:50:01Z,BTC,1,1,\n", 2, "trade_id")]
    public void StructuralProblems_AreFileErrors(string text, int line, string? field)
    {
        var ex = Assert.Throws<CsvFormatException>(() => ReadAll(text));
        Assert.Equal((line, field), (ex.Line, ex.Field));
    }
}
