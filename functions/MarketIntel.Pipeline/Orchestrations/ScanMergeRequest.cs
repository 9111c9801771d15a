using System.Text.Json;
using MarketIntel.Pipeline.Orchestration;

namespace MarketIntel.Pipeline.Orchestrations;

/// <summary>Rank a scan run's stored batch results (in batch order) into the stored run; the definition travels with it.</summary>
public sealed record ScanMergeRequest(string RunId, IReadOnlyList<BatchResultRef> Batches, JsonElement Definition);
