using MarketIntel.Core.Backtesting;
using MarketIntel.Core.Scanning;

namespace MarketIntel.Core.Tests.Scanning;

public sealed class ScanDefinitionTests
{
    private const string Full = """
        {
          // comments and trailing commas are fine
          "name": "dip",
          "universe": ["AAPL", "MSFT"],
          "timeframe": "1d",
          "entry": "rsi(14) < 30 and close > sma(200)",
          "filters": { "minPrice": 5, "minAverageDollarVolume": 1000000, "averageDollarVolumeBars": 10 },
          "setup": { "side": "short", "stop": "close + 2 * atr(14)", "targetR": 3, "horizon": 15 },
          "weights": { "signalStrength": 1, "momentum": 0, "relativeVolume": 0, "liquidity": 0, "regimeAgreement": 0 },
        }
        """;

    [Fact]
    public void Parse_ReadsEveryField()
    {
        var d = ScanDefinition.Parse(Full);
        Assert.Equal("dip", d.Name);
        Assert.Equal(["AAPL", "MSFT"], d.Universe);
        Assert.Equal(MarketIntel.Core.Market.Timeframe.OneDay, d.ParsedTimeframe);
        Assert.Equal(5, d.Filters.MinPrice);
        Assert.Equal(1e6, d.Filters.MinAverageDollarVolume);
        Assert.Equal(10, d.Filters.AverageDollarVolumeBars);
        Assert.Equal(TradeSide.Short, d.Setup.Side);
        Assert.Equal("close + 2 * atr(14)", d.Setup.Stop);
        Assert.Equal(3, d.Setup.TargetR);
        Assert.Equal(15, d.Setup.Horizon);
        Assert.Equal(1, d.Weights.SignalStrength);
        var again = ScanDefinition.Parse(d.ToJson());
        Assert.Equal(d.ToJson(), again.ToJson());
    }

    [Fact]
    public void Defaults_AreALongTwoAtrStopAndTwoR()
    {
        var d = ScanDefinition.Parse("""{ "name": "x", "entry": "close > open" }""");
        Assert.Equal(TradeSide.Long, d.Setup.Side);
        Assert.Equal("close - 2 * atr(14)", d.Setup.Stop);
        Assert.Equal(2, d.Setup.TargetR);
        Assert.Equal(20, d.Setup.Horizon);
        Assert.Empty(d.Universe);
        Assert.Null(d.ParsedTimeframe);
    }

    [Theory]
    [InlineData("""{ "name": "x", "entry": "close > rsx(3)" }""", "scan definition 'entry': col 9: unknown indicator 'rsx'; did you mean 'rsi'?")]
    [InlineData("""{ "name": "x", "entry": "close > open", "setup": { "stop": "close > 1" } }""", "scan definition 'setup.stop': col 1: expected a number")]
    [InlineData("""{ "name": "x" }""", "entry")]
    [InlineData("""{ "name": "x", "entry": "close > open", "setup": { "side": "sideways" } }""", "scan definition:")]
    [InlineData("""{ "name": "x", "entry": "close > open", "colour": "red" }""", "colour")]
    [InlineData("""{ "name": "x", "entry": "close > open", "timeframe": "1y" }""", "scan definition 'timeframe'")]
    [InlineData("""{ "name": "x", "entry": "close > open", "setup": { "targetR": 0 } }""", "setup.targetR")]
    [InlineData("""{ "name": "x", "entry": "close > open", "weights": { "signalStrength": 0, "momentum": 0, "relativeVolume": 0, "liquidity": 0, "regimeAgreement": 0 } }""", "weights")]
    [InlineData("""{ "name": "", "entry": "close > open" }""", "'name'")]
    public void BadDefinitions_NameTheField(string json, string message)
    {
        var ex = Assert.ThrowsAny<FormatException>(() => ScanDefinition.Parse(json));
        Assert.Contains(message, ex.Message, StringComparison.Ordinal);
    }
}
