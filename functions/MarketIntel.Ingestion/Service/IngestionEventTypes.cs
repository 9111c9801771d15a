namespace MarketIntel.Ingestion.Service;

/// <summary>The system events the ingestion writes (<see cref="IngestionEvent.Type"/>).</summary>
public static class IngestionEventTypes
{
    /// <summary>A payload could not be parsed; it is kept in the raw archive under the event's archive key.</summary>
    public const string PayloadRejected = "ingestion.payload-rejected";

    /// <summary>A page's rows were partly rejected (counts per reason, a few details).</summary>
    public const string RowsRejected = "ingestion.rows-rejected";

    /// <summary>A series stopped early (provider error, open breaker, exhausted retries); its checkpoint stays where it was.</summary>
    public const string SeriesFailed = "ingestion.series-failed";

    /// <summary>Gaps were found and backfilled from REST.</summary>
    public const string GapsBackfilled = "ingestion.gaps-backfilled";

    /// <summary>Gaps the provider cannot fill (no data published for those intervals).</summary>
    public const string GapsUnfilled = "ingestion.gaps-unfilled";

    /// <summary>A circuit breaker opened or closed.</summary>
    public const string BreakerChanged = "ingestion.breaker";

    /// <summary>A trade stream dropped or reconnected.</summary>
    public const string StreamConnection = "ingestion.stream";

    /// <summary>A run finished (summary counts).</summary>
    public const string RunCompleted = "ingestion.run-completed";
}
