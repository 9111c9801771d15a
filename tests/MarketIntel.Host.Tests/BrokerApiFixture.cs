namespace MarketIntel.Host.Tests;

/// <summary>The local host with one Alpaca connection pointed at a closed loopback port (nothing answers: no broker is reached).</summary>
public sealed class BrokerApiFixture : LocalHostFixture
{
    protected override string[] ExtraArgs =>
    [
        "--Brokers:Connections:alpaca-paper:Venue=alpaca",
        "--Brokers:Connections:alpaca-paper:BaseUrl=http://127.0.0.1:9",
        "--Brokers:Connections:alpaca-paper:StreamUrl=ws://127.0.0.1:9",
    ];
}
