namespace MarketIntel.Core.Storage;

/// <summary>
/// The catalog of record kinds, with the partition key each one uses. Partition keys are built with
/// <see cref="StorageKey.Compose(string[])"/>; ids must be deterministic wherever a retry may write the record again.
/// </summary>
public static class RecordKinds
{
    /// <summary>Latest indicator values of a symbol. Partition: symbol. Id: timeframe (e.g. <c>1d</c>).</summary>
    public static RecordKind IndicatorSnapshot { get; } = new("indicator-snapshot", StorageContainers.Snapshots);

    /// <summary>One run of a scanner and its batch results. Partition: scan run id. Id: the run id, or <c>batch|NNNNN</c> for a batch.</summary>
    public static RecordKind ScanRun { get; } = new("scan-run", StorageContainers.Scans);

    /// <summary>
    /// A one-line pointer to a scan run, so that runs can be listed by time without a cross-partition query.
    /// Partition: <c>listing|yyyy-MM</c> (UTC month of the run). Id: <see cref="StorageKey.TimeOrdered(DateTimeOffset, string)"/>
    /// of the run's start and its id. Written (idempotently) next to the run itself.
    /// </summary>
    public static RecordKind ScanRunListing { get; } = new("scan-run-listing", StorageContainers.Scans);

    /// <summary>A Monte Carlo risk report. Partition: the run's id. Id: <c>report</c>, or <c>batch|NNNNN</c> for a batch summary.</summary>
    public static RecordKind RiskReport { get; } = new("risk-report", StorageContainers.Analytics);

    /// <summary>A paper-trading account. Partition: account id (account, orders and positions together). Id: <c>account</c>.</summary>
    public static RecordKind PaperAccount { get; } = new("paper-account", StorageContainers.Paper);

    /// <summary>A paper order. Partition: account id. Id: <c>order|client order id</c> (deterministic: a retried submit is one order).</summary>
    public static RecordKind PaperOrder { get; } = new("paper-order", StorageContainers.Paper);

    /// <summary>A paper position. Partition: account id. Id: <c>position|symbol</c>; updated with ETags.</summary>
    public static RecordKind PaperPosition { get; } = new("paper-position", StorageContainers.Paper);

    /// <summary>
    /// One entry of a paper account's append-only journal (a command and the order events, fills and risk decisions it
    /// produced). Partition: account id. Id: <c>journal|</c> and the 12-digit sequence number, written create-only, so two
    /// writers can never both append entry n and the account rebuilds from its entries in id order.
    /// </summary>
    public static RecordKind PaperJournal { get; } = new("paper-journal", StorageContainers.Paper);

    /// <summary>The directory of paper accounts (id, name, timeframe, symbols with working orders). Partition: <c>accounts</c>. Id: account id.</summary>
    public static RecordKind PaperAccountIndex { get; } = new("paper-account-index", StorageContainers.Paper);

    /// <summary>
    /// An automation switch: whether new setups of a strategy's scans become orders for an account, its daily cap and the
    /// broker connection the orders also go to. Partition: <c>automation</c>. Id: <c>account|strategy</c>.
    /// </summary>
    public static RecordKind AutomationRule { get; } = new("automation-rule", StorageContainers.Paper);

    /// <summary>
    /// What automation did with one setup for one account (submitted, duplicate, rejected by a risk rule, skipped with the
    /// reason). Partition: <c>automation|account</c>. Id: <see cref="StorageKey.TimeOrdered(DateTimeOffset, string)"/> of the
    /// decision time and the client order id, so a day reads in order and a retried decision is the same record.
    /// </summary>
    public static RecordKind AutomationDecision { get; } = new("automation-decision", StorageContainers.Paper);

    /// <summary>
    /// One of a day's places under an automation rule's daily cap, taken create-only by the order that uses it, so two
    /// instances acting at once cannot both take the last one. Partition: <c>automation-cap|account</c>. Id:
    /// <c>strategy|yyyyMMdd|nnn</c>.
    /// </summary>
    public static RecordKind AutomationCapSlot { get; } = new("automation-cap-slot", StorageContainers.Paper);

    /// <summary>
    /// An order sent to a broker connection, as this platform knows it: the request, its source and cause, the venue's
    /// last status, fills. Written before the order is sent (the intent), so a crash never leaves an order the journal does
    /// not know. Partition: <c>broker|connection</c>. Id: <c>order|client order id</c>.
    /// </summary>
    public static RecordKind BrokerOrder { get; } = new("broker-order", StorageContainers.Paper);

    /// <summary>
    /// One reconciliation of a broker connection (journal against the venue's orders, fills and positions) with every
    /// difference found and what was done about it. Partition: <c>broker|connection</c>. Id: <c>reconciliation|</c> and
    /// <see cref="StorageKey.TimeOrdered(DateTimeOffset)"/>.
    /// </summary>
    public static RecordKind BrokerReconciliation { get; } = new("broker-reconciliation", StorageContainers.Paper);

    /// <summary>
    /// One backtested variant of a strategy (parameters, timeframe, symbols, costs) with its latest Sharpe ratio: the trials
    /// the deflated Sharpe ratio counts. Partition: <c>backtest|strategy</c>. Id: a hash of the variant, so a re-run is the same trial.
    /// </summary>
    public static RecordKind BacktestTrial { get; } = new("backtest-trial", StorageContainers.Analytics);

    /// <summary>
    /// A broker adapter's map from our client order id to the venue's order id, for venues that take no client order id
    /// (Schwab): the intent (fingerprint, time) written before an order is sent, the venue id after. Partition:
    /// <c>broker|account</c>. Id: <c>client|our id</c>, and <c>venue|venue id</c> for the reverse lookup; kept until deleted.
    /// </summary>
    public static RecordKind BrokerOrderIdMap { get; } = new("broker-order-id-map", StorageContainers.Paper);

    /// <summary>A watchlist. Partition: owner id. Id: watchlist name.</summary>
    public static RecordKind Watchlist { get; } = new("watchlist", StorageContainers.Watchlists);

    /// <summary>How far an ingestion has got. Partition: provider. Id: <c>symbol|timeframe</c>; advanced with ETags.</summary>
    public static RecordKind IngestionCheckpoint { get; } = new("ingestion-checkpoint", StorageContainers.Checkpoints);

    /// <summary>
    /// The tick stream's merge state of one bar (its OHLCV and the trade ids it holds). Partition:
    /// <c>source|symbol|timeframe</c>. Id: time-ordered bar open time. It expires: two days by default, each record
    /// carrying its processor's retention. Declared here, with its time to live, so that the container is set up to expire
    /// items (Cosmos DB ignores an item's <c>ttl</c> unless its container enables TTL).
    /// </summary>
    public static RecordKind TickBarState { get; } = new("tick-bar-state", StorageContainers.Checkpoints, TimeSpan.FromDays(2));

    /// <summary>A tick stream symbol's newest accepted tick time, the lateness watermark. Partition: source. Id: symbol.</summary>
    public static RecordKind TickWatermark { get; } = new("tick-watermark", StorageContainers.Checkpoints);

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
        IndicatorSnapshot, ScanRun, ScanRunListing, RiskReport, PaperAccount, PaperOrder, PaperPosition, PaperJournal, PaperAccountIndex, AutomationRule, AutomationDecision, AutomationCapSlot, BrokerOrder,
        BrokerReconciliation, BrokerOrderIdMap, BacktestTrial, Watchlist, IngestionCheckpoint, TickBarState, TickWatermark, OrchestrationRun, SystemEvent,
    ];
}
