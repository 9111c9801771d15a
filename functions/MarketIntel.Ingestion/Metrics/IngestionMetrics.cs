using MarketIntel.Core.Market;

namespace MarketIntel.Ingestion.Metrics;

/// <summary>
/// Thread-safe ingestion counters per provider: requests, retries, payloads/bars/ticks accepted and rejected per reason,
/// breaker state, rate-limiter waits, stream reconnects and the lag of each series behind real time.
/// </summary>
public sealed class IngestionMetrics(TimeProvider timeProvider)
{
    private readonly Dictionary<string, Counters> _providers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, BridgeCounters> _bridge = new(StringComparer.Ordinal);

    public IngestionMetrics() : this(TimeProvider.System)
    {
    }

    public void Request(string provider) => Update(provider, c => c.Requests++);

    public void Retry(string provider) => Update(provider, c => c.Retries++);

    public void PayloadAccepted(string provider) => Update(provider, c => c.PayloadsAccepted++);

    public void PayloadRejected(string provider, string reason) => Update(provider, c => Add(c.PayloadsRejected, reason, 1));

    public void BarsAccepted(string provider, long count) => Update(provider, c => c.BarsAccepted += count);

    public void BarsRejected(string provider, string reason, long count = 1) => Update(provider, c => Add(c.BarsRejected, reason, count));

    public void TicksAccepted(string provider, long count = 1) => Update(provider, c => c.TicksAccepted += count);

    public void TicksRejected(string provider, string reason, long count = 1) => Update(provider, c => Add(c.TicksRejected, reason, count));

    public void Reconnected(string provider) => Update(provider, c => c.Reconnects++);

    public void RateLimiterWaited(string provider, TimeSpan waited) => Update(provider, c =>
    {
        c.RateLimiterWaits++;
        c.RateLimiterWaited += waited;
    });

    public void BreakerStateChanged(string provider, string state) => Update(provider, c =>
    {
        if (state == BreakerStates.Open && c.BreakerState != BreakerStates.Open)
        {
            c.BreakerOpenings++;
        }

        c.BreakerState = state;
    });

    /// <summary>Records the newest stored bar of a series; its lag is measured against the clock when a snapshot is taken.</summary>
    public void NewestBar(string provider, Symbol symbol, Timeframe timeframe, DateTime openTimeUtc) => Update(provider, c =>
    {
        var key = (symbol.Value, timeframe.ToString());
        var close = openTimeUtc + timeframe.Duration;
        if (!c.Newest.TryGetValue(key, out var known) || known < close)
        {
            c.Newest[key] = close;
        }
    });

    /// <summary>The tick bridge handed <paramref name="messages"/> trades of a stream to its sink in one batch.</summary>
    public void BridgeBatchSent(string stream, int messages) => UpdateBridge(stream, c =>
    {
        c.Batches++;
        c.Messages += messages;
    });

    /// <summary>The tick bridge received a trade: its time and when it arrived give the stream's last-trade lag.</summary>
    public void BridgeTradeReceived(string stream, DateTime tradeUtc, DateTimeOffset receivedAt) => UpdateBridge(stream, c =>
    {
        c.LastTradeUtc = tradeUtc;
        c.LastTradeLag = receivedAt.UtcDateTime - tradeUtc;
    });

    /// <summary>The tick bridge's connection to a stream dropped and was made again (by the stream or by the bridge).</summary>
    public void BridgeReconnected(string stream) => UpdateBridge(stream, c => c.Reconnects++);

    /// <summary>A batch the sink refused (it is retried; the count says how often the sink failed).</summary>
    public void BridgeSinkFailed(string stream) => UpdateBridge(stream, c => c.SinkFailures++);

    public IngestionMetricsSnapshot Snapshot()
    {
        var now = timeProvider.GetUtcNow();
        var streams = BridgeSnapshot(now);
        lock (_providers)
        {
            var providers = new List<ProviderMetrics>(_providers.Count);
            foreach (var (name, c) in _providers.OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                var lags = c.Newest
                    .OrderBy(n => n.Key.Item1, StringComparer.Ordinal).ThenBy(n => n.Key.Item2, StringComparer.Ordinal)
                    .Select(n => new SeriesLag(n.Key.Item1, n.Key.Item2, n.Value, n.Value < now.UtcDateTime ? now.UtcDateTime - n.Value : TimeSpan.Zero))
                    .ToList();
                providers.Add(new ProviderMetrics(
                    name, c.Requests, c.Retries, c.PayloadsAccepted, Copy(c.PayloadsRejected), c.BarsAccepted, Copy(c.BarsRejected),
                    c.TicksAccepted, Copy(c.TicksRejected), c.BreakerState, c.BreakerOpenings, c.RateLimiterWaits, c.RateLimiterWaited, c.Reconnects, lags));
            }

            return new IngestionMetricsSnapshot(now, providers) { Streams = streams };
        }
    }

    private void Update(string provider, Action<Counters> change)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(provider);
        lock (_providers)
        {
            if (!_providers.TryGetValue(provider, out var counters))
            {
                counters = new Counters();
                _providers.Add(provider, counters);
            }

            change(counters);
        }
    }

    private List<BridgeStreamMetrics> BridgeSnapshot(DateTimeOffset now)
    {
        lock (_bridge)
        {
            return [.. _bridge.OrderBy(b => b.Key, StringComparer.Ordinal).Select(b => new BridgeStreamMetrics(
                b.Key, b.Value.Messages, b.Value.Batches, b.Value.Reconnects, b.Value.SinkFailures, b.Value.LastTradeUtc, b.Value.LastTradeLag,
                b.Value.LastTradeUtc is { } last && last < now.UtcDateTime ? now.UtcDateTime - last : null))];
        }
    }

    private void UpdateBridge(string stream, Action<BridgeCounters> change)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(stream);
        lock (_bridge)
        {
            if (!_bridge.TryGetValue(stream, out var counters))
            {
                counters = new BridgeCounters();
                _bridge.Add(stream, counters);
            }

            change(counters);
        }
    }

    private static void Add(Dictionary<string, long> counts, string reason, long count) =>
        counts[reason] = counts.GetValueOrDefault(reason) + count;

    private static Dictionary<string, long> Copy(Dictionary<string, long> counts) => new(counts, StringComparer.Ordinal);

    private sealed class BridgeCounters
    {
        public long Messages;
        public long Batches;
        public long Reconnects;
        public long SinkFailures;
        public DateTime? LastTradeUtc;
        public TimeSpan? LastTradeLag;
    }

    private sealed class Counters
    {
        public long Requests;
        public long Retries;
        public long PayloadsAccepted;
        public long BarsAccepted;
        public long TicksAccepted;
        public long BreakerOpenings;
        public long RateLimiterWaits;
        public long Reconnects;
        public TimeSpan RateLimiterWaited;
        public string BreakerState = BreakerStates.Closed;
        public readonly Dictionary<string, long> PayloadsRejected = new(StringComparer.Ordinal);
        public readonly Dictionary<string, long> BarsRejected = new(StringComparer.Ordinal);
        public readonly Dictionary<string, long> TicksRejected = new(StringComparer.Ordinal);
        public readonly Dictionary<(string, string), DateTime> Newest = [];
    }
}
