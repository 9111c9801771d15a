using MarketIntel.Core.Tests.Fuzzing;
using MarketIntel.Ingestion.Providers;
using MarketIntel.Ingestion.Streaming;

namespace MarketIntel.Ingestion.Tests.Fuzzing;

/// <summary>
/// The Event Hub tick message (<see cref="TickMessageFormat"/>), as the batch processor reads it, on arbitrary and
/// mutated messages: it never throws; a refusal is <c>malformed</c> or <c>invalid</c> with a detail; an accepted tick
/// formats back to a message that parses to the same tick.
/// </summary>
public sealed class TickMessageFuzzTests
{
    private static readonly string[] Messages =
    [
        """{"symbol":"BTC-USD","price":64123.5,"size":0.015,"time":"2026-11-21T05:00:01.250Z","tradeId":"8123456","side":"buy"}""",
        """{"symbol":"ETH-USD","price":3100.25,"size":12,"time":1732165201250,"tradeId":42}""",
        """{"tradeId":"a-b-c","time":"2024-03-04","size":0,"price":1e-8,"symbol":"SPY","extra":{"nested":[1,2,{"x":null}]}}""",
    ];

    private static readonly string[] Tokens = ["{", "}", "\"symbol\":", "\"price\":", "\"size\":", "\"time\":", "\"tradeId\":", "\"side\":", "\"BTC-USD\"", "\"buy\"", "1", "-1", "1e400", "\"2024-03-04T00:00:00Z\"", ",", "null", "[", "]"];

    [Fact]
    public void Messages_ParseOrAreRefusedWithAReason() =>
        Fuzz.NeverCrashes(Fuzz.Text(Messages, Tokens), Check, _ => false);

    [Theory]
    [InlineData("")]
    [InlineData("""{"symbol":"BTC-USD","price":1,"size":1,"time":253402300800000,"tradeId":1}""")]
    [InlineData("""{"symbol":"BTC-USD","price":1,"size":1e30,"time":0,"tradeId":1}""")]
    [InlineData("{\"\\ud800symbol\":\"ETH-USD\",\"size\":12,\"time\":1,\"tradeId\":42}")] // InvalidOperationException from a name comparison
    [InlineData("{\"symbol\":\"BTC-USD\",\"price\":1,\"size\":1,\"time\":\"2024-01-01\\udc00\",\"tradeId\":\"\\ud800\"}")]
    public void Regressions(string message) => Check(message);

    private static void Check(string message)
    {
        if (TickMessageFormat.TryParse(message, out var tick, out var reason, out var detail))
        {
            Assert.True(TickMessageFormat.TryParse(TickMessageFormat.Format(tick), out var again, out _, out var why), why);
            Assert.Equal(tick, again);
            return;
        }

        Assert.Contains(reason, new[] { RejectReasons.Malformed, RejectReasons.Invalid });
        Assert.False(string.IsNullOrWhiteSpace(detail));
    }
}
