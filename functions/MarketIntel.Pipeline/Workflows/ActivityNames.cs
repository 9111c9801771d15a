namespace MarketIntel.Pipeline.Workflows;

/// <summary>Activity names shared by the orchestrations, the Functions app and the local runner.</summary>
public static class ActivityNames
{
    public const string IngestBatch = nameof(IngestBatch);
    public const string BackfillGap = nameof(BackfillGap);
    public const string UpdateIndicatorSnapshots = nameof(UpdateIndicatorSnapshots);
    public const string ScanBatch = nameof(ScanBatch);
    public const string RankAndStoreScan = nameof(RankAndStoreScan);
    public const string RefreshOutcomes = nameof(RefreshOutcomes);
    public const string SimulateMonteCarloBatch = nameof(SimulateMonteCarloBatch);
    public const string MergeMonteCarlo = nameof(MergeMonteCarlo);
    public const string RecordRun = nameof(RecordRun);
    public const string ApplyRetention = nameof(ApplyRetention);
    public const string EvaluatePaperOrders = nameof(EvaluatePaperOrders);
}
