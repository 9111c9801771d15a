namespace MarketIntel.Ingestion.Service;

/// <summary>What one series' ingestion did. <paramref name="Error"/> is set when it stopped early (the next run resumes).</summary>
public sealed record SeriesResult(
    string Symbol,
    DateTime FromUtc,
    DateTime ResumedFromUtc,
    DateTime CompleteUntilUtc,
    long BarsWritten,
    long BarsRejected,
    int PagesFetched,
    int PayloadsRejected,
    int GapsFound,
    long BarsBackfilled,
    int GapsUnfilled,
    string? Error)
{
    public bool Completed => Error is null;
}
