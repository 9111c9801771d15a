using System.Threading.Channels;
using MarketIntel.Core.Market;
using MarketIntel.Core.Storage;
using MarketIntel.Ingestion.Instruments;
using MarketIntel.Ingestion.Metrics;
using MarketIntel.Ingestion.Providers;
using MarketIntel.Ingestion.Service;
using MarketIntel.Ingestion.Streaming;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace MarketIntel.Ingestion.Bridge;

/// <summary>
/// The tick bridge: holds the configured trade streams, batches their trades by count and by time into JSON tick
/// messages (<see cref="TickMessageFormat"/>) and hands each batch to an <see cref="ITickBatchSink"/> (in process to the
/// <see cref="TickBatchProcessor"/>, or to Event Hubs). A stream that ends or fails is opened again with exponential
/// backoff and jitter (the WebSocket streams also reconnect by themselves and say so); a batch the sink refuses is
/// retried the same way while the stream waits (bounded buffer). What a stream missed is repaired from REST with
/// <see cref="StreamRepairs"/>, as <see cref="StreamIngestor"/> does: the outage's bars, the partial bars at its edges
/// and at start-up, and the bars of lost (malformed) or late trades, each once it is final for the processor (its end at or
/// before the symbol's newest trade minus the processor's allowed lateness, plus <see cref="TickBridgeOptions.RepairDelay"/>).
/// </summary>
public sealed class TickBridge : BackgroundService
{
    private readonly IReadOnlyList<ITradeStream> _streams;
    private readonly ITickBatchSink _sink;
    private readonly TickBridgeOptions _options;
    private readonly TickBatchOptions _ticks;
    private readonly IngestionMetrics _metrics;
    private readonly TimeProvider _time;
    private readonly IRecordStore _records;
    private readonly IngestionService? _backfill;
    private readonly ILogger _logger;
    private readonly Dictionary<string, StreamRepairs> _repairs = new(StringComparer.Ordinal);

    /// <param name="streams">The trade streams to hold (one run each).</param>
    /// <param name="sink">Where batches go.</param>
    /// <param name="options">Batching, reconnects and repairs (validated here).</param>
    /// <param name="ticks">The tick processor's options: its timeframe and allowed lateness say when a bar is final.</param>
    /// <param name="metrics">Counters for <c>/api/metrics</c>.</param>
    /// <param name="timeProvider">The clock of batching delays and backoff.</param>
    /// <param name="records">Where the ingestion event log and checkpoints are.</param>
    /// <param name="backfill">The REST ingestion that repairs (null: nothing is repaired).</param>
    /// <param name="logger">Drops, failures and repairs.</param>
    /// <param name="lease">The singleton lease the streams run under (null: run unguarded, as in one local process).</param>
    public TickBridge(
        IReadOnlyList<ITradeStream> streams, ITickBatchSink sink, TickBridgeOptions options, TickBatchOptions ticks, IngestionMetrics metrics,
        TimeProvider timeProvider, IRecordStore records, IngestionService? backfill = null, ILogger<TickBridge>? logger = null, ISingletonLease? lease = null)
    {
        Guard = lease is null ? null : new SingletonLeaseRunner(lease, timeProvider, logger);
        _streams = streams ?? throw new ArgumentNullException(nameof(streams));
        _sink = sink ?? throw new ArgumentNullException(nameof(sink));
        _options = options ?? throw new ArgumentNullException(nameof(options));
        _options.Validate();
        _ticks = ticks ?? throw new ArgumentNullException(nameof(ticks));
        _metrics = metrics ?? throw new ArgumentNullException(nameof(metrics));
        _time = timeProvider ?? throw new ArgumentNullException(nameof(timeProvider));
        _records = records ?? throw new ArgumentNullException(nameof(records));
        _backfill = backfill;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        var checkpoints = new CheckpointStore(records, timeProvider, _ticks.CodeVersion);
        foreach (var stream in _streams)
        {
            var provider = _options.RepairFromRest && backfill is not null ? stream.Name : null;
            _repairs[stream.Name] = new StreamRepairs(backfill, provider, _ticks.Timeframe, checkpoints, stream.Name + "-bridge");
        }
    }

    public ITickBatchSink Sink => _sink;

    /// <summary>The REST repairs of one stream so far.</summary>
    public IReadOnlyList<RepairedRange> Repairs(string stream) => _repairs[stream].Repaired;

    /// <summary>Runs every stream until cancelled (or, with <see cref="TickBridgeOptions.StopWhenStreamsEnd"/>, until they end).</summary>
    public Task RunAsync(CancellationToken cancellationToken) => Task.WhenAll(_streams.Select(s => RunStreamAsync(s, cancellationToken)));

    /// <summary>The singleton guard: with a lease, the streams run only while this instance holds it (null: always).</summary>
    public SingletonLeaseRunner? Guard { get; }

    /// <summary>
    /// Runs the streams, under the singleton guard when there is one: on a scaled-out app only the lease holder publishes,
    /// and a holder that loses the lease stops at once (the next holder catches up from the shared checkpoints).
    /// </summary>
    public Task RunGuardedAsync(CancellationToken cancellationToken) => Guard is null ? RunAsync(cancellationToken) : Guard.RunAsync(RunAsync, cancellationToken);

    protected override Task ExecuteAsync(CancellationToken stoppingToken) => RunGuardedAsync(stoppingToken);

    private async Task RunStreamAsync(ITradeStream stream, CancellationToken cancellationToken)
    {
        // Off the host's start-up path: StartAsync returns at the first await of ExecuteAsync.
        await Task.Yield();
        var run = new StreamRun(this, stream, [.. _options.Symbols.Select(stream.Resolve)], _repairs[stream.Name]);
        var failures = 0;
        while (!cancellationToken.IsCancellationRequested)
        {
            string reason;
            try
            {
                await PumpAsync(run, cancellationToken).ConfigureAwait(false);
                reason = "the stream ended";
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                reason = ex.Message;
                _logger.LogWarning(ex, "Tick bridge: stream {Stream} failed", stream.Name);
            }

            try
            {
                await run.FlushAsync(cancellationToken).ConfigureAwait(false);
                if (_options.StopWhenStreamsEnd)
                {
                    await run.FinishAsync(cancellationToken).ConfigureAwait(false);
                    return;
                }

                failures = run.TradesThisConnection > 0 ? 1 : failures + 1;
                await run.DroppedAsync(reason, cancellationToken).ConfigureAwait(false);
                await Task.Delay(Backoff(failures), _time, cancellationToken).ConfigureAwait(false);
                _metrics.BridgeReconnected(stream.Name);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                break;
            }
        }
    }

    /// <summary>Reads one enumeration of the stream through a bounded buffer, flushing batches by count and by time; returns when the stream ends, throws when it fails.</summary>
    private async Task PumpAsync(StreamRun run, CancellationToken cancellationToken)
    {
        run.TradesThisConnection = 0;
        var channel = Channel.CreateBounded<TradeStreamEvent>(new BoundedChannelOptions(Math.Max(1024, _options.MaxBatchMessages * 4)) { SingleReader = true, SingleWriter = true });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var producer = Task.Run(
            async () =>
            {
                try
                {
                    await foreach (var e in run.Stream.StreamAsync(run.Instruments, stop.Token).ConfigureAwait(false))
                    {
                        await channel.Writer.WriteAsync(e, stop.Token).ConfigureAwait(false);
                    }

                    channel.Writer.TryComplete();
                }
                catch (Exception ex)
                {
                    channel.Writer.TryComplete(ex);
                }
            },
            CancellationToken.None);
        try
        {
            Task<bool>? waiting = null;
            while (true)
            {
                while (channel.Reader.TryRead(out var e))
                {
                    await run.HandleAsync(e, cancellationToken).ConfigureAwait(false);
                }

                waiting ??= channel.Reader.WaitToReadAsync(cancellationToken).AsTask();
                if (run.Pending > 0)
                {
                    var remaining = _options.MaxBatchDelay - _time.GetElapsedTime(run.BatchStarted);
                    if (remaining <= TimeSpan.Zero)
                    {
                        await run.FlushAsync(cancellationToken).ConfigureAwait(false);
                        continue;
                    }

                    using var delayStop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                    var delay = Task.Delay(remaining, _time, delayStop.Token);
                    if (await Task.WhenAny(waiting, delay).ConfigureAwait(false) != waiting)
                    {
                        await run.FlushAsync(cancellationToken).ConfigureAwait(false);
                        continue;
                    }

                    await delayStop.CancelAsync().ConfigureAwait(false);
                }

                if (!await waiting.ConfigureAwait(false))
                {
                    break;
                }

                waiting = null;
            }

            // Rethrows the stream's failure, if it failed.
            await channel.Reader.Completion.ConfigureAwait(false);
        }
        finally
        {
            await stop.CancelAsync().ConfigureAwait(false);
            await producer.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    private TimeSpan Backoff(int failures)
    {
        var exponential = _options.InitialReconnectDelay.TotalMilliseconds * Math.Pow(2, Math.Min(failures - 1, 16));
        var capped = Math.Min(exponential, _options.MaxReconnectDelay.TotalMilliseconds);

        // Jitter in the upper half: many bridges restarting together spread out, and no delay collapses to zero.
        return TimeSpan.FromMilliseconds(capped * (0.5 + (Random.Shared.NextDouble() * 0.5)));
    }

    /// <summary>One stream's state across its connections: the batch being filled, each symbol's newest trade, the outage in progress.</summary>
    private sealed class StreamRun(TickBridge bridge, ITradeStream stream, IReadOnlyList<Instrument> instruments, StreamRepairs repairs)
    {
        private readonly Dictionary<string, DateTime> _newest = new(StringComparer.Ordinal);
        private readonly IngestionEventLog _events = new(bridge._records, bridge._time, bridge._ticks.CodeVersion);
        private List<TickMessage> _batch = [];
        private DateTime? _newestAny;
        private DateTime? _outageFrom;
        private DateTime? _lastDisconnect;
        private bool _started;
        private bool _awaitingFirstTrade;

        public ITradeStream Stream => stream;

        public IReadOnlyList<Instrument> Instruments => instruments;

        public int Pending => _batch.Count;

        public long BatchStarted { get; private set; }

        public long TradesThisConnection { get; set; }

        private Timeframe Timeframe => bridge._ticks.Timeframe;

        public async Task HandleAsync(TradeStreamEvent e, CancellationToken cancellationToken)
        {
            switch (e.Kind)
            {
                case TradeStreamEventKind.Trade:
                    await TradeAsync(e, cancellationToken).ConfigureAwait(false);
                    break;
                case TradeStreamEventKind.Rejected:
                    bridge._metrics.TicksRejected(stream.Name, e.Reason ?? RejectReasons.Malformed);
                    if (_newestAny is { } newest)
                    {
                        // A lost trade belongs to the open bar or the next one: repair both once they are final.
                        foreach (var instrument in instruments)
                        {
                            repairs.RepairWhenClosed(instrument.Symbol.Value, Timeframe.BucketStart(newest));
                            repairs.RepairWhenClosed(instrument.Symbol.Value, Timeframe.BucketStart(newest) + Timeframe.Duration);
                        }
                    }

                    break;
                case TradeStreamEventKind.Disconnected:
                    _lastDisconnect = e.At.UtcDateTime;
                    await DroppedAsync(e.Reason ?? "disconnected", cancellationToken).ConfigureAwait(false);
                    break;
                case TradeStreamEventKind.Connected when e.IsReconnect:
                    bridge._metrics.BridgeReconnected(stream.Name);
                    break;
            }
        }

        private async Task TradeAsync(TradeStreamEvent e, CancellationToken cancellationToken)
        {
            var tick = e.Tick;
            if (!_started)
            {
                _started = true;
                await repairs.CatchUpAsync(instruments, Timeframe.BucketStart(tick.Timestamp), cancellationToken).ConfigureAwait(false);
            }

            if (_awaitingFirstTrade)
            {
                _awaitingFirstTrade = false;

                // The trades before the drop reach the processor first: a repaired bar is never overwritten by them.
                await FlushAsync(cancellationToken).ConfigureAwait(false);
                await repairs.RepairOutageAsync(instruments, _outageFrom ?? tick.Timestamp, tick.Timestamp, cancellationToken).ConfigureAwait(false);
                _outageFrom = null;
                _lastDisconnect = null;
            }

            if (_batch.Count == 0)
            {
                BatchStarted = bridge._time.GetTimestamp();
            }

            if (_newest.TryGetValue(tick.Symbol.Value, out var newestOfSymbol)
                && Timeframe.OneMinute.BucketStart(tick.Timestamp) + TimeSpan.FromMinutes(1) <= newestOfSymbol - bridge._ticks.AllowedLateness)
            {
                // The processor will reject it as late (same rule): its bar is stored without it, so fetch the bar again.
                repairs.RepairWhenClosed(tick.Symbol.Value, tick.Timestamp);
            }

            _batch.Add(new TickMessage(tick.Symbol.Value, TickMessageFormat.Format(tick)));
            TradesThisConnection++;
            bridge._metrics.BridgeTradeReceived(stream.Name, tick.Timestamp, e.At);
            if (!_newest.ContainsKey(tick.Symbol.Value) || tick.Timestamp > newestOfSymbol)
            {
                _newest[tick.Symbol.Value] = tick.Timestamp;
            }

            if (_newestAny is not { } any || tick.Timestamp > any)
            {
                _newestAny = tick.Timestamp;
            }

            if (_batch.Count >= bridge._options.MaxBatchMessages)
            {
                await FlushAsync(cancellationToken).ConfigureAwait(false);
            }
        }

        /// <summary>A drop (reported by the stream, or the stream ended or failed): the outage runs from the newest trade; it is repaired at the first trade after it.</summary>
        public async Task DroppedAsync(string reason, CancellationToken cancellationToken)
        {
            _outageFrom ??= _newestAny;
            _awaitingFirstTrade = _started;
            await _events.WriteAsync(new IngestionEvent(IngestionEventTypes.StreamConnection, "warning", stream.Name, null, Timeframe.ToString(),
                $"tick bridge: stream dropped after the trade of {_newestAny?.ToString("O", System.Globalization.CultureInfo.InvariantCulture) ?? "(none yet)"}: {reason}"), cancellationToken).ConfigureAwait(false);
        }

        /// <summary>Hands the batch to the sink (retrying with backoff until it takes it), then repairs the marked bars that are final.</summary>
        public async Task FlushAsync(CancellationToken cancellationToken)
        {
            if (_batch.Count == 0)
            {
                return;
            }

            var batch = _batch;
            _batch = [];
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    await bridge._sink.SendAsync(batch, cancellationToken).ConfigureAwait(false);
                    break;
                }
                catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
                {
                    bridge._metrics.BridgeSinkFailed(stream.Name);
                    bridge._logger.LogWarning(ex, "Tick bridge: sink {Sink} refused a batch of {Count} trades of {Stream} (attempt {Attempt}); retrying", bridge._sink.Name, batch.Count, stream.Name, attempt);
                    await Task.Delay(bridge.Backoff(attempt), bridge._time, cancellationToken).ConfigureAwait(false);
                }
            }

            var lateness = bridge._ticks.AllowedLateness + bridge._options.RepairDelay;
            var final = repairs.TakeClosed((symbol, bucket) => _newest.TryGetValue(symbol, out var newest) && bucket + Timeframe.Duration <= newest - lateness);
            if (final.Count > 0)
            {
                await repairs.RepairBarsAsync(final, cancellationToken).ConfigureAwait(false);
            }

            // Counted once the batch and the repairs it made due are done (what a reader of the counters can rely on).
            bridge._metrics.BridgeBatchSent(stream.Name, batch.Count);
        }

        /// <summary>A replay ended: repair an outage it ended in, and every marked bar (no trade can reach them any more).</summary>
        public async Task FinishAsync(CancellationToken cancellationToken)
        {
            if (_outageFrom is { } from && _lastDisconnect is { } until)
            {
                await repairs.RepairUntilEndAsync(instruments, from, until, cancellationToken).ConfigureAwait(false);
            }

            await repairs.RepairBarsAsync(repairs.TakeClosed((_, _) => true), cancellationToken).ConfigureAwait(false);
        }
    }
}
