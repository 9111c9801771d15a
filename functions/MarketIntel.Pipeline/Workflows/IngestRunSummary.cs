namespace MarketIntel.Pipeline.Workflows;

/// <summary>What an ingest run did: bars stored, gaps found and backfilled, and paper fills from evaluating the new bars.</summary>
public sealed record IngestRunSummary(string RunId, long BarsWritten, int GapsFound, long BarsBackfilled, int PaperFills = 0);
