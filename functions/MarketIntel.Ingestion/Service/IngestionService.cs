using System.Globalization;
using MarketIntel.Core.Market;
using MarketIntel.Core.Storage;
using MarketIntel.Ingestion.Instruments;
using MarketIntel.Ingestion.Metrics;
using MarketIntel.Ingestion.Providers;
using Polly;

namespace MarketIntel.Ingestion.Service;

/// <summary>
/// Ingests bars from a provider into the stores: resumes each (provider, symbol, timeframe) series at its checkpoint,
/// pages through the range (raw payloads are archived by the provider's HTTP pipeline before they are parsed), upserts
/// the cleaned bars (idempotent by symbol, timeframe and open time), advances the checkpoint after every stored page,
/// then looks for gaps in the stored range (<see cref="GapDetector"/>) and re-fetches them. A series that fails (provider
/// error, open breaker, unparsable payloads) is reported and logged and never stops the others.
/// </summary>
public sealed class IngestionService
{
    private readonly Dictionary<string, IBarProvider> _providers;
    private readonly IBarStore _bars;
    private readonly IngestionMetrics _metrics;
    private readonly TimeProvider _time;
    private readonly IngestionOptions _options;
    private readonly CheckpointStore _checkpoints;
    private readonly IngestionEventLog _events;

    public IngestionService(IEnumerable<IBarProvider> providers, IBarStore bars, IRecordStore records, IngestionMetrics metrics, TimeProvider timeProvider, IngestionOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(providers);
        ArgumentNullException.ThrowIfNull(records);
        _providers = providers.ToDictionary(p => p.Name, StringComparer.OrdinalIgnoreCase);
        _bars = bars ?? throw new ArgumentNullException(nameof(bars));
        _metrics = metrics ?? throw new ArgumentNullException(nameof(metrics));
        _time = timeProvider ?? throw new ArgumentNullException(nameof(timeProvider));
        _options = options ?? new IngestionOptions();
        _checkpoints = new CheckpointStore(records, _time, _options.CodeVersion);
        _events = new IngestionEventLog(records, _time, _options.CodeVersion);
    }

    public CheckpointStore Checkpoints => _checkpoints;

    public IngestionEventLog Events => _events;

    public IReadOnlyCollection<string> ProviderNames => _providers.Keys;

    /// <exception cref="ArgumentException">Unknown provider, unsupported timeframe or a malformed range.</exception>
    public async Task<IngestionReport> IngestAsync(IngestionRequest request, IProgress<IngestionProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var provider = Provider(request.Provider);
        if (!provider.Supports(request.Timeframe))
        {
            throw new ArgumentException($"{provider.Name} does not serve {request.Timeframe} bars.", nameof(request));
        }

        if (request.FromUtc.Kind != DateTimeKind.Utc || request.ToUtc.Kind != DateTimeKind.Utc || request.ToUtc <= request.FromUtc)
        {
            throw new ArgumentException("An ingestion range needs UTC bounds with from < to.", nameof(request));
        }

        if (request.Symbols.Count == 0)
        {
            throw new ArgumentException("An ingestion needs at least one symbol.", nameof(request));
        }

        var to = request.ToUtc;
        if (_options.ClosedBarsOnly)
        {
            var current = request.Timeframe.BucketStart(_time.GetUtcNow().UtcDateTime);
            to = to < current ? to : current;
        }

        var results = new SeriesResult[request.Symbols.Count];
        var tracker = new ProgressTracker(request.Symbols.Count, progress);
        await Parallel.ForEachAsync(
            Enumerable.Range(0, request.Symbols.Count),
            new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, _options.MaxParallelSeries), CancellationToken = cancellationToken },
            async (i, ct) =>
            {
                results[i] = await IngestSeriesAsync(provider, request.Symbols[i], request.Timeframe, request.FromUtc, to, request.IgnoreCheckpoints, tracker.For(i, request.Symbols[i], request.FromUtc, to), ct).ConfigureAwait(false);
                tracker.Done(i);
            }).ConfigureAwait(false);

        var report = new IngestionReport(provider.Name, request.Timeframe.ToString(), request.FromUtc, to, results, _metrics.Snapshot().For(provider.Name));
        var failed = results.Count(r => !r.Completed);
        await _events.WriteAsync(new IngestionEvent(
            IngestionEventTypes.RunCompleted, failed == 0 ? "info" : "warning", provider.Name, null, request.Timeframe.ToString(),
            string.Create(CultureInfo.InvariantCulture, $"{results.Length} series, {failed} incomplete: {report.BarsWritten} bars written, {report.GapsFound} gaps, {report.BarsBackfilled} backfilled"),
            Counts: new Dictionary<string, long>
            {
                ["series"] = results.Length, ["failed"] = failed, ["bars"] = report.BarsWritten, ["gaps"] = report.GapsFound, ["backfilled"] = report.BarsBackfilled,
            }), cancellationToken).ConfigureAwait(false);
        return report;
    }

    /// <summary>
    /// The scheduled ingestion (a timer or Durable activity): brings each series up to <paramref name="untilUtc"/> from
    /// its checkpoint, or from <paramref name="initialLookback"/> before it for a series never ingested, so an outage of any
    /// length is caught up. Series with the same starting point are ingested together; the report lists them all.
    /// </summary>
    public async Task<IngestionReport> IngestSinceCheckpointsAsync(string providerName, IReadOnlyList<string> symbols, Timeframe timeframe, DateTime untilUtc, TimeSpan initialLookback, IProgress<IngestionProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(symbols);
        var provider = Provider(providerName);
        var fallback = timeframe.BucketStart(untilUtc - initialLookback);
        var starts = new List<(string Symbol, DateTime From)>();
        foreach (var symbol in symbols)
        {
            IngestionCheckpoint? checkpoint = null;
            if (TryResolve(provider, symbol) is { } instrument)
            {
                checkpoint = await _checkpoints.GetAsync(provider.Name, instrument.Symbol, timeframe, cancellationToken).ConfigureAwait(false);
            }

            starts.Add((symbol, checkpoint is { } c && c.CompleteUntilUtc < untilUtc ? c.CompleteUntilUtc : checkpoint is null ? fallback : untilUtc));
        }

        var series = new List<SeriesResult>();
        IngestionReport? last = null;
        foreach (var group in starts.Where(s => s.From < untilUtc).GroupBy(s => s.From).OrderBy(g => g.Key))
        {
            last = await IngestAsync(new IngestionRequest(provider.Name, [.. group.Select(g => g.Symbol)], timeframe, group.Key, untilUtc), progress, cancellationToken).ConfigureAwait(false);
            series.AddRange(last.Series);
        }

        var from = starts.Count > 0 ? starts.Min(s => s.From) : untilUtc;
        return new IngestionReport(provider.Name, timeframe.ToString(), from < untilUtc ? from : untilUtc, untilUtc, series, last?.Metrics ?? _metrics.Snapshot().For(provider.Name));
    }

    /// <summary>Re-fetches one range of one series (a backfill activity); returns the bars written. Does not move the checkpoint.</summary>
    public async Task<long> BackfillAsync(string providerName, string symbol, Timeframe timeframe, DateTime fromUtc, DateTime toUtc, CancellationToken cancellationToken = default)
    {
        var provider = Provider(providerName);
        var instrument = provider.Resolve(symbol);
        var fetched = await FetchRangeAsync(provider, instrument, timeframe, fromUtc, toUtc, advanceCheckpoint: false, null, cancellationToken).ConfigureAwait(false);
        if (fetched.Error is not null)
        {
            throw new InvalidOperationException($"Backfill of {instrument.Symbol} {timeframe} from {provider.Name} failed: {fetched.Error}");
        }

        return fetched.BarsWritten;
    }

    /// <summary>The instrument, or null for a symbol the provider cannot quote (its series then fails with the reason).</summary>
    private static Instrument? TryResolve(IBarProvider provider, string symbol)
    {
        try
        {
            return provider.Resolve(symbol);
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    private IBarProvider Provider(string name) => _providers.TryGetValue(name, out var provider)
        ? provider
        : throw new ArgumentException($"Unknown provider '{name}'; configured: {string.Join(", ", _providers.Keys.Order(StringComparer.Ordinal))}.", nameof(name));

    private async Task<SeriesResult> IngestSeriesAsync(IBarProvider provider, string symbol, Timeframe timeframe, DateTime from, DateTime to, bool ignoreCheckpoint, Action<DateTime, long> progress, CancellationToken cancellationToken)
    {
        Instrument instrument;
        try
        {
            instrument = provider.Resolve(symbol);
        }
        catch (ArgumentException ex)
        {
            await LogAsync(IngestionEventTypes.SeriesFailed, "error", provider.Name, symbol, timeframe, ex.Message, cancellationToken: cancellationToken).ConfigureAwait(false);
            return new SeriesResult(symbol, from, from, from, 0, 0, 0, 0, 0, 0, 0, ex.Message);
        }

        var checkpoint = ignoreCheckpoint ? null : await _checkpoints.GetAsync(provider.Name, instrument.Symbol, timeframe, cancellationToken).ConfigureAwait(false);
        var resume = checkpoint is not null && checkpoint.CompleteUntilUtc > from ? checkpoint.CompleteUntilUtc : from;
        var fetched = resume < to
            ? await FetchRangeAsync(provider, instrument, timeframe, resume, to, advanceCheckpoint: true, progress, cancellationToken).ConfigureAwait(false)
            : new RangeResult(0, 0, 0, 0, resume, null);
        if (fetched.Error is not null)
        {
            await LogAsync(IngestionEventTypes.SeriesFailed, "error", provider.Name, instrument.Symbol.Value, timeframe,
                $"stopped at {Text(fetched.CoveredUntil)}: {fetched.Error}; the next run resumes there", cancellationToken: cancellationToken).ConfigureAwait(false);
        }

        var (gaps, backfilled, unfilled) = _options.BackfillGaps && fetched.CoveredUntil > from
            ? await BackfillGapsAsync(provider, instrument, timeframe, from, fetched.CoveredUntil, cancellationToken).ConfigureAwait(false)
            : (0, 0L, 0);
        if (gaps > 0)
        {
            await _checkpoints.AdvanceAsync(provider.Name, instrument.Symbol, timeframe, fetched.CoveredUntil, null, backfilled, unfilled, cancellationToken).ConfigureAwait(false);
        }

        progress(to, 0);
        return new SeriesResult(instrument.Symbol.Value, from, resume, fetched.CoveredUntil, fetched.BarsWritten, fetched.BarsRejected, fetched.Pages, fetched.PayloadsRejected, gaps, backfilled, unfilled, fetched.Error);
    }

    private async Task<(int Gaps, long Backfilled, int Unfilled)> BackfillGapsAsync(IBarProvider provider, Instrument instrument, Timeframe timeframe, DateTime from, DateTime to, CancellationToken cancellationToken)
    {
        var gaps = GapDetector.FindGaps(await StoredOpenTimesAsync(instrument.Symbol, timeframe, from, to, cancellationToken).ConfigureAwait(false), timeframe, instrument.Calendar, from, to);
        if (gaps.Count == 0)
        {
            return (0, 0, 0);
        }

        long backfilled = 0;
        foreach (var gap in gaps.Take(_options.MaxGapBackfillsPerSeries))
        {
            var result = await FetchRangeAsync(provider, instrument, timeframe, gap.FirstMissing, gap.LastMissing + timeframe.Duration, advanceCheckpoint: false, null, cancellationToken).ConfigureAwait(false);
            backfilled += result.BarsWritten;
        }

        var remaining = GapDetector.FindGaps(await StoredOpenTimesAsync(instrument.Symbol, timeframe, from, to, cancellationToken).ConfigureAwait(false), timeframe, instrument.Calendar, from, to);
        var found = gaps.Sum(g => g.Count);
        await LogAsync(IngestionEventTypes.GapsBackfilled, "info", provider.Name, instrument.Symbol.Value, timeframe,
            string.Create(CultureInfo.InvariantCulture, $"{gaps.Count} gaps ({found} bars) found in [{Text(from)}, {Text(to)}); {backfilled} bars backfilled"),
            counts: new Dictionary<string, long> { ["gaps"] = gaps.Count, ["missingBars"] = found, ["backfilled"] = backfilled }, cancellationToken: cancellationToken).ConfigureAwait(false);
        if (remaining.Count > 0)
        {
            await LogAsync(IngestionEventTypes.GapsUnfilled, "warning", provider.Name, instrument.Symbol.Value, timeframe,
                string.Create(CultureInfo.InvariantCulture, $"{remaining.Count} gaps ({remaining.Sum(g => g.Count)} bars) remain: the provider has no data for them"),
                details: [.. remaining.Take(_options.MaxRejectionDetailsPerEvent).Select(g => string.Create(CultureInfo.InvariantCulture, $"{Text(g.FirstMissing)}..{Text(g.LastMissing)} ({g.Count})"))],
                cancellationToken: cancellationToken).ConfigureAwait(false);
        }

        return (gaps.Count, backfilled, remaining.Count);
    }

    private async Task<List<DateTime>> StoredOpenTimesAsync(Symbol symbol, Timeframe timeframe, DateTime from, DateTime to, CancellationToken cancellationToken)
    {
        var times = new List<DateTime>();
        string? token = null;
        do
        {
            var page = await _bars.ReadAsync(new BarRangeQuery(symbol, timeframe, from, to, BarRangeQuery.MaxPageSize, token), cancellationToken).ConfigureAwait(false);
            foreach (var item in page.Items)
            {
                times.Add(item.Bar.OpenTime);
            }

            token = page.ContinuationToken;
        }
        while (token is not null);
        return times;
    }

    private async Task<RangeResult> FetchRangeAsync(IBarProvider provider, Instrument instrument, Timeframe timeframe, DateTime from, DateTime to, bool advanceCheckpoint, Action<DateTime, long>? progress, CancellationToken cancellationToken)
    {
        string? cursor = null;
        long written = 0;
        long rejected = 0;
        var pages = 0;
        var payloadsRejected = 0;
        var covered = from;
        while (true)
        {
            BarPageResult page;
            try
            {
                (page, var rejectedPayloads) = await FetchPageAsync(provider, new BarPageRequest(instrument, timeframe, from, to, cursor), cancellationToken).ConfigureAwait(false);
                payloadsRejected += rejectedPayloads;
            }
            catch (Exception ex) when (IsProviderFailure(ex, cancellationToken))
            {
                payloadsRejected += ex is PayloadRejectedException ? _options.MaxPayloadAttempts : 0;
                return new RangeResult(written, rejected, pages, payloadsRejected, covered, Describe(ex));
            }

            pages++;
            _metrics.PayloadAccepted(provider.Name);
            if (page.Bars.Count > 0)
            {
                written += await _bars.UpsertAsync(instrument.Symbol, timeframe, page.Bars, new BarProvenance(provider.Name, _options.CodeVersion, page.ArchiveKey), cancellationToken).ConfigureAwait(false);
                _metrics.BarsAccepted(provider.Name, page.Bars.Count);
                _metrics.NewestBar(provider.Name, instrument.Symbol, timeframe, page.Bars[^1].OpenTime);
            }

            if (page.Rejections.Count > 0)
            {
                rejected += page.Rejections.Count;
                await RecordRejectionsAsync(provider, instrument, timeframe, page, cancellationToken).ConfigureAwait(false);
            }

            if (page.CoveredUntil > covered)
            {
                covered = page.CoveredUntil < to ? page.CoveredUntil : to;
            }

            if (advanceCheckpoint)
            {
                await _checkpoints.AdvanceAsync(provider.Name, instrument.Symbol, timeframe, covered, page.Bars.Count > 0 ? page.Bars[^1].OpenTime : null, page.Bars.Count, cancellationToken: cancellationToken).ConfigureAwait(false);
            }

            progress?.Invoke(covered, page.Bars.Count);
            if (page.NextCursor is null)
            {
                return new RangeResult(written, rejected, pages, payloadsRejected, to, null);
            }

            if (page.NextCursor == cursor)
            {
                return new RangeResult(written, rejected, pages, payloadsRejected, covered, $"{provider.Name} returned the same cursor twice ({cursor})");
            }

            cursor = page.NextCursor;
        }
    }

    /// <summary>Fetches one page, fetching it again when its payload does not parse; every rejected payload is counted and logged.</summary>
    private async Task<(BarPageResult Page, int RejectedPayloads)> FetchPageAsync(IBarProvider provider, BarPageRequest request, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return (await provider.FetchPageAsync(request, cancellationToken).ConfigureAwait(false), attempt - 1);
            }
            catch (PayloadRejectedException ex)
            {
                _metrics.PayloadRejected(provider.Name, RejectReasons.Malformed);
                await LogAsync(IngestionEventTypes.PayloadRejected, "warning", provider.Name, request.Instrument.Symbol.Value, request.Timeframe,
                    string.Create(CultureInfo.InvariantCulture, $"attempt {attempt} of {_options.MaxPayloadAttempts}: {ex.InnerException?.Message ?? ex.Message}"),
                    ex.ArchiveKey, cancellationToken: cancellationToken).ConfigureAwait(false);
                if (attempt >= _options.MaxPayloadAttempts)
                {
                    throw;
                }
            }
        }
    }

    private async Task RecordRejectionsAsync(IBarProvider provider, Instrument instrument, Timeframe timeframe, BarPageResult page, CancellationToken cancellationToken)
    {
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var rejection in page.Rejections)
        {
            counts[rejection.Reason] = counts.GetValueOrDefault(rejection.Reason) + 1;
        }

        foreach (var (reason, count) in counts)
        {
            _metrics.BarsRejected(provider.Name, reason, count);
        }

        await LogAsync(IngestionEventTypes.RowsRejected, "warning", provider.Name, instrument.Symbol.Value, timeframe,
            string.Create(CultureInfo.InvariantCulture, $"{page.Rejections.Count} rows rejected: {string.Join(", ", counts.Select(c => $"{c.Value} {c.Key}"))}"),
            page.ArchiveKey, counts, [.. page.Rejections.Take(_options.MaxRejectionDetailsPerEvent).Select(r => r.Reason + ": " + r.Detail)], cancellationToken).ConfigureAwait(false);
    }

    private Task LogAsync(string type, string severity, string provider, string? symbol, Timeframe timeframe, string message, string? archiveKey = null,
        IReadOnlyDictionary<string, long>? counts = null, IReadOnlyList<string>? details = null, CancellationToken cancellationToken = default) =>
        _events.WriteAsync(new IngestionEvent(type, severity, provider, symbol, timeframe.ToString(), message, archiveKey, counts, details), cancellationToken);

    /// <summary>Failures of the provider side, which end a series but not the run. Cancellation by the caller is not one.</summary>
    private static bool IsProviderFailure(Exception ex, CancellationToken cancellationToken) => ex switch
    {
        OperationCanceledException => !cancellationToken.IsCancellationRequested,
        ProviderRequestException or PayloadRejectedException or HttpRequestException or ExecutionRejectedException or IOException => true,
        _ => false,
    };

    private static string Describe(Exception ex) => ex switch
    {
        OperationCanceledException => "the request timed out",
        _ => ex.GetType().Name + ": " + ex.Message,
    };

    private static string Text(DateTime t) => t.ToString("yyyy-MM-dd'T'HH:mm'Z'", CultureInfo.InvariantCulture);

    private sealed record RangeResult(long BarsWritten, long BarsRejected, int Pages, int PayloadsRejected, DateTime CoveredUntil, string? Error);

    /// <summary>Turns per-series positions into one fraction for the caller's progress bar.</summary>
    private sealed class ProgressTracker(int series, IProgress<IngestionProgress>? progress)
    {
        private readonly double[] _fractions = new double[series];
        private long _bars;
        private int _done;

        public Action<DateTime, long> For(int index, string symbol, DateTime from, DateTime to) => (position, bars) =>
        {
            lock (_fractions)
            {
                _bars += bars;
                var fraction = to > from ? Math.Clamp((position - from) / (to - from), 0, 1) : 1;
                _fractions[index] = Math.Max(_fractions[index], fraction);
                progress?.Report(new IngestionProgress(symbol, _fractions.Average(), _bars, _done, series));
            }
        };

        public void Done(int index)
        {
            lock (_fractions)
            {
                _fractions[index] = 1;
                _done++;
            }
        }

    }
}
