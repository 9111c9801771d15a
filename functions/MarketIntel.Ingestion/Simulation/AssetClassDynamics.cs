namespace MarketIntel.Ingestion.Simulation;

/// <summary>
/// How far and how fast a class wanders from its anchor price. The log price is
/// <c>log(anchor) + Band * tanh(x / Band)</c>, where <c>x</c> is a mean-reverting (Ornstein-Uhlenbeck) walk of the daily
/// returns pulled back with the given half-life; the tanh makes <c>[anchor / e^Band, anchor * e^Band]</c> a hard bound on
/// every date while staying the identity for the usual, small deviations.
/// </summary>
/// <param name="Band">Half-width of the plausible band in log price (ln 3 means a third to three times the anchor).</param>
/// <param name="HalfLifeDays">Trading days for a deviation from the anchor to halve: long enough for multi-year trends.</param>
/// <param name="VolatilityMultiplier">
/// The class's idiosyncratic daily volatility in units of the calm market volatility (crypto's is further multiplied by
/// <see cref="MarketSimulatorOptions.CryptoVolatilityMultiplier"/>, as its market factor is).
/// </param>
/// <param name="MinBeta">Lowest exposure to the class's market factor (0 and 0 for none).</param>
/// <param name="MaxBeta">Highest exposure to the class's market factor.</param>
internal sealed record AssetClassDynamics(double Band, double HalfLifeDays, double VolatilityMultiplier, double MinBeta, double MaxBeta)
{
    /// <summary>Stocks and ETFs: a third to three times the anchor, deviations halving in about two years.</summary>
    public static AssetClassDynamics Equity { get; } = new(Math.Log(3), 500, 1, 0.6, 1.6);

    /// <summary>Crypto: a sixth to six times the anchor (it is wilder), deviations halving in about four months.</summary>
    public static AssetClassDynamics Crypto { get; } = new(Math.Log(6), 120, 1, 0.6, 1.6);

    /// <summary>
    /// Currencies: within about 30% of the anchor, deviations halving in about nine months, no exposure to the equity or crypto
    /// market factor, daily volatility around 0.3% in calm markets (about three times that in turbulent ones).
    /// </summary>
    public static AssetClassDynamics Fx { get; } = new(0.3, 270, 0.4, 0, 0);

    public static AssetClassDynamics For(SimulatedAssetClass assetClass) => assetClass switch
    {
        SimulatedAssetClass.Equity => Equity,
        SimulatedAssetClass.Crypto => Crypto,
        _ => Fx,
    };

    /// <summary>The daily pull <c>kappa</c> towards the anchor: a deviation shrinks by <c>1 - kappa</c> a day.</summary>
    public double Reversion => 1 - Math.Pow(0.5, 1 / HalfLifeDays);
}
