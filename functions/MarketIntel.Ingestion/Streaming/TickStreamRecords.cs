using MarketIntel.Core.Market;
using MarketIntel.Core.Storage;

namespace MarketIntel.Ingestion.Streaming;

/// <summary>Where the tick stream keeps its merge state (container <c>checkpoints</c>, beside the ingestion checkpoints).</summary>
public static class TickStreamRecords
{
    /// <summary>A bar's <see cref="TickBarState"/> (<see cref="RecordKinds.TickBarState"/>, expiring).</summary>
    public static RecordKind BarState => RecordKinds.TickBarState;

    /// <summary>A symbol's newest accepted tick time (<see cref="DateTime"/>), the lateness watermark (<see cref="RecordKinds.TickWatermark"/>).</summary>
    public static RecordKind Watermark => RecordKinds.TickWatermark;

    public static string BarPartition(string source, Symbol symbol, Timeframe timeframe) => StorageKey.Compose(source, symbol.Value, timeframe.ToString());

    public static string BarId(DateTime openTime) => StorageKey.TimeOrdered(openTime);
}
