using MarketIntel.Brokers.Configuration;
using Microsoft.Extensions.Configuration;

namespace MarketIntel.Brokers.Tests.Configuration;

/// <summary>
/// The connection settings are checked at start-up and a bad one names its setting: a venue without an adapter, an
/// environment that is not paper or live, a Schwab connection not written as live (Schwab has no paper environment),
/// an account number or callback a venue needs, a URL that is not one.
/// </summary>
[Trait("Category", "Broker")]
public sealed class BrokerSettingsTests
{
    private static IReadOnlyList<BrokerConnectionSettings> Read(params (string Key, string Value)[] values) =>
        BrokerSettings.Connections(new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>("Brokers:Connections:" + v.Key, v.Value))).Build());

    private static string Problem(params (string Key, string Value)[] values) => Assert.Throws<ArgumentException>(() => Read(values)).Message;

    [Fact]
    public void EachVenue_ReadsWhatItNeeds_AndTastytradeDefaultsToItsSandbox()
    {
        var connections = Read(
            ("a:Venue", "alpaca"),
            ("s:Venue", "schwab"), ("s:Environment", "live"), ("s:AccountNumber", " 12345678 "), ("s:RedirectUri", "https://127.0.0.1:8182/callback"),
            ("t:Venue", "tastytrade"), ("t:AccountNumber", "5WT00001"));

        Assert.Equal(new BrokerConnectionSettings("a", "alpaca", "paper", null, null), connections.Single(c => c.Name == "a"));
        Assert.Equal(new BrokerConnectionSettings("s", "schwab", "live", null, null, "12345678", new Uri("https://127.0.0.1:8182/callback")), connections.Single(c => c.Name == "s"));
        Assert.Equal(new BrokerConnectionSettings("t", "tastytrade", "paper", null, null, "5WT00001"), connections.Single(c => c.Name == "t"));
        Assert.Equal(["clientId", "clientSecret"], BrokerSettings.Venues["schwab"]);
        Assert.Equal(["clientSecret", "refreshToken"], BrokerSettings.Venues["tastytrade"]);
    }

    [Fact]
    public void ABadSetting_IsNamed()
    {
        Assert.Contains("Brokers:Connections:x:Venue is 'ibkr'; expected one of alpaca, schwab, tastytrade", Problem(("x:Venue", "ibkr")));
        Assert.Contains("Brokers:Connections:x:Environment is 'prod'", Problem(("x:Venue", "alpaca"), ("x:Environment", "prod")));
        Assert.Contains("Schwab has no paper environment", Problem(("x:Venue", "schwab"), ("x:AccountNumber", "1"), ("x:RedirectUri", "https://h/cb")));
        Assert.Contains("Brokers:Connections:x:AccountNumber is required for schwab", Problem(("x:Venue", "schwab"), ("x:Environment", "live"), ("x:RedirectUri", "https://h/cb")));
        Assert.Contains("Brokers:Connections:x:RedirectUri is required for schwab", Problem(("x:Venue", "schwab"), ("x:Environment", "live"), ("x:AccountNumber", "1")));
        Assert.Contains("Brokers:Connections:x:AccountNumber is required for tastytrade", Problem(("x:Venue", "tastytrade")));
        Assert.Contains("Brokers:Connections:x:RedirectUri is 'callback'", Problem(("x:Venue", "schwab"), ("x:Environment", "live"), ("x:AccountNumber", "1"), ("x:RedirectUri", "callback")));
        Assert.Contains("'X' is not a connection name", Problem(("X:Venue", "alpaca")));
    }
}
