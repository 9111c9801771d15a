namespace MarketIntel.Core.Market;

/// <summary>Receives bars from <see cref="TickAggregator"/>. Called synchronously on the aggregating thread.</summary>
public interface IBarSink
{
    /// <summary>A bar that may still change (only when <see cref="TickAggregatorOptions.EmitUpdates"/> is on).</summary>
    void OnBarUpdated(in SymbolBar bar);

    /// <summary>A bar that no accepted tick can change any more; emitted once, in time order per symbol and timeframe.</summary>
    void OnBarClosed(in SymbolBar bar);
}
