namespace MarketIntel.Ingestion.Simulation;

/// <summary>
/// Delivery faults the simulator's providers inject on top of the clean market. Every decision is a pure function of
/// the seed and the item's key (symbol, time), so a fault is the same whichever page or replay delivers the item.
/// Rates are probabilities per item (per bar, per tick, per stream minute).
/// </summary>
public sealed record SimulatedFaults
{
    /// <summary>Bars the polled provider never has (a gap no backfill can close).</summary>
    public double MissingBarRate { get; init; }

    /// <summary>Bars a page repeats (the ingestion must store one copy).</summary>
    public double DuplicateBarRate { get; init; }

    /// <summary>Minutes at which the trade stream's connection drops for <see cref="DropoutLength"/>.</summary>
    public double StreamDropoutRate { get; init; }

    public TimeSpan DropoutLength { get; init; } = TimeSpan.FromMinutes(3);

    /// <summary>Trades the stream delivers twice (same trade id).</summary>
    public double DuplicateTickRate { get; init; }

    /// <summary>Trades the stream delivers <see cref="LateBy"/> after their time (out of order).</summary>
    public double LateTickRate { get; init; }

    public TimeSpan LateBy { get; init; } = TimeSpan.FromSeconds(90);

    /// <summary>Stream messages that arrive malformed (the trade inside is lost to the stream; REST backfill has it).</summary>
    public double MalformedTickRate { get; init; }

    public static SimulatedFaults None { get; } = new();

    internal void Validate()
    {
        foreach (var (name, rate) in new[]
        {
            (nameof(MissingBarRate), MissingBarRate), (nameof(DuplicateBarRate), DuplicateBarRate), (nameof(StreamDropoutRate), StreamDropoutRate),
            (nameof(DuplicateTickRate), DuplicateTickRate), (nameof(LateTickRate), LateTickRate), (nameof(MalformedTickRate), MalformedTickRate),
        })
        {
            if (!(rate is >= 0 and <= 1))
            {
                throw new ArgumentOutOfRangeException(name, rate, "A fault rate is a probability from 0 to 1.");
            }
        }

        if (DropoutLength <= TimeSpan.Zero || LateBy <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(DropoutLength), "Dropout length and lateness must be positive.");
        }
    }
}
