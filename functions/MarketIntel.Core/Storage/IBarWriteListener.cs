using MarketIntel.Core.Market;

namespace MarketIntel.Core.Storage;

/// <summary>
/// Told of every bar write <see cref="VersionedBarStore"/> completes, after the store has it (a failed write is not
/// reported). Called on the writer's path, so an implementation must return at once and never throw.
/// </summary>
public interface IBarWriteListener
{
    void BarsWritten(Symbol symbol, Timeframe timeframe, IReadOnlyList<Bar> bars);
}
