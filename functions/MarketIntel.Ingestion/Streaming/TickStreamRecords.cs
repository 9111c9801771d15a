using MarketIntel.Core.Market;
using MarketIntel.Core.Storage;

namespace MarketIntel.Ingestion.Streaming;

/// <summary>Where the tick stream keeps its merge state (container <c>checkpoints</c>, beside the ingestion checkpoints).</summary>
public static class TickStreamRecords
{
    /// <summary>A bar's <see cref="TickBarState"/>. Partition: <c>source|symbol|timeframe</c>. Id: time-ordered bar open time.</summary>
    public static RecordKind BarState { get; } = new("tick-bar-state", StorageContainers.Checkpoints);

    /// <summary>A symbol's newest accepted tick time (<see cref="DateTime"/>), the lateness watermark. Partition: source. Id: symbol.</summary>
    public static RecordKind Watermark { get; } = new("tick-watermark", StorageContainers.Checkpoints);

    public static string BarPartition(string source, Symbol symbol, Timeframe timeframe) => StorageKey.Compose(source, symbol.Value, timeframe.ToString());

    public static string BarId(DateTime openTime) => StorageKey.TimeOrdered(openTime);
}
