namespace MarketIntel.Ingestion.Simulation;

/// <summary>
/// Shape of the simulated market. Daily returns follow a two-regime (calm/turbulent) Markov chain with GARCH(1,1)
/// variance; each day's minutes follow an intraday GARCH(1,1) scaled by a U-shaped activity profile and are bridged to
/// the day's close, so the intraday path is consistent with the daily one. The same options give the same market.
/// </summary>
public sealed record MarketSimulatorOptions
{
    public ulong Seed { get; init; } = 42;

    /// <summary>The first simulated day (UTC); nothing exists before it.</summary>
    public DateOnly Origin { get; init; } = new(2020, 1, 1);

    /// <summary>Daily volatility of the equity market factor in the calm regime (crypto is <see cref="CryptoVolatilityMultiplier"/> times it).</summary>
    public double CalmVolatility { get; init; } = 0.008;

    public double TurbulentVolatility { get; init; } = 0.025;

    /// <summary>Daily drift of the market factor per regime.</summary>
    public double CalmDrift { get; init; } = 0.0004;

    public double TurbulentDrift { get; init; } = -0.0012;

    /// <summary>Probability that a calm day is followed by a calm day.</summary>
    public double StayCalm { get; init; } = 0.98;

    /// <summary>Probability that a turbulent day is followed by a turbulent day.</summary>
    public double StayTurbulent { get; init; } = 0.93;

    /// <summary>Daily GARCH(1,1) reaction to the last squared shock.</summary>
    public double GarchAlpha { get; init; } = 0.08;

    /// <summary>Daily GARCH(1,1) persistence of variance.</summary>
    public double GarchBeta { get; init; } = 0.90;

    public double IntradayGarchAlpha { get; init; } = 0.05;

    public double IntradayGarchBeta { get; init; } = 0.90;

    public double CryptoVolatilityMultiplier { get; init; } = 3;

    /// <summary>Mean trades per minute of a symbol of average liquidity at the middle of its session.</summary>
    public double TradesPerMinute { get; init; } = 6;

    /// <summary>Depth of the U-shaped intraday profile: the session's edges are 1 + depth times as busy as its middle.</summary>
    public double VolumeProfileDepth { get; init; } = 2;

    public SimulatedFaults Faults { get; init; } = SimulatedFaults.None;

    internal void Validate()
    {
        Check(CalmVolatility > 0 && TurbulentVolatility > 0 && CryptoVolatilityMultiplier > 0, nameof(CalmVolatility), "volatilities must be positive");
        Check(StayCalm is > 0 and < 1 && StayTurbulent is > 0 and < 1, nameof(StayCalm), "regime persistence must lie strictly between 0 and 1");
        Check(GarchAlpha >= 0 && GarchBeta >= 0 && GarchAlpha + GarchBeta < 1, nameof(GarchAlpha), "GARCH needs alpha, beta >= 0 and alpha + beta < 1");
        Check(IntradayGarchAlpha >= 0 && IntradayGarchBeta >= 0 && IntradayGarchAlpha + IntradayGarchBeta < 1, nameof(IntradayGarchAlpha), "GARCH needs alpha, beta >= 0 and alpha + beta < 1");
        Check(TradesPerMinute is > 0 and <= 1000, nameof(TradesPerMinute), "trades per minute must be in (0, 1000]");
        Check(VolumeProfileDepth >= 0, nameof(VolumeProfileDepth), "the profile depth cannot be negative");
        ArgumentNullException.ThrowIfNull(Faults);
        Faults.Validate();
    }

    private static void Check(bool ok, string name, string message)
    {
        if (!ok)
        {
            throw new ArgumentOutOfRangeException(name, message);
        }
    }
}
