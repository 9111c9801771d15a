using System.Globalization;
using System.Text.Json;
using MarketIntel.Pipeline.Engine;
using MarketIntel.Pipeline.Workflows;

namespace MarketIntel.Pipeline.Tests.Orchestrations;

/// <summary>Activities that answer from their input alone, like idempotent activities should; failures can be injected.</summary>
internal sealed class ScriptedActivities
{
    private readonly Dictionary<string, int> _merges = [];

    public Func<string, JsonElement, int, bool> FailWhen { get; init; } = static (_, _, _) => false;

    /// <summary>The batches a merge reports missing from the store, by merge activity and its call number (1 first).</summary>
    public Func<string, int, IReadOnlyList<int>?> MissingOnMerge { get; init; } = static (_, _) => null;

    public object? Invoke(string name, JsonElement input, int attempt)
    {
        if (FailWhen(name, input, attempt))
        {
            throw new InvalidOperationException($"{name} attempt {attempt} failed (injected)");
        }

        var options = PipelineJson.Options;
        switch (name)
        {
            case ActivityNames.SimulateMonteCarloBatch:
            {
                var b = input.Deserialize<MonteCarloBatchInput>(options)!;
                return new BatchResultRef(b.BatchIndex, $"mc/{b.RunId}/{b.BatchIndex}", b.PathCount);
            }

            case ActivityNames.ScanBatch:
            {
                var b = input.Deserialize<ScanBatchInput>(options)!;
                return new BatchResultRef(b.BatchIndex, $"scan/{b.RunId}/{b.BatchIndex}", b.Symbols.Count(s => s.StartsWith('A')));
            }

            case ActivityNames.MergeMonteCarlo:
            case ActivityNames.RankAndStoreScan:
            {
                var m = input.Deserialize<MergeRequest>(options)!;
                _merges[name] = _merges.GetValueOrDefault(name) + 1;
                if (MissingOnMerge(name, _merges[name]) is { Count: > 0 } lost)
                {
                    return new RunResult(m.RunId, m.RunId, 0) { MissingBatches = lost };
                }

                return new RunResult(m.RunId, $"report/{m.RunId}:{string.Join('+', m.Batches.Select(b => b.BatchIndex.ToString(CultureInfo.InvariantCulture)))}", m.Batches.Sum(b => b.Items));
            }

            case ActivityNames.RefreshOutcomes:
                return 5L;

            case ActivityNames.IngestBatch:
            {
                var b = input.Deserialize<IngestBatchInput>(options)!;
                var gaps = b.Symbols.Where(s => s.EndsWith('G')).Select(s => new GapRequest(b.Provider, s, b.Timeframe, b.UntilUtc.AddHours(-2), b.UntilUtc.AddHours(-1))).ToList();
                return new IngestBatchResult(b.BatchIndex, b.Symbols.Count(s => !s.StartsWith('Q')) * 60L, gaps);
            }

            case ActivityNames.BackfillGap:
                return 60L;

            case ActivityNames.UpdateIndicatorSnapshots:
                return (long)input.Deserialize<SnapshotRequest>(options)!.Symbols.Count;

            case ActivityNames.RecordRun:
                return true;

            case ActivityNames.EvaluatePaperOrders:
                return input.Deserialize<PaperEvaluationRequest>(options)!.Symbols.Count;

            default:
                throw new ArgumentException($"unexpected activity {name}", nameof(name));
        }
    }
}
