namespace MarketIntel.Ingestion.Simulation;

/// <summary>How the simulator's trade stream runs.</summary>
public sealed record SimulatorStreamOptions
{
    /// <summary>The first simulated instant; null starts at the clock's current minute (a live feed).</summary>
    public DateTime? StartUtc { get; init; }

    /// <summary>Stop after this instant (a replay); null streams until cancelled.</summary>
    public DateTime? EndUtc { get; init; }

    /// <summary>Deliver each trade when the clock reaches its time (live); false replays as fast as it is read.</summary>
    public bool Paced { get; init; } = true;
}
