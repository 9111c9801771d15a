using MarketIntel.Ingestion.Instruments;

namespace MarketIntel.Ingestion.Simulation;

/// <summary>Per-symbol parameters, derived from the seed and the symbol's name so that any symbol can be simulated.</summary>
internal sealed record SymbolProfile(ulong Key, double InitialPrice, double Beta, double IdiosyncraticVolatility, double Liquidity)
{
    private static readonly Dictionary<string, double> KnownCryptoPrices = new(StringComparer.Ordinal)
    {
        ["BTC"] = 42_000, ["ETH"] = 2_300, ["SOL"] = 100, ["BNB"] = 300, ["XRP"] = 0.6, ["ADA"] = 0.5, ["DOGE"] = 0.08,
    };

    private static readonly HashSet<string> DollarQuotes = new(StringComparer.Ordinal) { "USD", "USDT", "USDC", "BUSD", "FDUSD", "TUSD", "DAI" };

    public static SymbolProfile For(Instrument instrument, MarketSimulatorOptions options)
    {
        var key = SimulationRandom.Hash(instrument.Symbol.Value);
        var rng = new SimulationRandom(options.Seed, key, 0x5EED);
        var crypto = instrument.AssetClass == AssetClass.Crypto;
        var price = crypto && DollarQuotes.Contains(instrument.Quote) && KnownCryptoPrices.TryGetValue(instrument.Base, out var known)
            ? known * (0.9 + (0.2 * rng.NextDouble()))
            : Math.Exp(crypto ? Math.Log(0.05) + (rng.NextDouble() * Math.Log(10_000)) : Math.Log(10) + (rng.NextDouble() * Math.Log(60)));
        var beta = 0.6 + rng.NextDouble();
        var idio = options.CalmVolatility * (0.6 + (1.2 * rng.NextDouble())) * (crypto ? options.CryptoVolatilityMultiplier : 1);
        var liquidity = 0.5 + (1.5 * rng.NextDouble());
        return new SymbolProfile(key, price, beta, idio, liquidity);
    }
}
