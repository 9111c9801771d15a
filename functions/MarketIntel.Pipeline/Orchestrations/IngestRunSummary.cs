namespace MarketIntel.Pipeline.Orchestrations;

public sealed record IngestRunSummary(string RunId, long BarsWritten, int GapsFound, long BarsBackfilled);
