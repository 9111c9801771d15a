using System.Globalization;
using MarketIntel.Core.Market;
using MarketIntel.Core.Storage;
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
    private readonly StreamIngestorOptions _options;
    private readonly CheckpointStore _checkpoints;
    private readonly IngestionEventLog _events;
    private readonly StreamRepairs _repairs;
    private long _accepted;
    private long _rejected;
    private long _written;
    private int _reconnects;
    private DateTime? _newest;

    public StreamIngestor(ITradeStream stream, IBarStore bars, IRecordStore records, IngestionMetrics metrics, TimeProvider timeProvider, IngestionService? backfill = null, StreamIngestorOptions? options = null)
    {
        _stream = stream ?? throw new ArgumentNullException(nameof(stream));
        _bars = bars ?? throw new ArgumentNullException(nameof(bars));
        _metrics = metrics ?? throw new ArgumentNullException(nameof(metrics));
        _time = timeProvider ?? throw new ArgumentNullException(nameof(timeProvider));
        _options = options ?? new StreamIngestorOptions();
        _checkpoints = new CheckpointStore(records, timeProvider, _options.CodeVersion);
        _repairs = new StreamRepairs(backfill, _options.BackfillProvider, _options.Timeframe, _checkpoints, stream.Name);
        _events = new IngestionEventLog(records, timeProvider, _options.CodeVersion);
    }

    /// <summary>The counters so far (safe to read while running).</summary>
    public StreamIngestionSummary Summary => new(
        Interlocked.Read(ref _accepted), Interlocked.Read(ref _rejected), Interlocked.Read(ref _written), _repairs.BarsRepaired, _reconnects, _repairs.Runs, _newest);

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
                            await _repairs.CatchUpAsync(instruments, timeframe.BucketStart(tick.Timestamp), cancellationToken).ConfigureAwait(false);
                        }

                        if (awaitingFirstTrade)
                        {
                            awaitingFirstTrade = false;
                            await _repairs.RepairOutageAsync(instruments, outageFrom ?? tick.Timestamp, tick.Timestamp, cancellationToken).ConfigureAwait(false);
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
                                _repairs.RepairWhenClosed(instrument.Symbol.Value, timeframe.BucketStart(newest));
                                _repairs.RepairWhenClosed(instrument.Symbol.Value, timeframe.BucketStart(newest) + timeframe.Duration);
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
                await _repairs.RepairUntilEndAsync(instruments, from, until, cancellationToken).ConfigureAwait(false);
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
            if (_repairs.TakeIfMarked(closed.Symbol.Value, closed.Bar.OpenTime))
            {
                repairNow.Add((closed.Symbol.Value, closed.Bar.OpenTime));
            }

            // A marked bar in which the stream saw no trade of the symbol (all of them fell in the outage) never closes
            // on its own: the symbol's later bar closing says it is over, so repair it now.
            var symbol = closed.Symbol.Value;
            var openTime = closed.Bar.OpenTime;
            repairNow.AddRange(_repairs.TakeClosed((s, bucket) => s == symbol && bucket < openTime));
        }

        if (repairNow.Count == 0)
        {
            return;
        }

        await _repairs.RepairBarsAsync(repairNow, cancellationToken).ConfigureAwait(false);

        repairNow.Clear();
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
