namespace MarketIntel.Ingestion.Simulation;

/// <summary>
/// The simulator's own finer split of <see cref="Instruments.AssetClass"/>: a pair of two fiat currencies (<c>EUR-USD</c>)
/// is spelled like a crypto pair but moves like a currency, a few tenths of a percent a day around a stable level.
/// </summary>
internal enum SimulatedAssetClass
{
    Equity,
    Crypto,
    Fx,
}
