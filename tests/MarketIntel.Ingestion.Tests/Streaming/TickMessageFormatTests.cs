using MarketIntel.Core.Market;
using MarketIntel.Ingestion.Providers;
using MarketIntel.Ingestion.Streaming;

namespace MarketIntel.Ingestion.Tests.Streaming;

public sealed class TickMessageFormatTests
{
    [Fact]
    public void AFullMessage_ParsesEveryField_SizeExactly()
    {
        Assert.True(TickMessageFormat.TryParse(
            """{"symbol":"BTC-USD","price":64123.5,"size":0.1000000000000000055511,"time":"2026-11-21T05:00:01.250Z","tradeId":"8123456","side":"buy","venue":"x"}""",
            out var tick, out _, out _));
        Assert.Equal(new Tick(new DateTime(2026, 11, 21, 5, 0, 1, 250, DateTimeKind.Utc), "BTC-USD", 64123.5, 0.1000000000000000055511m, new TradeId(8123456)), tick);
    }

    [Fact]
    public void EpochMillisecondsAndNumericTradeIds_AreAccepted_LeadingZeroIdsStayText()
    {
        Assert.True(TickMessageFormat.TryParse("""{"symbol":"ETH-USD","price":1,"size":0,"time":1700000000123,"tradeId":42}""", out var tick, out _, out _));
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1700000000123).UtcDateTime, tick.Timestamp);
        Assert.Equal(new TradeId(42), tick.TradeId);
        Assert.True(TickMessageFormat.TryParse("""{"symbol":"ETH-USD","price":1,"size":0,"time":1700000000123,"tradeId":"042"}""", out tick, out _, out _));
        Assert.False(tick.TradeId.IsNumeric);
    }

    [Theory]
    [InlineData("", "malformed", "empty")]
    [InlineData("{\"symbol\":", "malformed", "not JSON")]
    [InlineData("[1,2]", "malformed", "JSON object")]
    [InlineData("""{"price":1,"size":1,"time":"2024-01-01T00:00:00Z","tradeId":"1"}""", "invalid", "symbol")]
    [InlineData("""{"symbol":"A B","price":1,"size":1,"time":"2024-01-01T00:00:00Z","tradeId":"1"}""", "invalid", "symbol")]
    [InlineData("""{"symbol":"AAPL","price":0,"size":1,"time":"2024-01-01T00:00:00Z","tradeId":"1"}""", "invalid", "price")]
    [InlineData("""{"symbol":"AAPL","price":"NaN","size":1,"time":"2024-01-01T00:00:00Z","tradeId":"1"}""", "invalid", "price")]
    [InlineData("""{"symbol":"AAPL","price":1,"size":-1,"time":"2024-01-01T00:00:00Z","tradeId":"1"}""", "invalid", "size")]
    [InlineData("""{"symbol":"AAPL","price":1,"size":1,"time":"yesterday","tradeId":"1"}""", "invalid", "time")]
    [InlineData("""{"symbol":"AAPL","price":1,"size":1,"time":"2024-01-01T00:00:00Z"}""", "invalid", "tradeId")]
    [InlineData("""{"symbol":"AAPL","price":1,"size":1,"time":"2024-01-01T00:00:00Z","tradeId":""}""", "invalid", "tradeId")]
    [InlineData("""{"symbol":"AAPL","price":1,"size":1,"time":"2024-01-01T00:00:00Z","tradeId":"1","side":"long"}""", "invalid", "side")]
    public void BadMessages_AreRejectedWithAReasonNamingTheField(string message, string reason, string field)
    {
        Assert.False(TickMessageFormat.TryParse(message, out _, out var why, out var detail));
        Assert.Equal(reason, why);
        Assert.Contains(field, detail, StringComparison.Ordinal);
        Assert.True(why is RejectReasons.Malformed or RejectReasons.Invalid);
    }
}
