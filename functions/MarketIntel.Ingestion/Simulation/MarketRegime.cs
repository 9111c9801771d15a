namespace MarketIntel.Ingestion.Simulation;

/// <summary>The hidden state of the simulated market on a day.</summary>
public enum MarketRegime
{
    Calm,
    Turbulent,
}
