using MarketIntel.Pipeline.Engine;

namespace MarketIntel.Pipeline.Workflows;

/// <summary>Merge the stored batch results of a run, given in batch order.</summary>
public sealed record MergeRequest(string RunId, IReadOnlyList<BatchResultRef> Batches);
