using System.Text.Json;
using MarketIntel.Core.Market;
using MarketIntel.Core.Storage;
using MarketIntel.Ingestion.Metrics;
using MarketIntel.Ingestion.Providers;

namespace MarketIntel.Ingestion.Streaming;

/// <summary>
/// Turns one Event Hub batch of JSON tick messages (<see cref="TickMessageFormat"/>) into stored bars, exactly once per
/// trade although Event Hubs delivers at least once.
/// </summary>
/// <remarks>
/// <para>Order of work: archive the raw batch (content-addressed, so a re-delivered batch finds its first copy); parse
/// every message, rejecting malformed and invalid ones with their index and reason (archived together as a second
/// payload, counted, never failing the batch); decide each tick's verdict; merge the accepted ticks into each bar's
/// stored merge state; upsert every bar the batch touched from that state; advance each symbol's watermark.</para>
/// <para>At-least-once: a bar's merge state (<see cref="TickBarState"/>) keeps the trade ids it holds, so a tick already
/// counted is a <c>duplicate</c> however it comes back (a re-delivered batch, overlapping batches, a producer retry).
/// States are written with ETags and a conflicting writer re-reads and re-merges, so concurrent consumers of one
/// symbol (a partition moving between instances) never lose or double-count a trade. Bars are re-written from the
/// state even when every tick was a duplicate, which repairs a crash between the state and the bar write.</para>
/// <para>Lateness follows <see cref="TickAggregator"/> with the symbol's stored watermark as the starting point: a tick
/// whose 1-minute bar ended at or before (newest accepted tick - allowed lateness) is <c>late</c>. Within the allowed
/// lateness, out-of-order ticks revise their (already stored) bar, open and close chosen by tick time as if all ticks
/// had arrived in one stream. States expire after <see cref="TickBatchOptions.StateRetention"/>; a tick re-delivered
/// after that is late, so still not counted twice.</para>
/// </remarks>
public sealed class TickBatchProcessor
{
    private const string Dataset = "ticks";
    private const string RejectedDataset = "ticks-rejected";
    private readonly IRawArchive _archive;
    private readonly IBarStore _bars;
    private readonly IRecordStore _records;
    private readonly TimeProvider _time;
    private readonly TickBatchOptions _options;
    private readonly IngestionMetrics? _metrics;

    public TickBatchProcessor(IRawArchive archive, IBarStore bars, IRecordStore records, TimeProvider timeProvider, TickBatchOptions? options = null, IngestionMetrics? metrics = null)
    {
        _archive = archive ?? throw new ArgumentNullException(nameof(archive));
        _bars = bars ?? throw new ArgumentNullException(nameof(bars));
        _records = records ?? throw new ArgumentNullException(nameof(records));
        _time = timeProvider ?? throw new ArgumentNullException(nameof(timeProvider));
        _options = options ?? new TickBatchOptions();
        _options.Validate();
        _metrics = metrics;
    }

    public TickBatchOptions Options => _options;

    public async Task<TickBatchResult> ProcessAsync(IReadOnlyList<string> messages, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var parsed = new List<(int Index, Tick Tick)>(messages.Count);
        var rejections = new List<TickRejection>();
        for (var i = 0; i < messages.Count; i++)
        {
            if (TickMessageFormat.TryParse(messages[i], out var tick, out var reason, out var detail))
            {
                parsed.Add((i, tick));
            }
            else
            {
                rejections.Add(new TickRejection(i, reason, detail));
            }
        }

        // The archive time comes from the content, so a re-delivered batch gets the same key (and is not stored twice).
        var receivedAt = parsed.Count > 0 ? new DateTimeOffset(parsed.Min(p => p.Tick.Timestamp), TimeSpan.Zero) : _time.GetUtcNow();
        var archived = await _archive.PutAsync(new RawPayload(_options.Source, Dataset, receivedAt, JsonSerializer.SerializeToUtf8Bytes(messages),
            "application/json", $"event hub batch of {messages.Count} messages", _options.CodeVersion), cancellationToken).ConfigureAwait(false);
        var rejectedKey = await ArchiveRejectionsAsync(archived, messages, rejections, cancellationToken).ConfigureAwait(false);

        var stored = await LoadStatesAsync(parsed, cancellationToken).ConfigureAwait(false);
        var newest = await LoadWatermarksAsync(parsed, cancellationToken).ConfigureAwait(false);
        var accepted = Decide(parsed, stored, newest, rejections);

        var barsBySymbol = new SortedDictionary<Symbol, List<Bar>>();
        var acceptedCount = 0;
        foreach (var (key, ticks) in accepted)
        {
            var state = stored[key];
            if (ticks.Count > 0)
            {
                var skipped = new List<int>();
                state = await _records.UpdateAsync<TickBarState>(TickStreamRecords.BarState, TickStreamRecords.BarPartition(_options.Source, key.Symbol, _options.Timeframe),
                    TickStreamRecords.BarId(key.OpenTime), current => Merge(current, key, ticks, skipped), cancellationToken: cancellationToken).ConfigureAwait(false);

                // Ticks another writer stored between our read and our write are duplicates after all.
                foreach (var index in skipped)
                {
                    rejections.Add(new TickRejection(index, RejectReasons.Duplicate, "trade id was counted by a concurrent writer"));
                }

                acceptedCount += ticks.Count - skipped.Count;
            }

            if (state is not null)
            {
                if (!barsBySymbol.TryGetValue(key.Symbol, out var list))
                {
                    barsBySymbol[key.Symbol] = list = [];
                }

                list.Add(state.Payload.ToBar());
            }
        }

        var written = 0;
        var provenance = new BarProvenance(_options.Source, _options.CodeVersion, archived.Key);
        foreach (var (symbol, list) in barsBySymbol)
        {
            list.Sort((a, b) => a.OpenTime.CompareTo(b.OpenTime));
            written += await _bars.UpsertAsync(symbol, _options.Timeframe, list, provenance, cancellationToken).ConfigureAwait(false);
            _metrics?.NewestBar(_options.Source, symbol, _options.Timeframe, list[^1].OpenTime);
        }

        await AdvanceWatermarksAsync(accepted, cancellationToken).ConfigureAwait(false);
        rejections.Sort((a, b) => a.Index.CompareTo(b.Index));
        Count(acceptedCount, rejections, written);
        return new TickBatchResult(archived.Key, messages.Count, acceptedCount, rejections, written, rejectedKey);
    }

    /// <summary>Verdicts in arrival order: stored duplicates and stored lateness first, then the aggregator's rules within the batch.</summary>
    private Dictionary<(Symbol Symbol, DateTime OpenTime), List<(int Index, Tick Tick)>> Decide(
        List<(int Index, Tick Tick)> parsed, Dictionary<(Symbol Symbol, DateTime OpenTime), RecordEnvelope<TickBarState>?> stored,
        Dictionary<Symbol, DateTime> newest, List<TickRejection> rejections)
    {
        var lateness = _options.AllowedLateness;
        var aggregator = new TickAggregator(new TickAggregatorOptions { Timeframes = [_options.Timeframe], AllowedLateness = lateness }, NoSink.Instance);
        var storedIds = new Dictionary<(Symbol, DateTime), HashSet<string>>();
        var accepted = new Dictionary<(Symbol Symbol, DateTime OpenTime), List<(int Index, Tick Tick)>>();
        foreach (var (index, tick) in parsed)
        {
            var key = (tick.Symbol, _options.Timeframe.BucketStart(tick.Timestamp));
            if (!accepted.TryGetValue(key, out var list))
            {
                accepted[key] = list = [];
            }

            if (!storedIds.TryGetValue(key, out var ids))
            {
                storedIds[key] = ids = stored[key] is { } s ? new HashSet<string>(s.Payload.TradeIds, StringComparer.Ordinal) : [];
            }

            var minuteEnd = Timeframe.OneMinute.BucketStart(tick.Timestamp) + TimeSpan.FromMinutes(1);
            if (ids.Contains(tick.TradeId.ToString()))
            {
                rejections.Add(new TickRejection(index, RejectReasons.Duplicate, $"trade {tick.TradeId} of {tick.Symbol} is already in its stored bar"));
                continue;
            }

            if (newest.TryGetValue(tick.Symbol, out var n) && minuteEnd <= n - lateness)
            {
                rejections.Add(new TickRejection(index, RejectReasons.Late, $"its minute ended before the stored watermark of {tick.Symbol}"));
                continue;
            }

            switch (aggregator.Offer(tick))
            {
                case TickVerdict.Accepted:
                    list.Add((index, tick));
                    break;
                case TickVerdict.Duplicate:
                    rejections.Add(new TickRejection(index, RejectReasons.Duplicate, $"trade {tick.TradeId} of {tick.Symbol} is repeated in the batch"));
                    break;
                case TickVerdict.Late:
                    rejections.Add(new TickRejection(index, RejectReasons.Late, $"its minute ended before the watermark of {tick.Symbol} in this batch"));
                    break;
                default:
                    rejections.Add(new TickRejection(index, RejectReasons.Invalid, "rejected by the aggregator"));
                    break;
            }
        }

        return accepted;
    }

    /// <summary>Folds ticks (arrival order) into the stored state exactly as <see cref="TickAggregator"/> builds a bar; skips ids already held.</summary>
    private RecordEnvelope<TickBarState> Merge(RecordEnvelope<TickBarState>? current, (Symbol Symbol, DateTime OpenTime) key, List<(int Index, Tick Tick)> ticks, List<int> skipped)
    {
        skipped.Clear();
        var state = current?.Payload;
        var ids = new List<string>(state?.TradeIds ?? []);
        var seen = new HashSet<string>(ids, StringComparer.Ordinal);
        foreach (var (index, tick) in ticks)
        {
            var id = tick.TradeId.ToString();
            if (!seen.Add(id))
            {
                skipped.Add(index);
                continue;
            }

            ids.Add(id);
            var (ts, price) = (tick.Timestamp, tick.Price);
            state = state is null
                ? new TickBarState(key.OpenTime, price, ts, price, price, price, ts, tick.Size, 1, ids)
                : state with
                {
                    Open = ts < state.OpenTickTime ? price : state.Open,
                    OpenTickTime = ts < state.OpenTickTime ? ts : state.OpenTickTime,
                    High = Math.Max(state.High, price),
                    Low = Math.Min(state.Low, price),
                    Close = ts >= state.CloseTickTime ? price : state.Close,
                    CloseTickTime = ts >= state.CloseTickTime ? ts : state.CloseTickTime,
                    Volume = state.Volume + tick.Size,
                    Trades = state.Trades + 1,
                };
        }

        state = state! with { TradeIds = ids };
        var inputs = JsonSerializer.SerializeToElement(new { source = _options.Source, symbol = key.Symbol.Value, timeframe = _options.Timeframe.ToString() });
        return new RecordEnvelope<TickBarState>(TickStreamRecords.BarId(key.OpenTime), TickStreamRecords.BarPartition(_options.Source, key.Symbol, _options.Timeframe),
            TickStreamRecords.BarState, current?.CreatedAt ?? _time.GetUtcNow(), inputs, _options.CodeVersion, "active", state)
        { TimeToLive = _options.StateRetention };
    }

    private async Task<Dictionary<(Symbol Symbol, DateTime OpenTime), RecordEnvelope<TickBarState>?>> LoadStatesAsync(List<(int Index, Tick Tick)> parsed, CancellationToken cancellationToken)
    {
        var states = new Dictionary<(Symbol Symbol, DateTime OpenTime), RecordEnvelope<TickBarState>?>();
        foreach (var (_, tick) in parsed)
        {
            var key = (tick.Symbol, _options.Timeframe.BucketStart(tick.Timestamp));
            if (!states.ContainsKey(key))
            {
                states[key] = await _records.GetAsync<TickBarState>(TickStreamRecords.BarState, TickStreamRecords.BarPartition(_options.Source, key.Symbol, _options.Timeframe),
                    TickStreamRecords.BarId(key.Item2), cancellationToken).ConfigureAwait(false);
            }
        }

        return states;
    }

    private async Task<Dictionary<Symbol, DateTime>> LoadWatermarksAsync(List<(int Index, Tick Tick)> parsed, CancellationToken cancellationToken)
    {
        var newest = new Dictionary<Symbol, DateTime>();
        foreach (var symbol in parsed.Select(p => p.Tick.Symbol).Distinct())
        {
            if (await _records.GetAsync<DateTime>(TickStreamRecords.Watermark, _options.Source, symbol.Value, cancellationToken).ConfigureAwait(false) is { } record)
            {
                newest[symbol] = record.Payload;
            }
        }

        return newest;
    }

    private async Task AdvanceWatermarksAsync(Dictionary<(Symbol Symbol, DateTime OpenTime), List<(int Index, Tick Tick)>> accepted, CancellationToken cancellationToken)
    {
        var newest = new Dictionary<Symbol, DateTime>();
        foreach (var ((symbol, _), ticks) in accepted)
        {
            foreach (var (_, tick) in ticks)
            {
                if (!newest.TryGetValue(symbol, out var n) || tick.Timestamp > n)
                {
                    newest[symbol] = tick.Timestamp;
                }
            }
        }

        foreach (var (symbol, time) in newest)
        {
            await _records.UpdateAsync<DateTime>(TickStreamRecords.Watermark, _options.Source, symbol.Value, current =>
                current is not null && current.Payload >= time
                    ? current
                    : new RecordEnvelope<DateTime>(symbol.Value, _options.Source, TickStreamRecords.Watermark, current?.CreatedAt ?? _time.GetUtcNow(),
                        JsonSerializer.SerializeToElement(new { source = _options.Source }), _options.CodeVersion, "active", time),
                cancellationToken: cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Malformed and invalid messages with their reasons, as one payload next to the batch (poison messages are kept, not dropped).</summary>
    private async Task<string?> ArchiveRejectionsAsync(RawArchiveEntry batch, IReadOnlyList<string> messages, List<TickRejection> rejections, CancellationToken cancellationToken)
    {
        if (rejections.Count == 0)
        {
            return null;
        }

        var content = JsonSerializer.SerializeToUtf8Bytes(new
        {
            batch = batch.Key,
            rejections = rejections.Select(r => new { index = r.Index, reason = r.Reason, detail = r.Detail, message = messages[r.Index] }),
        });
        var entry = await _archive.PutAsync(new RawPayload(_options.Source, RejectedDataset, batch.ReceivedAt, content, "application/json", batch.Key, _options.CodeVersion), cancellationToken).ConfigureAwait(false);
        return entry.Key;
    }

    private void Count(int accepted, List<TickRejection> rejections, int written)
    {
        if (_metrics is null)
        {
            return;
        }

        _metrics.TicksAccepted(_options.Source, accepted);
        foreach (var group in rejections.GroupBy(r => r.Reason))
        {
            _metrics.TicksRejected(_options.Source, group.Key, group.Count());
        }

        _metrics.BarsAccepted(_options.Source, written);
    }

    private sealed class NoSink : IBarSink
    {
        public static readonly NoSink Instance = new();

        public void OnBarUpdated(in SymbolBar bar)
        {
        }

        public void OnBarClosed(in SymbolBar bar)
        {
        }
    }
}
