using MarketIntel.Core.Market;

namespace MarketIntel.Ingestion.Streaming;

/// <summary>
/// Told of the trades of every tick batch after their bars are stored: every valid trade that is not late, in arrival
/// order, including duplicates of trades already stored (a batch re-delivered after a crash between the bar write and
/// this call must still reach the observer), so an observer must be idempotent per trade. Awaited: a failure fails the
/// batch, which is then delivered again.
/// </summary>
public interface ITickBatchObserver
{
    Task TradesStoredAsync(IReadOnlyList<Tick> trades, CancellationToken cancellationToken);
}
