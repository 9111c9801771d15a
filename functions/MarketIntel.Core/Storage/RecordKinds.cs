namespace MarketIntel.Core.Storage;

/// <summary>
/// The catalog of record kinds, with the partition key each one uses. Partition keys are built with
/// <see cref="StorageKey.Compose(string[])"/>; ids must be deterministic wherever a retry may write the record again.
/// </summary>
public static class RecordKinds
{
    /// <summary>Latest indicator values of a symbol. Partition: symbol. Id: timeframe (e.g. <c>1d</c>).</summary>
    public static RecordKind IndicatorSnapshot { get; } = new("indicator-snapshot", StorageContainers.Snapshots);

    /// <summary>One run of a scanner. Partition: scan run id. Id: the run id.</summary>
    public static RecordKind ScanRun { get; } = new("scan-run", StorageContainers.Scans);

    /// <summary>
    /// A one-line pointer to a scan run, so that runs can be listed by time without a cross-partition query.
    /// Partition: <c>listing|yyyy-MM</c> (UTC month of the run). Id: <see cref="StorageKey.TimeOrdered(DateTimeOffset, string)"/>
    /// of the run's start and its id. Written (idempotently) next to the run itself.
    /// </summary>
    public static RecordKind ScanRunListing { get; } = new("scan-run-listing", StorageContainers.Scans);

    /// <summary>A ranked setup found by a scan run. Partition: scan run id (one query reads a run and its setups). Id: <c>setup|rank|symbol</c>.</summary>
    public static RecordKind ScanSetup { get; } = new("scan-setup", StorageContainers.Scans);

    /// <summary>What happened after a setup. Partition: the setup's scan run id. Id: <c>outcome|setup id|horizon</c>.</summary>
    public static RecordKind SetupOutcome { get; } = new("setup-outcome", StorageContainers.Scans);

    /// <summary>A market regime state. Partition: <c>market|yyyy-MM</c>. Id: <see cref="StorageKey.TimeOrdered(DateTimeOffset)"/> of the time it applies from.</summary>
    public static RecordKind RegimeState { get; } = new("regime-state", StorageContainers.Analytics);

    /// <summary>A risk report. Partition: <c>portfolio|yyyy-MM</c> for portfolio reports; a Monte Carlo run's id for that run's <c>report</c> and its <c>batch|NNNNN</c> summaries.</summary>
    public static RecordKind RiskReport { get; } = new("risk-report", StorageContainers.Analytics);

    /// <summary>A backtest run with its summary. Partition: backtest run id. Large curves go to the blob artifact store.</summary>
    public static RecordKind BacktestRun { get; } = new("backtest-run", StorageContainers.Backtests);

    /// <summary>A pointer to a backtest run for listing by time. Partition: <c>listing|yyyy-MM</c>. Id: time-ordered start and run id.</summary>
    public static RecordKind BacktestRunListing { get; } = new("backtest-run-listing", StorageContainers.Backtests);

    /// <summary>A paper-trading account. Partition: account id (account, orders and positions together). Id: <c>account</c>.</summary>
    public static RecordKind PaperAccount { get; } = new("paper-account", StorageContainers.Paper);

    /// <summary>A paper order. Partition: account id. Id: <c>order|client order id</c> (deterministic: a retried submit is one order).</summary>
    public static RecordKind PaperOrder { get; } = new("paper-order", StorageContainers.Paper);

    /// <summary>A paper position. Partition: account id. Id: <c>position|symbol</c>; updated with ETags.</summary>
    public static RecordKind PaperPosition { get; } = new("paper-position", StorageContainers.Paper);

    /// <summary>A watchlist. Partition: owner id. Id: watchlist name.</summary>
    public static RecordKind Watchlist { get; } = new("watchlist", StorageContainers.Watchlists);

    /// <summary>How far an ingestion has got. Partition: provider. Id: <c>symbol|timeframe</c>; advanced with ETags.</summary>
    public static RecordKind IngestionCheckpoint { get; } = new("ingestion-checkpoint", StorageContainers.Checkpoints);

    /// <summary>
    /// One orchestration run (a timer or pipeline execution). Partition: <c>orchestration|yyyy-MM-dd</c> (UTC start day).
    /// Id: <see cref="StorageKey.TimeOrdered(DateTimeOffset, string)"/> of the start time and the instance id. Kept 90 days.
    /// </summary>
    public static RecordKind OrchestrationRun { get; } = new("orchestration-run", StorageContainers.Runs, TimeSpan.FromDays(90));

    /// <summary>
    /// A system event (the system log). Partition: UTC day <c>yyyy-MM-dd</c>. Id:
    /// <see cref="StorageKey.TimeOrdered(DateTimeOffset, string)"/> of the event time and a <see cref="StorageKey.Hash"/> of
    /// its source and content, so that a retried write is the same event and a day reads in time order. Kept 30 days.
    /// </summary>
    public static RecordKind SystemEvent { get; } = new("system-event", StorageContainers.Events, TimeSpan.FromDays(30));

    public static IReadOnlyList<RecordKind> All { get; } =
    [
        IndicatorSnapshot, ScanRun, ScanRunListing, ScanSetup, SetupOutcome, RegimeState, RiskReport, BacktestRun,
        BacktestRunListing, PaperAccount, PaperOrder, PaperPosition, Watchlist, IngestionCheckpoint, OrchestrationRun,
        SystemEvent,
    ];
}
