using System.Collections.Concurrent;
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
/// state even when every tick was a duplicate, which repairs a crash between the state and the bar write; a bar whose
/// ticks were all late is not touched (a stream's REST repair may have replaced it since).</para>
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
    private readonly ITickBatchObserver? _observer;
    private readonly TickStateCache _cache;
    private readonly JsonElement _watermarkInputs;
    private readonly ConcurrentDictionary<Symbol, (JsonElement Inputs, string Partition)> _symbolKeys = new();

    public TickBatchProcessor(IRawArchive archive, IBarStore bars, IRecordStore records, TimeProvider timeProvider, TickBatchOptions? options = null, IngestionMetrics? metrics = null, ITickBatchObserver? observer = null)
    {
        _archive = archive ?? throw new ArgumentNullException(nameof(archive));
        _bars = bars ?? throw new ArgumentNullException(nameof(bars));
        _records = records ?? throw new ArgumentNullException(nameof(records));
        _time = timeProvider ?? throw new ArgumentNullException(nameof(timeProvider));
        _options = options ?? new TickBatchOptions();
        _options.Validate();
        _metrics = metrics;
        _observer = observer;
        _cache = new TickStateCache(_options.StateCacheCapacity);
        _watermarkInputs = JsonSerializer.SerializeToElement(new { source = _options.Source });
    }

    public TickBatchOptions Options => _options;

    public async Task<TickBatchResult> ProcessAsync(IReadOnlyList<string> messages, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var parsed = TickBatchBuffers.RentTicks();
        try
        {
            return await ProcessParsedAsync(messages, parsed, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            TickBatchBuffers.Return(parsed);
        }
    }

    private async Task<TickBatchResult> ProcessParsedAsync(IReadOnlyList<string> messages, List<(int Index, Tick Tick)> parsed, CancellationToken cancellationToken)
    {
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
        RawArchiveEntry archived;
        var content = TickBatchBuffers.WriteArchive(messages);
        try
        {
            archived = await _archive.AppendAsync(new RawPayload(_options.Source, Dataset, receivedAt, content.WrittenMemory,
                "application/json", $"event hub batch of {messages.Count} messages", _options.CodeVersion), cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            TickBatchBuffers.Return(content);
        }

        var rejectedKey = await ArchiveRejectionsAsync(archived, messages, rejections, cancellationToken).ConfigureAwait(false);

        var (bars, symbols, barOf) = Index(parsed);
        await LoadAsync(bars, symbols, cancellationToken).ConfigureAwait(false);
        Decide(parsed, barOf, rejections);
        var changed = bars.FindAll(static b => b.AcceptedCount > 0);
        var states = changed.ConvertAll(b => Envelope(b, b.Stored, b.Merge!));
        var advanced = AdvancedWatermarks(symbols);
        var watermarks = advanced.ConvertAll(s => Watermark(s.Symbol, s.StoredWatermark, s.Newest!.Value));
        var provenance = new BarProvenance(_options.Source, _options.CodeVersion, archived.Key);
        int acceptedCount, written;
        if (await TryStoreInOneTransactionAsync(bars, changed, states, advanced, watermarks, provenance, cancellationToken).ConfigureAwait(false) is { } stored)
        {
            (acceptedCount, written) = stored;
        }
        else
        {
            acceptedCount = await StoreStatesAsync(bars, changed, states, parsed, rejections, cancellationToken).ConfigureAwait(false);
            written = await WriteBarsAsync(bars, provenance, cancellationToken).ConfigureAwait(false);
            await AdvanceWatermarksAsync(advanced, watermarks, cancellationToken).ConfigureAwait(false);
        }

        // Only now, with states, bars and watermarks all written: a batch that fails part-way leaves the cache as it was,
        // one write behind the store, which the conditional writes of the next batch detect.
        Remember(bars, symbols);
        if (_observer is not null)
        {
            var refused = rejections.Where(r => r.Reason != RejectReasons.Duplicate).Select(r => r.Index).ToHashSet();
            var trades = parsed.Where(p => !refused.Contains(p.Index)).Select(p => p.Tick).ToList();
            if (trades.Count > 0)
            {
                await _observer.TradesStoredAsync(trades, cancellationToken).ConfigureAwait(false);
            }
        }

        rejections.Sort((a, b) => a.Index.CompareTo(b.Index));
        Count(acceptedCount, rejections, written);
        return new TickBatchResult(archived.Key, messages.Count, acceptedCount, rejections, written, rejectedKey);
    }

    /// <summary>The bars and symbols the batch touches, in order of first appearance, and each parsed tick's bar.</summary>
    private (List<BarWork> Bars, List<SymbolWork> Symbols, BarWork[] BarOf) Index(List<(int Index, Tick Tick)> parsed)
    {
        var bars = new List<BarWork>();
        var symbols = new List<SymbolWork>();
        var barIndex = new Dictionary<(Symbol, DateTime), BarWork>();
        var symbolIndex = new Dictionary<Symbol, SymbolWork>();
        var barOf = new BarWork[parsed.Count];
        // One array for every bar's accepted positions (each bar chains its own), not a growing list per bar.
        var acceptedChain = GC.AllocateUninitializedArray<int>(parsed.Count);
        for (var i = 0; i < parsed.Count; i++)
        {
            var tick = parsed[i].Tick;
            var key = (tick.Symbol, _options.Timeframe.BucketStart(tick.Timestamp));
            if (!barIndex.TryGetValue(key, out var bar))
            {
                if (!symbolIndex.TryGetValue(tick.Symbol, out var symbol))
                {
                    var keys = SymbolKeys(tick.Symbol);
                    symbolIndex[tick.Symbol] = symbol = new SymbolWork(tick.Symbol, keys.Inputs, keys.Partition);
                    symbols.Add(symbol);
                }

                barIndex[key] = bar = new BarWork(symbol, key.Item2, symbol.Partition, TickStreamRecords.BarId(key.Item2), acceptedChain);
                bars.Add(bar);
            }

            barOf[i] = bar;
        }

        return (bars, symbols, barOf);
    }

    /// <summary>
    /// Every touched bar's state and every symbol's watermark: from the cache of this processor's own writes, else read
    /// once (one round trip each where the store allows).
    /// </summary>
    private async Task LoadAsync(List<BarWork> bars, List<SymbolWork> symbols, CancellationToken cancellationToken)
    {
        var unread = new List<BarWork>();
        foreach (var bar in bars)
        {
            if (_cache.State(bar.Partition, bar.Id) is { } cached)
            {
                bar.Stored = cached;
                bar.FromCache = true;
            }
            else
            {
                unread.Add(bar);
            }
        }

        if (unread.Count > 0)
        {
            var states = await _records.ReadManyAsync<TickBarState>(TickStreamRecords.BarState, unread.ConvertAll(b => (b.Partition, b.Id)), cancellationToken).ConfigureAwait(false);
            for (var i = 0; i < unread.Count; i++)
            {
                unread[i].Stored = states[i];
            }
        }

        foreach (var bar in bars)
        {
            bar.Merge = bar.Stored is { } stored ? BarMerge.From(stored.Payload, _options) : new BarMerge(bar.OpenTime, NewIds());
        }

        var unreadSymbols = new List<SymbolWork>();
        foreach (var symbol in symbols)
        {
            if (_cache.TryGetWatermark(symbol.Symbol.Value, out var cached))
            {
                symbol.StoredWatermark = cached.Stored;
                symbol.Newest = cached.Newest;
            }
            else
            {
                unreadSymbols.Add(symbol);
            }
        }

        if (unreadSymbols.Count > 0)
        {
            var watermarks = await _records.ReadManyAsync<DateTime>(TickStreamRecords.Watermark, unreadSymbols.ConvertAll(s => (_options.Source, s.Symbol.Value)), cancellationToken).ConfigureAwait(false);
            for (var i = 0; i < unreadSymbols.Count; i++)
            {
                unreadSymbols[i].StoredWatermark = watermarks[i];
                unreadSymbols[i].Newest = watermarks[i]?.Payload;
            }
        }
    }

    /// <summary>
    /// After a batch fully stored: the state of every bar it wrote (so the state's bar is known written) and every
    /// symbol's watermark, for the next batch.
    /// </summary>
    private void Remember(List<BarWork> bars, List<SymbolWork> symbols)
    {
        if (!_cache.Enabled)
        {
            return;
        }

        foreach (var bar in bars)
        {
            if (bar.Rewrite && (bar.Written ?? bar.Stored) is { } state)
            {
                _cache.Put(state);
            }
        }

        foreach (var symbol in symbols)
        {
            if (symbol.StoredWatermark is { } watermark)
            {
                _cache.Put(symbol.Symbol.Value, watermark, symbol.Newest is { } newest && newest > watermark.Payload ? newest : watermark.Payload);
            }
        }
    }

    /// <summary>
    /// Verdicts in arrival order, the rules of <see cref="TickAggregator"/> continued from the stored state: a trade id
    /// its bar already holds (stored or earlier in the batch) is a duplicate; a tick whose minute ended at or before the
    /// symbol's newest accepted tick minus the allowed lateness is late; otherwise it is folded into its bar.
    /// </summary>
    private void Decide(List<(int Index, Tick Tick)> parsed, BarWork[] barOf, List<TickRejection> rejections)
    {
        var lateness = _options.AllowedLateness;
        for (var i = 0; i < parsed.Count; i++)
        {
            var (index, tick) = parsed[i];
            var bar = barOf[i];
            var symbol = bar.Symbol;
            if (bar.Merge!.Ids.Contains(tick.TradeId))
            {
                // A state read from the store may be ahead of its bar (a crash between the two writes): re-writing the bar
                // repairs that. A cached state had its bar written by this process, and may be behind the store (another
                // consumer wrote since), so it never drives the unconditional bar write on its own.
                bar.Rewrite |= !bar.FromCache;
                rejections.Add(new TickRejection(index, RejectReasons.Duplicate, $"trade {tick.TradeId} of {tick.Symbol} is already in its bar"));
                continue;
            }

            var minuteEnd = Timeframe.OneMinute.BucketStart(tick.Timestamp) + TimeSpan.FromMinutes(1);
            if (symbol.Newest is { } newest && minuteEnd <= newest - lateness)
            {
                rejections.Add(new TickRejection(index, RejectReasons.Late, $"its minute ended before the watermark of {tick.Symbol}"));
                continue;
            }

            if (!bar.Merge.TryAdd(tick))
            {
                rejections.Add(new TickRejection(index, RejectReasons.Overflow, $"its bar holds {_options.MaxTextIdsPerBar} text trade ids already"));
                continue;
            }

            bar.Accept(i);
            bar.Rewrite = true;
            if (symbol.Newest is not { } n || tick.Timestamp > n)
            {
                symbol.Newest = tick.Timestamp;
            }
        }
    }

    /// <summary>
    /// One conditional write per bar that gained ticks, all in one call; a bar another writer changed since it was read
    /// is re-read and re-merged (its ticks that writer stored are duplicates after all). Returns the ticks stored.
    /// </summary>
    private async Task<int> StoreStatesAsync(List<BarWork> bars, List<BarWork> changed, List<RecordEnvelope<TickBarState>> states, List<(int Index, Tick Tick)> parsed, List<TickRejection> rejections, CancellationToken cancellationToken)
    {
        var results = await _records.TryWriteManyAsync(states, cancellationToken).ConfigureAwait(false);
        var accepted = 0;
        for (var i = 0; i < changed.Count; i++)
        {
            var bar = changed[i];
            if (results[i] is { } written)
            {
                bar.Written = written;
                bar.Final = written.Payload;
                accepted += bar.AcceptedCount;
                continue;
            }

            var skipped = new List<TickRejection>();
            var state = await _records.UpdateAsync<TickBarState>(TickStreamRecords.BarState, bar.Partition, bar.Id, current => Remerge(bar, parsed, current, skipped), cancellationToken: cancellationToken).ConfigureAwait(false);
            bar.Written = state;
            bar.Final = state.Payload;
            rejections.AddRange(skipped);
            accepted += bar.AcceptedCount - skipped.Count;
        }

        foreach (var bar in bars)
        {
            bar.Final ??= bar.Stored?.Payload;
        }

        return accepted;
    }

    /// <summary>The conflict path: this batch's accepted ticks of one bar folded into the state a concurrent writer left.</summary>
    private RecordEnvelope<TickBarState> Remerge(BarWork bar, List<(int Index, Tick Tick)> parsed, RecordEnvelope<TickBarState>? current, List<TickRejection> skipped)
    {
        skipped.Clear();
        var merge = current is null ? new BarMerge(bar.OpenTime, NewIds()) : BarMerge.From(current.Payload, _options);
        for (var position = bar.FirstAccepted; position >= 0; position = bar.NextAccepted(position))
        {
            var (index, tick) = parsed[position];
            if (merge.Ids.Contains(tick.TradeId))
            {
                skipped.Add(new TickRejection(index, RejectReasons.Duplicate, "trade id was counted by a concurrent writer"));
            }
            else if (!merge.TryAdd(tick))
            {
                skipped.Add(new TickRejection(index, RejectReasons.Overflow, $"its bar holds {_options.MaxTextIdsPerBar} text trade ids already"));
            }
        }

        return Envelope(bar, current, merge);
    }

    private RecordEnvelope<TickBarState> Envelope(BarWork bar, RecordEnvelope<TickBarState>? current, BarMerge merge) =>
        new(bar.Id, bar.Partition, TickStreamRecords.BarState, current?.CreatedAt ?? _time.GetUtcNow(), bar.Symbol.Inputs, _options.CodeVersion, "active", merge.ToState())
        {
            TimeToLive = _options.StateRetention,
            ETag = current?.ETag,
        };

    /// <summary>
    /// Where the bar store and the record store are one database (embedded SQLite): the batch's states, watermarks and
    /// bars in one transaction, one commit. Null when they are not, or when a state or watermark changed since it was read
    /// (nothing is written then, and the separate writes below resolve the conflict record by record). Returns the ticks
    /// stored and the bars written.
    /// </summary>
    private async Task<(int Accepted, int Written)?> TryStoreInOneTransactionAsync(List<BarWork> bars, List<BarWork> changed, List<RecordEnvelope<TickBarState>> states,
        List<SymbolWork> advanced, List<RecordEnvelope<DateTime>> watermarks, BarProvenance provenance, CancellationToken cancellationToken)
    {
        // The bars as they will be once the states are written: the states' payloads, else the stored ones.
        for (var i = 0; i < changed.Count; i++)
        {
            changed[i].Final = states[i].Payload;
        }

        foreach (var bar in bars)
        {
            bar.Final ??= bar.Stored?.Payload;
        }

        var series = Series(bars);
        var committed = await _bars.TryUpsertManyWithRecordsAsync(_options.Timeframe, series, provenance, _records, states, watermarks, cancellationToken).ConfigureAwait(false);
        if (committed is null)
        {
            return null;
        }

        var accepted = 0;
        for (var i = 0; i < changed.Count; i++)
        {
            changed[i].Written = committed.First[i];
            accepted += changed[i].AcceptedCount;
        }

        for (var i = 0; i < advanced.Count; i++)
        {
            advanced[i].StoredWatermark = committed.Second[i];
        }

        NewestBars(series);
        return (accepted, committed.BarsWritten);
    }

    /// <summary>Every touched bar that has a state, re-written from it (which also repairs a crash between the two writes), in one call.</summary>
    private async Task<int> WriteBarsAsync(List<BarWork> bars, BarProvenance provenance, CancellationToken cancellationToken)
    {
        var series = Series(bars);
        var written = await _bars.UpsertManyAsync(_options.Timeframe, series, provenance, cancellationToken).ConfigureAwait(false);
        NewestBars(series);
        return written;
    }

    /// <summary>
    /// The bars to write, by symbol in ordinal order, each symbol's by open time: every touched bar with a state that gained
    /// ticks or came back (<see cref="BarWork.Rewrite"/>). One array holds them all and each symbol's series is a segment of
    /// it (a batch over 100 symbols built a sorted dictionary and a list per symbol before).
    /// </summary>
    private static List<(Symbol Symbol, IReadOnlyList<Bar> Bars)> Series(List<BarWork> bars)
    {
        var rewritten = bars.FindAll(static b => b.Final is not null && b.Rewrite);
        rewritten.Sort(static (a, b) => a.Symbol.Symbol.CompareTo(b.Symbol.Symbol) is var bySymbol and not 0 ? bySymbol : a.OpenTime.CompareTo(b.OpenTime));
        var all = new Bar[rewritten.Count];
        var series = new List<(Symbol Symbol, IReadOnlyList<Bar> Bars)>();
        var start = 0;
        for (var i = 0; i < all.Length; i++)
        {
            all[i] = rewritten[i].Final!.ToBar();
            if (i + 1 == all.Length || rewritten[i + 1].Symbol.Symbol != rewritten[i].Symbol.Symbol)
            {
                series.Add((rewritten[i].Symbol.Symbol, new ArraySegment<Bar>(all, start, i + 1 - start)));
                start = i + 1;
            }
        }

        return series;
    }

    private void NewestBars(List<(Symbol Symbol, IReadOnlyList<Bar> Bars)> series)
    {
        foreach (var (symbol, list) in series)
        {
            _metrics?.NewestBar(_options.Source, symbol, _options.Timeframe, list[^1].OpenTime);
        }
    }

    /// <summary>
    /// Each symbol's newest accepted tick time, moved forward only, with the ETag of the read; a conflict re-reads and
    /// keeps the later time. With the state cache on, a symbol's stored watermark is written when its newest tick enters a
    /// later bar than the stored one (once per bar, not per batch); the processor itself decides from the newest it keeps
    /// in memory, so only a consumer that starts afresh (a restart, a moved partition) sees the stored one, at most one bar
    /// behind: its lateness horizon is then up to one bar wider until the next write, and a re-delivered trade is still a
    /// duplicate by its bar's state.
    /// </summary>
    private async Task AdvanceWatermarksAsync(List<SymbolWork> advanced, List<RecordEnvelope<DateTime>> watermarks, CancellationToken cancellationToken)
    {
        var results = await _records.TryWriteManyAsync(watermarks, cancellationToken).ConfigureAwait(false);
        for (var i = 0; i < advanced.Count; i++)
        {
            if (results[i] is { } written)
            {
                advanced[i].StoredWatermark = written;
            }
            else
            {
                var (symbol, time) = (advanced[i].Symbol, advanced[i].Newest!.Value);
                advanced[i].StoredWatermark = await _records.UpdateAsync<DateTime>(TickStreamRecords.Watermark, _options.Source, symbol.Value,
                    current => current is not null && current.Payload >= time ? current : Watermark(symbol, current, time), cancellationToken: cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>The symbols whose stored watermark is to move (see <see cref="AdvanceWatermarksAsync"/> for when).</summary>
    private List<SymbolWork> AdvancedWatermarks(List<SymbolWork> symbols)
    {
        var timeframe = _options.Timeframe;
        return symbols.FindAll(s => s.Newest is { } n && (s.StoredWatermark is not { } stored
            || (n > stored.Payload && (!_cache.Enabled || timeframe.BucketStart(n) > timeframe.BucketStart(stored.Payload)))));
    }

    private RecordEnvelope<DateTime> Watermark(Symbol symbol, RecordEnvelope<DateTime>? current, DateTime time) =>
        new(symbol.Value, _options.Source, TickStreamRecords.Watermark, current?.CreatedAt ?? _time.GetUtcNow(),
            _watermarkInputs, _options.CodeVersion, "active", time)
        { ETag = current?.ETag };

    /// <summary>A symbol's state inputs and partition, built once per symbol (a few thousand at most are kept).</summary>
    private (JsonElement Inputs, string Partition) SymbolKeys(Symbol symbol)
    {
        if (_symbolKeys.TryGetValue(symbol, out var keys))
        {
            return keys;
        }

        keys = (JsonSerializer.SerializeToElement(new { source = _options.Source, symbol = symbol.Value, timeframe = _options.Timeframe.ToString() }),
            TickStreamRecords.BarPartition(_options.Source, symbol, _options.Timeframe));
        if (_symbolKeys.Count < 16_384)
        {
            _symbolKeys.TryAdd(symbol, keys);
        }

        return keys;
    }

    private TradeIdSet NewIds() => new(_options.MaxIdRangesPerBar, _options.MaxTextIdsPerBar);

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
        var entry = await _archive.AppendAsync(new RawPayload(_options.Source, RejectedDataset, batch.ReceivedAt, content, "application/json", batch.Key, _options.CodeVersion), cancellationToken).ConfigureAwait(false);
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

    private sealed class SymbolWork(Symbol symbol, JsonElement inputs, string partition)
    {
        public Symbol Symbol { get; } = symbol;

        public JsonElement Inputs { get; } = inputs;

        /// <summary>The partition of the symbol's bar states.</summary>
        public string Partition { get; } = partition;

        public RecordEnvelope<DateTime>? StoredWatermark { get; set; }

        /// <summary>The newest accepted tick time: stored, then advanced by this batch.</summary>
        public DateTime? Newest { get; set; }
    }

    private sealed class BarWork(SymbolWork symbol, DateTime openTime, string partition, string id, int[] acceptedChain)
    {
        public SymbolWork Symbol { get; } = symbol;

        public DateTime OpenTime { get; } = openTime;

        public string Partition { get; } = partition;

        public string Id { get; } = id;

        public RecordEnvelope<TickBarState>? Stored { get; set; }

        /// <summary>Whether <see cref="Stored"/> came from this processor's cache rather than a read.</summary>
        public bool FromCache { get; set; }

        /// <summary>The state as this batch wrote it, with its new ETag.</summary>
        public RecordEnvelope<TickBarState>? Written { get; set; }

        /// <summary>The stored state with this batch's accepted ticks folded in.</summary>
        public BarMerge? Merge { get; set; }

        private int _lastAccepted = -1;

        /// <summary>How many of the batch's parsed ticks this bar accepted.</summary>
        public int AcceptedCount { get; private set; }

        /// <summary>The position in the batch's parsed ticks of the first tick this bar accepted; -1 for none.</summary>
        public int FirstAccepted { get; private set; } = -1;

        /// <summary>The position of the tick this bar accepted after the one at <paramref name="position"/>; -1 after the last.</summary>
        public int NextAccepted(int position) => position == _lastAccepted ? -1 : acceptedChain[position];

        /// <summary>Records the tick at <paramref name="position"/> as accepted, after the ones before it (positions ascend).</summary>
        public void Accept(int position)
        {
            if (_lastAccepted < 0)
            {
                FirstAccepted = position;
            }
            else
            {
                acceptedChain[_lastAccepted] = position;
            }

            _lastAccepted = position;
            AcceptedCount++;
        }

        /// <summary>
        /// Whether the bar is written: it gained ticks, or a tick came back (a re-delivery, which repairs a crash between the
        /// state and the bar write). Ticks that were all late leave it alone: it may have been repaired from REST since.
        /// </summary>
        public bool Rewrite { get; set; }

        /// <summary>The state as written (or as stored when the batch added nothing): what the bar is written from.</summary>
        public TickBarState? Final { get; set; }
    }
}
