namespace MarketIntel.Core.Market;

/// <summary>Settings of a <see cref="TickAggregator"/>.</summary>
public sealed record TickAggregatorOptions
{
    /// <summary>Timeframes built at once from the same accepted ticks.</summary>
    public required IReadOnlyList<Timeframe> Timeframes { get; init; }

    /// <summary>How far behind a symbol's newest accepted tick a tick may arrive and still be accepted.</summary>
    public TimeSpan AllowedLateness { get; init; } = TimeSpan.Zero;

    /// <summary>
    /// How long (behind the watermark) accepted trade ids are remembered for duplicate detection. <c>null</c>, the
    /// default, remembers them for the aggregator's lifetime, which is the exact contract. A long-running service sets a
    /// horizon of at least one minute: an id forgotten that way belongs to a tick that would now be rejected as late,
    /// so a re-delivered trade (same id, same timestamp) is still never counted twice, and memory stays bounded. What
    /// the horizon gives up: a venue re-using an old id for a new, recent trade is then accepted rather than rejected
    /// as a duplicate.
    /// </summary>
    public TimeSpan? DuplicateRetention { get; init; }

    /// <summary>Emit <see cref="IBarSink.OnBarUpdated"/> for every accepted tick and timeframe (live charts).</summary>
    public bool EmitUpdates { get; init; }

    internal void Validate()
    {
        if (Timeframes is null || Timeframes.Count == 0)
        {
            throw new ArgumentException("At least one timeframe is required.", nameof(Timeframes));
        }

        for (var i = 0; i < Timeframes.Count; i++)
        {
            if (Timeframes[i].Minutes <= 0)
            {
                throw new ArgumentException("Timeframes must be positive.", nameof(Timeframes));
            }

            for (var j = 0; j < i; j++)
            {
                if (Timeframes[i] == Timeframes[j])
                {
                    throw new ArgumentException($"Timeframe {Timeframes[i]} is listed twice.", nameof(Timeframes));
                }
            }
        }

        if (AllowedLateness < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(AllowedLateness), AllowedLateness, "Allowed lateness cannot be negative.");
        }

        if (DuplicateRetention is { } r && r < TimeSpan.FromMinutes(1))
        {
            throw new ArgumentOutOfRangeException(nameof(DuplicateRetention), r, "Duplicate retention must be at least one minute (see its documentation).");
        }
    }
}
