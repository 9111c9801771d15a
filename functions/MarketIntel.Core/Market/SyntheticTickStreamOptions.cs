namespace MarketIntel.Core.Market;

/// <summary>Shape of a <see cref="SyntheticTickStream"/>. Fault rates are probabilities per emitted tick.</summary>
public sealed record SyntheticTickStreamOptions
{
    public required IReadOnlyList<Symbol> Symbols { get; init; }

    public DateTime Start { get; init; } = new(2024, 3, 9, 23, 50, 0, DateTimeKind.Utc);

    public TimeSpan Duration { get; init; } = TimeSpan.FromHours(1);

    /// <summary>Average trades per second per symbol.</summary>
    public double TradesPerSecond { get; init; } = 2;

    public ulong Seed { get; init; } = 1;

    /// <summary>Per-trade volatility of log prices.</summary>
    public double Volatility { get; init; } = 0.0005;

    /// <summary>Ticks delivered out of order, by up to <see cref="MaxDelay"/> (still within lateness when it is larger).</summary>
    public double OutOfOrderRate { get; init; }

    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>Ticks re-delivered (same trade id, as a retrying producer would send them).</summary>
    public double DuplicateRate { get; init; }

    /// <summary>Ticks delivered far too late (minutes behind).</summary>
    public double LateRate { get; init; }

    /// <summary>Ticks with a non-positive or non-finite price or a negative size.</summary>
    public double InvalidRate { get; init; }
}
