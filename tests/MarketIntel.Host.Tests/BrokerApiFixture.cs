namespace MarketIntel.Host.Tests;

/// <summary>
/// The local host with an Alpaca, a Schwab and a tastytrade connection, each pointed at a closed loopback port (nothing
/// answers: no broker is reached).
/// </summary>
public sealed class BrokerApiFixture : LocalHostFixture
{
    protected override string[] ExtraArgs =>
    [
        "--Brokers:Connections:alpaca-paper:Venue=alpaca",
        "--Brokers:Connections:alpaca-paper:BaseUrl=http://127.0.0.1:9",
        "--Brokers:Connections:alpaca-paper:StreamUrl=ws://127.0.0.1:9",
        "--Brokers:Connections:schwab-main:Venue=schwab",
        "--Brokers:Connections:schwab-main:Environment=live",
        "--Brokers:Connections:schwab-main:AccountNumber=12345678",
        "--Brokers:Connections:schwab-main:RedirectUri=https://127.0.0.1:8182/callback",
        "--Brokers:Connections:schwab-main:BaseUrl=http://127.0.0.1:9",
        "--Brokers:Connections:tasty:Venue=tastytrade",
        "--Brokers:Connections:tasty:AccountNumber=5WT00001",
        "--Brokers:Connections:tasty:BaseUrl=http://127.0.0.1:9",
    ];
}
