using System.Text.Json;
using MarketIntel.Pipeline.Engine;

namespace MarketIntel.Pipeline.Workflows;

/// <summary>
/// Rank a scan run's stored batch results (in batch order) into the stored run; the definition travels with it, and so
/// does the run's start (<see cref="StartedUtc"/>), the creation time of a run that has no stored document yet (a
/// scheduled scan): every attempt then files the run under the same listing key. Null in requests written before it.
/// </summary>
public sealed record ScanMergeRequest(string RunId, IReadOnlyList<BatchResultRef> Batches, JsonElement Definition, DateTime? StartedUtc = null);
