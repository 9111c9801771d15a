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

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void TheSinglePassParser_GivesTheSameVerdictTickAndDetail_AsADocumentParse_OnMutatedMessages(int seed)
    {
        var random = new Random(seed);
        string[] fragments =
        [
            "\"symbol\":\"BTC-USD\"", "\"symbol\":\"a b\"", "\"symbol\":7", "\"sym\\u0062ol\":\"ETH-USD\"", "\"Symbol\":\"X\"",
            "\"price\":64123.5", "\"price\":0", "\"price\":\"1\"", "\"price\":1e400", "\"price\":-2",
            "\"size\":0.1000000000000000055511", "\"size\":-1", "\"size\":1e30", "\"size\":null",
            "\"time\":\"2026-11-21T05:00:01.250Z\"", "\"time\":1700000000123", "\"time\":-1", "\"time\":\"later\"", "\"time\":1.5",
            "\"tradeId\":\"8123456\"", "\"tradeId\":42", "\"tradeId\":\"042\"", "\"tradeId\":\"\"", "\"tradeId\":1e3", "\"tradeId\":-7", "\"tradeId\":{\"a\":1}",
            "\"side\":\"buy\"", "\"side\":\"sell\"", "\"side\":null", "\"side\":\"long\"", "\"side\":\"b\\u0075y\"",
            "\"venue\":[1,{\"x\":[]}]", "\"nested\":{\"symbol\":\"NOPE\"}",
        ];
        var outcomes = new HashSet<string>();
        for (var i = 0; i < 3_000; i++)
        {
            var parts = Enumerable.Range(0, random.Next(0, 9)).Select(_ => fragments[random.Next(fragments.Length)]).ToList();
            if (random.Next(2) == 0)
            {
                // A valid message with the random fragments before or after it: repeated properties, last one counting.
                parts.Insert(random.Next(2) == 0 ? 0 : parts.Count, string.Join(",", fragments[0], fragments[5], fragments[10], fragments[15], fragments[20]));
            }

            var message = "{" + string.Join(random.Next(2) == 0 ? "," : " , ", parts) + "}";
            message = random.Next(12) switch
            {
                0 => message[..random.Next(message.Length)],
                1 => message + " x",
                2 => "[" + message + "]",
                3 => " \t" + message + "\n",
                4 => message.Replace(",", ",,", StringComparison.Ordinal),
                5 => "\"text\"",
                _ => message,
            };

            var expected = JsonDocumentTickParser.TryParse(message, out var expectedTick, out var expectedReason, out var expectedDetail);
            var actual = TickMessageFormat.TryParse(message, out var tick, out var reason, out var detail);
            Assert.True((expected, expectedTick, expectedReason, expectedDetail) == (actual, tick, reason, detail), $"{message}: expected {expected} {expectedReason} {expectedDetail}, got {actual} {reason} {detail}");
            outcomes.Add(actual ? "accepted" : reason);
        }

        Assert.Equal(["accepted", RejectReasons.Invalid, RejectReasons.Malformed], outcomes.Order());
    }
}
