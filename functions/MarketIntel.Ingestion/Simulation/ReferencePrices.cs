namespace MarketIntel.Ingestion.Simulation;

/// <summary>
/// Round, recent-ish price levels the simulator anchors well-known symbols to, so that the demo's BTC-USD, SPY or EUR-USD
/// look like themselves; other symbols get a level drawn from their class's usual range.
/// </summary>
internal static class ReferencePrices
{
    /// <summary>US dollars per unit of a fiat currency.</summary>
    private static readonly Dictionary<string, double> FiatInDollars = new(StringComparer.Ordinal)
    {
        ["USD"] = 1, ["EUR"] = 1.10, ["GBP"] = 1.27, ["JPY"] = 1 / 150.0, ["CHF"] = 1.12, ["AUD"] = 0.66, ["CAD"] = 0.74,
        ["NZD"] = 0.61, ["CNY"] = 1 / 7.2, ["HKD"] = 1 / 7.8, ["SEK"] = 1 / 10.5, ["NOK"] = 1 / 10.6, ["DKK"] = 1 / 6.9,
        ["MXN"] = 1 / 17.0, ["BRL"] = 1 / 5.0, ["TRY"] = 1 / 32.0, ["INR"] = 1 / 83.0, ["ZAR"] = 1 / 18.5, ["SGD"] = 0.74,
        ["PLN"] = 0.25, ["KRW"] = 1 / 1330.0,
    };

    /// <summary>US dollars per coin; stablecoins count as dollars.</summary>
    private static readonly Dictionary<string, double> CryptoInDollars = new(StringComparer.Ordinal)
    {
        ["BTC"] = 60_000, ["ETH"] = 3_000, ["SOL"] = 140, ["BNB"] = 550, ["XRP"] = 0.6, ["ADA"] = 0.45, ["DOGE"] = 0.12,
        ["USDT"] = 1, ["USDC"] = 1, ["BUSD"] = 1, ["FDUSD"] = 1, ["TUSD"] = 1, ["DAI"] = 1,
    };

    private static readonly Dictionary<string, double> Equities = new(StringComparer.Ordinal)
    {
        ["SPY"] = 450, ["QQQ"] = 380, ["DIA"] = 350, ["IWM"] = 200, ["VTI"] = 230, ["AAPL"] = 180, ["MSFT"] = 350,
        ["NVDA"] = 110, ["AMZN"] = 150, ["GOOGL"] = 140, ["META"] = 350, ["TSLA"] = 220,
    };

    public static bool IsFiat(string currency) => FiatInDollars.ContainsKey(currency);

    public static double? Equity(string ticker) => Equities.TryGetValue(ticker, out var price) ? price : null;

    /// <summary>Dollars per unit of a fiat currency or a known coin; null when unknown.</summary>
    public static double? InDollars(string asset) =>
        FiatInDollars.TryGetValue(asset, out var fiat) ? fiat : CryptoInDollars.TryGetValue(asset, out var coin) ? coin : null;
}
