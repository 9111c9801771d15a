namespace MarketIntel.Ingestion.Service;

/// <summary>Settings of the <see cref="IngestionService"/>.</summary>
public sealed record IngestionOptions
{
    /// <summary>Stamped on stored bars, checkpoints, events and archived payloads.</summary>
    public string CodeVersion { get; init; } = IngestionInfo.CodeVersion;

    /// <summary>How often one page is fetched again when its payload does not parse (a truncated body is usually transient).</summary>
    public int MaxPayloadAttempts { get; init; } = 3;

    /// <summary>After fetching, look for gaps (<see cref="Core.Market.GapDetector"/>) in the stored range and re-fetch them.</summary>
    public bool BackfillGaps { get; init; } = true;

    /// <summary>At most this many gap re-fetches per series and run (a provider with many empty minutes has many gaps).</summary>
    public int MaxGapBackfillsPerSeries { get; init; } = 25;

    /// <summary>Stop at the open of the current bar, so that a still-forming bar is never stored and checkpointed.</summary>
    public bool ClosedBarsOnly { get; init; } = true;

    /// <summary>Series ingested at once (each is sequential inside; the provider's rate limiter paces them together).</summary>
    public int MaxParallelSeries { get; init; } = 4;

    /// <summary>Rejection details kept per system event (the counts are always complete).</summary>
    public int MaxRejectionDetailsPerEvent { get; init; } = 5;
}
