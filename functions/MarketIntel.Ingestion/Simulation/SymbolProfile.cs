using MarketIntel.Ingestion.Instruments;

namespace MarketIntel.Ingestion.Simulation;

/// <summary>
/// Per-symbol parameters, derived from the seed and the symbol's name so that any symbol can be simulated: its class's
/// dynamics, the anchor price it mean-reverts to, its market beta, idiosyncratic volatility and liquidity.
/// </summary>
internal sealed record SymbolProfile(ulong Key, SimulatedAssetClass AssetClass, AssetClassDynamics Dynamics, double Anchor, double Beta, double IdiosyncraticVolatility, double Liquidity)
{
    public static SymbolProfile For(Instrument instrument, MarketSimulatorOptions options)
    {
        var key = SimulationRandom.Hash(instrument.Symbol.Value);
        var rng = new SimulationRandom(options.Seed, key, 0x5EED);
        var assetClass = ClassOf(instrument);
        var dynamics = AssetClassDynamics.For(assetClass);

        // A few percent of jitter so that two seeds do not quote the very same level.
        var anchor = AnchorOf(instrument, assetClass, rng.NextDouble()) * (0.95 + (0.1 * rng.NextDouble()));
        var beta = dynamics.MinBeta + ((dynamics.MaxBeta - dynamics.MinBeta) * rng.NextDouble());
        var idio = options.CalmVolatility * dynamics.VolatilityMultiplier * (0.6 + (1.2 * rng.NextDouble())) * (assetClass == SimulatedAssetClass.Crypto ? options.CryptoVolatilityMultiplier : 1);
        var liquidity = 0.5 + (1.5 * rng.NextDouble());
        return new SymbolProfile(key, assetClass, dynamics, anchor, beta, idio, liquidity);
    }

    public static SimulatedAssetClass ClassOf(Instrument instrument) =>
        instrument.AssetClass == Instruments.AssetClass.Equity ? SimulatedAssetClass.Equity
        : ReferencePrices.IsFiat(instrument.Base) && ReferencePrices.IsFiat(instrument.Quote) ? SimulatedAssetClass.Fx
        : SimulatedAssetClass.Crypto;

    /// <summary>The level before jitter: a known price, a cross of known prices, or a draw from the class's usual range.</summary>
    private static double AnchorOf(Instrument instrument, SimulatedAssetClass assetClass, double uniform)
    {
        if (assetClass == SimulatedAssetClass.Equity)
        {
            // Unknown tickers: log-uniform between $10 and $600.
            return ReferencePrices.Equity(instrument.Base) ?? Math.Exp(Math.Log(10) + (uniform * Math.Log(60)));
        }

        // Unknown coins: log-uniform between 5 cents and $500; quoted in the quote asset when that one is known.
        var baseInDollars = ReferencePrices.InDollars(instrument.Base) ?? Math.Exp(Math.Log(0.05) + (uniform * Math.Log(10_000)));
        return baseInDollars / (ReferencePrices.InDollars(instrument.Quote) ?? 1);
    }
}
