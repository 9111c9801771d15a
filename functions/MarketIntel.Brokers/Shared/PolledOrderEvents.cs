using System.Runtime.CompilerServices;
using MarketIntel.Core.Brokerage;
using Microsoft.Extensions.Logging;

namespace MarketIntel.Brokers.Shared;

/// <summary>
/// Order events from polling a venue's order list, for venues whose streamer this project cannot fake faithfully: every
/// <c>interval</c> the orders entered since the oldest order still open (or the latest change seen, less a margin) are
/// read, and each is compared by <see cref="BrokerOrderTracker"/> with what was last seen of it. A poll that fails (the
/// venue unreachable, a 5xx, rate limited) is logged and the next one catches up, so a change made while polls were
/// failing arrives once; refused credentials end the stream with their error. Orders entered before the stream started
/// and never seen by it are not its news.
/// </summary>
public sealed class PolledOrderEvents(
    string broker,
    Func<DateTime, CancellationToken, Task<IReadOnlyList<BrokerOrder>>> readEnteredSince,
    TimeSpan interval,
    TimeProvider time,
    ILogger logger)
{
    private static readonly TimeSpan Margin = TimeSpan.FromMinutes(1);

    public async IAsyncEnumerable<BrokerOrderEvent> ReadAllAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var tracker = new BrokerOrderTracker();
        var started = time.GetUtcNow().UtcDateTime;
        var failures = 0;
        while (!cancellationToken.IsCancellationRequested)
        {
            IReadOnlyList<BrokerOrder>? orders = null;
            var last = tracker.LastSeen ?? started;
            var since = (tracker.OldestOpen is { } open && open < last ? open : last) - Margin;
            try
            {
                orders = await readEnteredSince(since, cancellationToken).ConfigureAwait(false);
                if (failures > 0)
                {
                    logger.LogInformation("{Broker} order poll: reachable again after {Failures} failed polls; catching up", broker, failures);
                }

                failures = 0;
            }
            catch (BrokerException ex) when (ex.Kind is BrokerErrorKind.Unavailable or BrokerErrorKind.RateLimited or BrokerErrorKind.Protocol)
            {
                failures++;
                logger.LogWarning("{Broker} order poll failed ({Reason}); the next poll catches up", broker, ex.ReasonCode);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                // The caller stopped reading during a poll: the stream ends quietly.
                orders = null;
            }

            if (cancellationToken.IsCancellationRequested)
            {
                yield break;
            }

            foreach (var order in orders ?? [])
            {
                foreach (var one in new[] { order }.Concat(order.Legs ?? []))
                {
                    if (tracker.StatusOf(one.ClientOrderId) is null && one.Created < started)
                    {
                        continue;
                    }

                    foreach (var e in tracker.Observe(one, one.VenueStatus, one.Updated))
                    {
                        yield return e;
                    }
                }
            }

            if (!await WaitAsync(cancellationToken).ConfigureAwait(false))
            {
                yield break;
            }
        }
    }

    private async Task<bool> WaitAsync(CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(interval, time, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
