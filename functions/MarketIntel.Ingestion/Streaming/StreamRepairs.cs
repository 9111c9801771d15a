using MarketIntel.Core.Market;
using MarketIntel.Ingestion.Instruments;
using MarketIntel.Ingestion.Service;

namespace MarketIntel.Ingestion.Streaming;

/// <summary>
/// The REST repairs of what a trade stream could not deliver, shared by <see cref="StreamIngestor"/> (which stores the
/// stream's own bars) and the tick bridge (which hands trades on): at the first trade, everything since the series'
/// checkpoint and the partial first bar; after a reconnect, the bars between the last trade before the drop and the
/// first after it, and the two partial edge bars once they close; any bar a caller marks (late or lost trades) once it
/// closes. Repairs go through the <see cref="IngestionService"/> and overwrite bars by open time.
/// </summary>
public sealed class StreamRepairs
{
    private readonly IngestionService? _backfill;
    private readonly string? _provider;
    private readonly Timeframe _timeframe;
    private readonly CheckpointStore _checkpoints;
    private readonly string _checkpointSource;
    private readonly HashSet<(string Symbol, DateTime Bucket)> _onClose = [];
    private readonly List<RepairedRange> _repaired = [];
    private long _barsRepaired;
    private int _runs;

    /// <param name="backfill">The ingestion service that owns <paramref name="provider"/>; null with a null provider.</param>
    /// <param name="provider">The REST provider that repairs; null repairs nothing (every method is then a no-op).</param>
    /// <param name="timeframe">The timeframe of the repaired bars.</param>
    /// <param name="checkpoints">Where the series' checkpoints are (read at start-up: what to catch up on).</param>
    /// <param name="checkpointSource">The source name the checkpoints are kept under (the stream's name).</param>
    public StreamRepairs(IngestionService? backfill, string? provider, Timeframe timeframe, CheckpointStore checkpoints, string checkpointSource)
    {
        _provider = provider;
        _backfill = provider is null ? null : backfill ?? throw new ArgumentException("A backfill provider needs the ingestion service.", nameof(backfill));
        _timeframe = timeframe;
        _checkpoints = checkpoints ?? throw new ArgumentNullException(nameof(checkpoints));
        _checkpointSource = checkpointSource;
    }

    /// <summary>Whether a REST provider is configured (without one nothing is repaired).</summary>
    public bool Enabled => _backfill is not null;

    public int Runs => _runs;

    public long BarsRepaired => Interlocked.Read(ref _barsRepaired);

    /// <summary>Every interval repaired so far, in order (for reports and tests).</summary>
    public IReadOnlyList<RepairedRange> Repaired
    {
        get
        {
            lock (_repaired)
            {
                return [.. _repaired];
            }
        }
    }

    /// <summary>Bars marked for a repair once they close, not repaired yet.</summary>
    public int Pending => _onClose.Count;

    /// <summary>Marks a bar to be repaired when it closes (its trades may be incomplete).</summary>
    public void RepairWhenClosed(string symbol, DateTime bucket)
    {
        if (Enabled)
        {
            _onClose.Add((symbol, _timeframe.BucketStart(bucket)));
        }
    }

    /// <summary>Removes the mark of one bar that just closed; true when it was marked (the caller then repairs it).</summary>
    public bool TakeIfMarked(string symbol, DateTime bucket) => _onClose.Remove((symbol, bucket));

    /// <summary>Removes and returns the marked bars the predicate says are closed.</summary>
    public List<(string Symbol, DateTime Bucket)> TakeClosed(Func<string, DateTime, bool> isClosed)
    {
        var closed = _onClose.Where(m => isClosed(m.Symbol, m.Bucket)).ToList();
        foreach (var bar in closed)
        {
            _onClose.Remove(bar);
        }

        return closed;
    }

    /// <summary>At the first trade: fetch what happened since each series' checkpoint, and mark the (partial) first bar.</summary>
    public async Task CatchUpAsync(IReadOnlyList<Instrument> instruments, DateTime firstBucket, CancellationToken cancellationToken)
    {
        if (!Enabled)
        {
            return;
        }

        foreach (var instrument in instruments)
        {
            _onClose.Add((instrument.Symbol.Value, firstBucket));
            var checkpoint = await _checkpoints.GetAsync(_checkpointSource, instrument.Symbol, _timeframe, cancellationToken).ConfigureAwait(false);
            if (checkpoint is not null && checkpoint.CompleteUntilUtc < firstBucket)
            {
                await RepairAsync([instrument.Symbol.Value], checkpoint.CompleteUntilUtc, firstBucket, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Bars from the last trade before a drop to the first after it: the closed ones now, the two partial edges when they close.</summary>
    public async Task RepairOutageAsync(IReadOnlyList<Instrument> instruments, DateTime lastBefore, DateTime firstAfter, CancellationToken cancellationToken)
    {
        var first = _timeframe.BucketStart(lastBefore);
        var last = _timeframe.BucketStart(firstAfter);
        foreach (var instrument in instruments)
        {
            RepairWhenClosed(instrument.Symbol.Value, first);
            RepairWhenClosed(instrument.Symbol.Value, last);
        }

        if (last > first)
        {
            await RepairAsync([.. instruments.Select(i => i.Symbol.Value)], first, last, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The stream ended during an outage (a replay that ran out): repair from the last trade up to where it ended.</summary>
    public Task RepairUntilEndAsync(IReadOnlyList<Instrument> instruments, DateTime lastTrade, DateTime endedAt, CancellationToken cancellationToken)
    {
        var end = _timeframe.BucketStart(endedAt) == endedAt ? endedAt : _timeframe.BucketStart(endedAt) + _timeframe.Duration;
        return RepairAsync([.. instruments.Select(i => i.Symbol.Value)], _timeframe.BucketStart(lastTrade), end, cancellationToken);
    }

    /// <summary>Repairs single bars, one REST run per open time (all its symbols together).</summary>
    public async Task RepairBarsAsync(IEnumerable<(string Symbol, DateTime Bucket)> bars, CancellationToken cancellationToken)
    {
        foreach (var group in bars.Distinct().GroupBy(r => r.Bucket).OrderBy(g => g.Key))
        {
            await RepairAsync([.. group.Select(r => r.Symbol)], group.Key, group.Key + _timeframe.Duration, cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task RepairAsync(IReadOnlyList<string> symbols, DateTime from, DateTime to, CancellationToken cancellationToken)
    {
        if (_backfill is null || _provider is null || to <= from)
        {
            return;
        }

        Interlocked.Increment(ref _runs);
        var report = await _backfill.IngestAsync(new IngestionRequest(_provider, symbols, _timeframe, from, to) { IgnoreCheckpoints = true }, cancellationToken: cancellationToken).ConfigureAwait(false);
        Interlocked.Add(ref _barsRepaired, report.BarsWritten);
        lock (_repaired)
        {
            _repaired.Add(new RepairedRange(symbols, from, to, report.BarsWritten));
        }
    }
}
