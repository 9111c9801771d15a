using System.Globalization;
using System.Text.Json;
using MarketIntel.Pipeline.Orchestration;
using MarketIntel.Pipeline.Orchestrations;

namespace MarketIntel.Functions.Tests.Durable;

/// <summary>Activities that answer from their input alone (as idempotent activities do), for driving orchestrations.</summary>
public static class ScriptedActivities
{
    public static object? Invoke(string name, JsonElement input)
    {
        var o = PipelineJson.Options;
        return name switch
        {
            ActivityNames.SimulateMonteCarloBatch => Batch(input.Deserialize<MonteCarloBatchInput>(o)!.BatchIndex, input.Deserialize<MonteCarloBatchInput>(o)!.PathCount),
            ActivityNames.ScanBatch => Batch(input.Deserialize<ScanBatchInput>(o)!.BatchIndex, input.Deserialize<ScanBatchInput>(o)!.Symbols.Count),
            ActivityNames.MergeMonteCarlo or ActivityNames.RankAndStoreScan => Merge(input.Deserialize<MergeRequest>(o)!),
            ActivityNames.RefreshOutcomes => 5L,
            ActivityNames.IngestBatch => Ingest(input.Deserialize<IngestBatchInput>(o)!),
            ActivityNames.BackfillGap => 60L,
            ActivityNames.UpdateIndicatorSnapshots => (long)input.Deserialize<SnapshotRequest>(o)!.Symbols.Count,
            ActivityNames.RecordRun => true,
            _ => throw new ArgumentException($"unexpected activity {name}", nameof(name)),
        };
    }

    private static BatchResultRef Batch(int index, long items) => new(index, "batch/" + index.ToString(CultureInfo.InvariantCulture), items);

    private static RunResult Merge(MergeRequest m) =>
        new(m.RunId, "report/" + string.Join('+', m.Batches.Select(b => b.BatchIndex.ToString(CultureInfo.InvariantCulture))), m.Batches.Sum(b => b.Items));

    private static IngestBatchResult Ingest(IngestBatchInput b) => new(b.BatchIndex, b.Symbols.Count * 60L,
        [.. b.Symbols.Where(s => s.EndsWith('G')).Select(s => new GapRequest(b.Provider, s, b.Timeframe, b.UntilUtc.AddHours(-2), b.UntilUtc.AddHours(-1)))]);
}
