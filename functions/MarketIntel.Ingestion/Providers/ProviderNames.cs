namespace MarketIntel.Ingestion.Providers;

/// <summary>The provider names used on the command line, in checkpoints, archive keys and metrics.</summary>
public static class ProviderNames
{
    public const string Simulator = "simulator";
    public const string Binance = "binance";
    public const string Coinbase = "coinbase";
    public const string Alpaca = "alpaca";
    public const string Polygon = "polygon";

    public static IReadOnlyList<string> All { get; } = [Simulator, Binance, Coinbase, Alpaca, Polygon];
}
