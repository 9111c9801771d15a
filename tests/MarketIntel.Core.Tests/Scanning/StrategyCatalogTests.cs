using MarketIntel.Core.Indicators.Catalog;
using MarketIntel.Core.Scanning;
using static MarketIntel.Core.Tests.Scanning.ScanTestData;

namespace MarketIntel.Core.Tests.Scanning;

public sealed class StrategyCatalogTests
{
    private static double Truth(bool b) => b ? 1 : 0;

    [Fact]
    public void DonchianBreakout_IsACloseAboveThePriorChannelHigh_ByBruteForce()
    {
        var s = Reference();
        var signals = StrategyCatalog.Create("donchian-breakout", new Dictionary<string, double> { ["entry"] = 15, ["exit"] = 5 }).Signals(s);
        var b = s.Bars;
        for (var i = 0; i < s.Count; i++)
        {
            // The channel of the 15 bars up to the previous bar; undefined until it exists.
            var entry = i < 15 ? double.NaN : Truth(b.Close[i] > b.High[(i - 15)..i].Max());
            var exit = i < 5 ? double.NaN : Truth(b.Close[i] < b.Low[(i - 5)..i].Min());
            Assert.Equal(entry, signals.Entry[i]);
            Assert.Equal(exit, signals.Exit[i]);
        }

        Assert.Contains(1.0, signals.Entry);
    }

    [Fact]
    public void RsiReversion_AndEmaCross_ReadTheCatalogIndicators()
    {
        var s = Reference();
        var rsi = IndicatorCatalog.Evaluate("rsi_2", s.Bars)["rsi"].Values;
        var r = StrategyCatalog.Create("rsi-reversion", new Dictionary<string, double> { ["period"] = 2, ["oversold"] = 10, ["exit"] = 70 }).Signals(s);
        for (var i = 0; i < s.Count; i++)
        {
            Assert.Equal(double.IsNaN(rsi[i]) ? double.NaN : Truth(rsi[i] < 10), r.Entry[i]);
            Assert.Equal(double.IsNaN(rsi[i]) ? double.NaN : Truth(rsi[i] > 70), r.Exit[i]);
        }

        var fast = IndicatorCatalog.Evaluate("ema_5", s.Bars)["ema"].Values;
        var slow = IndicatorCatalog.Evaluate("ema_13", s.Bars)["ema"].Values;
        var e = StrategyCatalog.Create("ema-cross", new Dictionary<string, double> { ["fast"] = 5, ["slow"] = 13 }).Signals(s);
        var crosses = 0;
        for (var i = 13; i < s.Count; i++)
        {
            Assert.Equal(Truth(fast[i] > slow[i] && fast[i - 1] <= slow[i - 1]), e.Entry[i]);
            crosses += (int)e.Entry[i];
        }

        Assert.True(crosses > 3);
    }

    [Fact]
    public void VolumeSurge_ByBruteForce()
    {
        var s = Reference();
        var roc = IndicatorCatalog.Evaluate("roc_10", s.Bars)["roc"].Values;
        var v = StrategyCatalog.Create("volume-surge", new Dictionary<string, double> { ["surge"] = 1.5 }).Signals(s);
        var b = s.Bars;
        for (var i = 20; i < s.Count; i++)
        {
            var expected = Truth(b.Close[i] > b.Open[i] && b.Volume[i] > 1.5 * b.Volume[(i - 20)..i].Average() && roc[i] > 0);
            Assert.Equal(expected, v.Entry[i]);
        }

        Assert.Contains(1.0, v.Entry);
    }

    [Fact]
    public void EveryBuiltIn_CompilesWithDefaultsAndSignalsOnTheReferenceQuotes()
    {
        var s = Reference();
        foreach (var name in StrategyCatalog.Names)
        {
            var signals = StrategyCatalog.Create(name, name == "bb-squeeze" ? new Dictionary<string, double> { ["lookback"] = 60 } : null).Signals(s);
            Assert.True(signals.Entry.Contains(1.0), name);
            Assert.Equal(s.Count, signals.Exit.Length);
        }
    }

    [Fact]
    public void UnknownNamesAndParameters_SayWhatIsValid()
    {
        var unknown = Assert.Throws<StrategyException>(() => StrategyCatalog.Create("nope"));
        Assert.Equal("strategy", unknown.Field);
        Assert.StartsWith("unknown strategy 'nope'; built-in strategies: sma-cross, ema-cross", unknown.Message, StringComparison.Ordinal);
        var parameter = Assert.Throws<StrategyException>(() => StrategyCatalog.Create("sma-cross", new Dictionary<string, double> { ["x"] = 1 }));
        Assert.Equal("parameters", parameter.Field);
        Assert.Contains("parameters: fast (default 10), slow (default 30)", parameter.Message, StringComparison.Ordinal);
        var rule = Assert.Throws<StrategyException>(() => StrategyCatalog.Create("sma-cross", new Dictionary<string, double> { ["fast"] = 2.5 }));
        Assert.Equal("parameters", rule.Field);
        Assert.Contains("invalid rule", rule.Message, StringComparison.Ordinal);

        // The message is the problem alone: no "(Parameter ...)" suffix for callers to cut off.
        Assert.DoesNotContain("(Parameter", rule.Message, StringComparison.Ordinal);
    }
}
