namespace MarketIntel.Pipeline.Workflows;

/// <summary>
/// Where a run (scan, Monte Carlo, ingest, maintenance) stands. The one status type of run records, scan runs, Monte
/// Carlo reports and every route that reports a run; in JSON always the lowercase name, whatever serializer options apply.
/// </summary>
[System.Text.Json.Serialization.JsonConverter(typeof(RunStatusJsonConverter))]
public enum RunStatus
{
    /// <summary>Started and not finished.</summary>
    Running,

    /// <summary>Finished with its result stored.</summary>
    Completed,

    /// <summary>An activity failed after its retries; the record carries the reason. The same request may start it again.</summary>
    Failed,

    /// <summary>The local host stopped while the run was in progress; found and marked at the host's next start.</summary>
    Interrupted,
}
