namespace MarketIntel.Pipeline.Workflows;

/// <summary>Bars stored by an ingest batch, and the gaps it detected for backfill.</summary>
public sealed record IngestBatchResult(int BatchIndex, long BarsWritten, IReadOnlyList<GapRequest> Gaps);
