using System.Globalization;
using MarketIntel.Core.Market;
using MarketIntel.Core.Storage;
using MarketIntel.Ingestion.Instruments;
using MarketIntel.Ingestion.Metrics;
using MarketIntel.Ingestion.Providers;
using MarketIntel.Ingestion.Service;

namespace MarketIntel.Ingestion.Streaming;

/// <summary>
/// Turns a trade stream into stored bars: trades go through a <see cref="TickAggregator"/> (duplicates dropped, lateness
/// bounded), each closed bar is upserted and checkpointed. What the stream cannot deliver is repaired from REST through
/// the <see cref="IngestionService"/>: the bars between the last trade before a drop and the first after the reconnect
/// (found and filled with <see cref="GapDetector"/>), the bars of late or lost (malformed) trades, the partial first bar,
/// and, at start-up, everything since the series' checkpoint. Repairs overwrite the stream's bars (upserts by open time).
/// </summary>
public sealed class StreamIngestor
{
    private readonly ITradeStream _stream;
    private readonly IBarStore _bars;
    private readonly IngestionMetrics _metrics;
    private readonly TimeProvider _time;
    private readonly IngestionService? _backfill;
    private readonly StreamIngestorOptions _options;
    private readonly CheckpointStore _checkpoints;
    private readonly IngestionEventLog _events;
    private readonly HashSet<(string Symbol, DateTime Bucket)> _repairOnClose = [];
    private long _accepted;
    private long _rejected;
    private long _written;
    private long _repaired;
    private int _reconnects;
    private int _repairRuns;
    private DateTime? _newest;

    public StreamIngestor(ITradeStream stream, IBarStore bars, IRecordStore records, IngestionMetrics metrics, TimeProvider timeProvider, IngestionService? backfill = null, StreamIngestorOptions? options = null)
    {
        _stream = stream ?? throw new ArgumentNullException(nameof(stream));
        _bars = bars ?? throw new ArgumentNullException(nameof(bars));
        _metrics = metrics ?? throw new ArgumentNullException(nameof(metrics));
        _time = timeProvider ?? throw new ArgumentNullException(nameof(timeProvider));
        _options = options ?? new StreamIngestorOptions();
        _backfill = _options.BackfillProvider is null ? null : backfill ?? throw new ArgumentException("A backfill provider needs the ingestion service.", nameof(backfill));
        _checkpoints = new CheckpointStore(records, timeProvider, _options.CodeVersion);
        _events = new IngestionEventLog(records, timeProvider, _options.CodeVersion);
    }

    /// <summary>The counters so far (safe to read while running).</summary>
    public StreamIngestionSummary Summary => new(
        Interlocked.Read(ref _accepted), Interlocked.Read(ref _rejected), Interlocked.Read(ref _written), Interlocked.Read(ref _repaired), _reconnects, _repairRuns, _newest);

    /// <summary>Runs until the stream ends (a replay: the open bars are then closed and stored) or until cancelled (open bars are left: they are incomplete).</summary>
    public async Task<StreamIngestionSummary> RunAsync(IReadOnlyList<string> symbols, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(symbols);
        var instruments = symbols.Select(_stream.Resolve).ToList();
        var timeframe = _options.Timeframe;
        var sink = new ClosedBars();
        var aggregator = new TickAggregator(
            new TickAggregatorOptions { Timeframes = [timeframe], AllowedLateness = _options.AllowedLateness, DuplicateRetention = TimeSpan.FromMinutes(10) }, sink);
        var repairNow = new List<(string Symbol, DateTime Bucket)>();
        DateTime? outageFrom = null;
        DateTime? lastDisconnect = null;
        var awaitingFirstTrade = false;
        var started = false;
        try
        {
            await foreach (var e in _stream.StreamAsync(instruments, cancellationToken).ConfigureAwait(false))
            {
                switch (e.Kind)
                {
                    case TradeStreamEventKind.Trade:
                        var tick = e.Tick;
                        if (!started)
                        {
                            started = true;
                            await CatchUpAsync(instruments, timeframe.BucketStart(tick.Timestamp), cancellationToken).ConfigureAwait(false);
                        }

                        if (awaitingFirstTrade)
                        {
                            awaitingFirstTrade = false;
                            await RepairOutageAsync(instruments, outageFrom ?? tick.Timestamp, tick.Timestamp, cancellationToken).ConfigureAwait(false);
                            outageFrom = null;
                        }

                        var verdict = aggregator.Offer(tick);
                        if (verdict == TickVerdict.Accepted)
                        {
                            Interlocked.Increment(ref _accepted);
                            _metrics.TicksAccepted(_stream.Name);
                            _newest = _newest is { } n && n > tick.Timestamp ? n : tick.Timestamp;
                        }
                        else
                        {
                            Interlocked.Increment(ref _rejected);
                            _metrics.TicksRejected(_stream.Name, Reason(verdict));
                            if (verdict == TickVerdict.Late)
                            {
                                // Its bar is already stored without it: fetch the bar again.
                                repairNow.Add((tick.Symbol.Value, timeframe.BucketStart(tick.Timestamp)));
                            }
                        }

                        break;
                    case TradeStreamEventKind.Rejected:
                        Interlocked.Increment(ref _rejected);
                        _metrics.TicksRejected(_stream.Name, e.Reason ?? RejectReasons.Malformed);
                        if (_newest is { } newest)
                        {
                            // A lost trade belongs to the open bar or the next one: repair both once they close.
                            foreach (var instrument in instruments)
                            {
                                _repairOnClose.Add((instrument.Symbol.Value, timeframe.BucketStart(newest)));
                                _repairOnClose.Add((instrument.Symbol.Value, timeframe.BucketStart(newest) + timeframe.Duration));
                            }
                        }

                        break;
                    case TradeStreamEventKind.Disconnected:
                        outageFrom ??= _newest;
                        lastDisconnect = e.At.UtcDateTime;
                        await _events.WriteAsync(new IngestionEvent(IngestionEventTypes.StreamConnection, "warning", _stream.Name, null, timeframe.ToString(),
                            $"stream dropped after the trade of {Text(_newest)}: {e.Reason}"), cancellationToken).ConfigureAwait(false);
                        break;
                    case TradeStreamEventKind.Connected when e.IsReconnect:
                        _reconnects++;
                        awaitingFirstTrade = started;
                        await _events.WriteAsync(new IngestionEvent(IngestionEventTypes.StreamConnection, "info", _stream.Name, null, timeframe.ToString(),
                            "stream reconnected and resubscribed; the outage is repaired from REST at the first trade"), cancellationToken).ConfigureAwait(false);
                        break;
                }

                await StoreClosedAsync(sink, repairNow, cancellationToken).ConfigureAwait(false);
            }

            aggregator.Flush();
            await StoreClosedAsync(sink, repairNow, cancellationToken).ConfigureAwait(false);
            if (outageFrom is { } from && lastDisconnect is { } until)
            {
                // The stream ended during an outage (a replay that ran out): repair up to where it ended.
                var end = timeframe.BucketStart(until) == until ? until : timeframe.BucketStart(until) + timeframe.Duration;
                await RepairAsync([.. instruments.Select(i => i.Symbol.Value)], timeframe.BucketStart(from), end, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopped: the open bars are incomplete and stay unstored; the checkpoints say where to resume.
        }

        return Summary;
    }

    private async Task StoreClosedAsync(ClosedBars sink, List<(string Symbol, DateTime Bucket)> repairNow, CancellationToken cancellationToken)
    {
        foreach (var closed in sink.Drain())
        {
            await _bars.UpsertAsync(closed.Symbol, closed.Timeframe, [closed.Bar], new BarProvenance(_stream.Name + "-stream", _options.CodeVersion), cancellationToken).ConfigureAwait(false);
            Interlocked.Increment(ref _written);
            _metrics.BarsAccepted(_stream.Name, 1);
            _metrics.NewestBar(_stream.Name, closed.Symbol, closed.Timeframe, closed.Bar.OpenTime);
            await _checkpoints.AdvanceAsync(_stream.Name, closed.Symbol, closed.Timeframe, closed.Bar.OpenTime + closed.Timeframe.Duration, closed.Bar.OpenTime, 1, cancellationToken: cancellationToken).ConfigureAwait(false);
            if (_repairOnClose.Remove((closed.Symbol.Value, closed.Bar.OpenTime)))
            {
                repairNow.Add((closed.Symbol.Value, closed.Bar.OpenTime));
            }
        }

        if (repairNow.Count == 0)
        {
            return;
        }

        foreach (var group in repairNow.Distinct().GroupBy(r => r.Bucket).OrderBy(g => g.Key))
        {
            await RepairAsync([.. group.Select(r => r.Symbol)], group.Key, group.Key + _options.Timeframe.Duration, cancellationToken).ConfigureAwait(false);
        }

        repairNow.Clear();
    }

    /// <summary>At the first trade: fetch what happened since each series' checkpoint, and repair the (partial) first bar when it closes.</summary>
    private async Task CatchUpAsync(IReadOnlyList<Instrument> instruments, DateTime firstBucket, CancellationToken cancellationToken)
    {
        if (_backfill is null)
        {
            return;
        }

        foreach (var instrument in instruments)
        {
            _repairOnClose.Add((instrument.Symbol.Value, firstBucket));
            var checkpoint = await _checkpoints.GetAsync(_stream.Name, instrument.Symbol, _options.Timeframe, cancellationToken).ConfigureAwait(false);
            if (checkpoint is not null && checkpoint.CompleteUntilUtc < firstBucket)
            {
                await RepairAsync([instrument.Symbol.Value], checkpoint.CompleteUntilUtc, firstBucket, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Bars from the last trade before a drop to the first after it: fetch the closed ones now, the two edges again when they close.</summary>
    private async Task RepairOutageAsync(IReadOnlyList<Instrument> instruments, DateTime lastBefore, DateTime firstAfter, CancellationToken cancellationToken)
    {
        var first = _options.Timeframe.BucketStart(lastBefore);
        var last = _options.Timeframe.BucketStart(firstAfter);
        foreach (var instrument in instruments)
        {
            _repairOnClose.Add((instrument.Symbol.Value, first));
            _repairOnClose.Add((instrument.Symbol.Value, last));
        }

        if (last > first)
        {
            await RepairAsync([.. instruments.Select(i => i.Symbol.Value)], first, last, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task RepairAsync(IReadOnlyList<string> symbols, DateTime from, DateTime to, CancellationToken cancellationToken)
    {
        if (_backfill is null || _options.BackfillProvider is null || to <= from)
        {
            return;
        }

        _repairRuns++;
        var report = await _backfill.IngestAsync(new IngestionRequest(_options.BackfillProvider, symbols, _options.Timeframe, from, to) { IgnoreCheckpoints = true }, cancellationToken: cancellationToken).ConfigureAwait(false);
        Interlocked.Add(ref _repaired, report.BarsWritten);
    }

    private static string Reason(TickVerdict verdict) => verdict switch
    {
        TickVerdict.Duplicate => RejectReasons.Duplicate,
        TickVerdict.Late => RejectReasons.Late,
        _ => RejectReasons.Invalid,
    };

    private static string Text(DateTime? t) => t?.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture) ?? "(none yet)";

    private sealed class ClosedBars : IBarSink
    {
        private readonly List<SymbolBar> _closed = [];

        public void OnBarUpdated(in SymbolBar bar)
        {
        }

        public void OnBarClosed(in SymbolBar bar) => _closed.Add(bar);

        public List<SymbolBar> Drain()
        {
            var drained = new List<SymbolBar>(_closed);
            _closed.Clear();
            return drained;
        }
    }
}
