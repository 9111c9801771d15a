using System.Text.Json;
using MarketIntel.Core.Indicators;
using MarketIntel.Core.Market;
using MarketIntel.Core.Scanning;
using MarketIntel.Core.Storage;
using MarketIntel.Pipeline.Automation;
using MarketIntel.Pipeline.Engine;
using MarketIntel.Pipeline.ReadModels;
using MarketIntel.Pipeline.Scheduling;
using MarketIntel.Pipeline.Workflows;

namespace MarketIntel.Pipeline.Activities;

/// <summary>
/// The scan activities: scan one batch of symbols over their stored bars, rank all batches into the stored run, and
/// bring the outcomes of earlier runs' open setups up to date. Each is idempotent (deterministic ids, recomputed
/// content). Merging batches in batch order gives the run a single scan over the whole universe would give.
/// </summary>
public sealed class ScanActivities(IBarStore bars, IRecordStore records, PipelineSettings settings, TimeProvider time, SetupAutomation? automation = null)
{
    /// <summary>Most setups a run keeps in its ranking.</summary>
    public const int MaxRankedSetups = 200;

    /// <summary>Earlier runs whose open setups an outcome refresh revisits.</summary>
    public const int RunsRefreshed = 20;

    /// <summary>Batch results the merge reads at once.</summary>
    public const int MergeReadConcurrency = 8;

    private readonly ScanRunStore _runs = new(records);

    public ScanRunStore Runs => _runs;

    public async Task<BatchResultRef> ScanBatchAsync(ScanBatchInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var definition = ScanDefinition.Parse(input.Definition.GetRawText());
        var until = time.GetUtcNow().UtcDateTime;
        var series = new List<ScanSeries>();
        var lastTimes = new Dictionary<string, DateTime>(StringComparer.Ordinal);

        // Bars at the scan's own timeframe: a stored series of that timeframe as is (daily bars imported by the CLI, say),
        // else resampled from the pipeline's finer ingested timeframe.
        var timeframe = definition.ParsedTimeframe ?? settings.Timeframe;
        // The whole batch in one store call (one connection, one seek per symbol where the store can).
        var histories = await BarHistory.ReadLastAsync(bars, [.. input.Symbols.Select(s => new Symbol(s))], timeframe, settings.Timeframe, settings.ScanBars, until, cancellationToken).ConfigureAwait(false);
        for (var i = 0; i < histories.Length; i++)
        {
            var history = histories[i];
            if (history.Count > 0)
            {
                series.Add(new ScanSeries(input.Symbols[i], BarSeries.From(history), timeframe));
                lastTimes[input.Symbols[i]] = history[^1].OpenTime;
            }
        }

        var report = SetupScanner.Run(definition with { Universe = input.Symbols }, series);
        var window = TimeSpan.FromTicks(timeframe.Ticks * settings.RecentSetupBars);
        var recent = report.History.Where(s => s.Time > lastTimes[s.Symbol] - window).ToList();
        var samples = report.History.Where(s => !s.Overlapping).Select(SetupSample.From).ToList();
        var result = new ScanBatchResult(input.BatchIndex, input.Symbols, report.MissingSymbols, report.InvalidStops, report.History.Count, samples, SetupScanner.Rank(recent));
        await _runs.SaveBatchAsync(input.RunId, result, JsonSerializer.SerializeToElement(new { input.RunId, input.BatchIndex, input.Symbols, until, settings.ScanBars, definition = input.Definition }), time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        return new BatchResultRef(input.BatchIndex, ScanRunStore.BatchId(input.BatchIndex), result.Recent.Count);
    }

    public async Task<RunResult> RankAndStoreAsync(ScanMergeRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var historyCount = 0;
        var samples = new List<SetupSample>();
        var recent = new List<TradeSetup>();
        var universe = new List<string>();
        var missing = new List<string>();
        var invalid = 0;
        var lost = new List<int>();
        // The batches are independent point reads: several at once (Cosmos DB round trips overlap, the embedded store
        // parses on more than one core), merged in batch order below.
        var stored = new ScanBatchResult?[request.Batches.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, stored.Length), new ParallelOptions { MaxDegreeOfParallelism = MergeReadConcurrency, CancellationToken = cancellationToken }, async (i, ct) =>
            stored[i] = (await _runs.TryGetBatchAsync(request.RunId, request.Batches[i].Reference, ct).ConfigureAwait(false))?.Batch).ConfigureAwait(false);
        for (var i = 0; i < stored.Length; i++)
        {
            // A batch the store lost, or one stored before batches carried samples, is scanned again.
            if (stored[i] is not { Samples: not null } batch)
            {
                lost.Add(request.Batches[i].BatchIndex);
                continue;
            }

            historyCount += batch.HistoryCount;
            samples.AddRange(batch.Samples);
            recent.AddRange(batch.Recent);
            universe.AddRange(batch.Symbols);
            missing.AddRange(batch.MissingSymbols);
            invalid += batch.InvalidStops;
        }

        if (lost.Count > 0)
        {
            // Nothing is written from part of the batches: the orchestration runs the lost ones again (BatchRepair).
            return new RunResult(request.RunId, request.RunId, 0) { MissingBatches = lost };
        }

        // The order a single scan gives its history, so the statistics' sums add up in the same order.
        samples.Sort(SetupSample.CompareHistoryOrder);
        var ranked = SetupScanner.Rank(recent);
        if (ranked.Count > MaxRankedSetups)
        {
            ranked.RemoveRange(MaxRankedSetups, ranked.Count - MaxRankedSetups);
        }

        var existing = await _runs.GetRunAsync(request.RunId, cancellationToken).ConfigureAwait(false);
        // The definition comes with the request (the orchestration has it), not from another stage's stored output.
        var definition = ScanDefinition.Parse(request.Definition.GetRawText());
        // The listing's key is made from the creation time: taken from the clock, an attempt that wrote the listing and
        // failed before the run document would make the retry list the run a second time under another key.
        var created = existing?.Run.CreatedAt ?? request.StartedUtc ?? time.GetUtcNow().UtcDateTime;
        var run = new ScanRunDocument(request.RunId, existing?.Run.Name ?? definition.Name, RunStatus.Completed, created, time.GetUtcNow().UtcDateTime,
            existing?.Run.Timeframe ?? (definition.ParsedTimeframe ?? settings.Timeframe).ToString(),
            universe, missing, invalid, historyCount, ranked, ScanStatistics.From(historyCount, samples), request.Definition);
        await _runs.SaveRunAsync(run, existing?.Inputs ?? JsonSerializer.SerializeToElement(new { request.RunId, batches = request.Batches.Count }), cancellationToken: cancellationToken).ConfigureAwait(false);

        // After the run is stored: automation (off unless a person switched it on) acts on its new setups. Idempotent per
        // (account, strategy, setup), so a retry of this activity places nothing twice.
        if (automation is not null)
        {
            await automation.RunAsync(run, cancellationToken).ConfigureAwait(false);
        }

        return new RunResult(request.RunId, request.RunId, ranked.Count);
    }

    /// <summary>
    /// Re-tracks the still-open setups of the latest earlier runs over the bars stored since, so each setup's outcome
    /// (target, stop or horizon exit, R) is known once the market has decided it. Returns the setups whose outcome changed.
    /// </summary>
    public async Task<long> RefreshOutcomesAsync(string runId, CancellationToken cancellationToken)
    {
        long changed = 0;
        foreach (var listing in await _runs.ListAsync(time.GetUtcNow().UtcDateTime, RunsRefreshed + 1, cancellationToken).ConfigureAwait(false))
        {
            if (listing.RunId == runId || await _runs.GetRunAsync(listing.RunId, cancellationToken).ConfigureAwait(false) is not { Run: { Status: RunStatus.Completed, Setups: { } setups } run } stored)
            {
                continue;
            }

            var definition = ScanDefinition.Parse(run.Definition.GetRawText());
            var timeframe = definition.ParsedTimeframe ?? settings.Timeframe;
            var updated = new List<TradeSetup>(setups.Count);
            var runChanged = 0;
            foreach (var setup in setups)
            {
                var outcome = setup.Outcome.Complete ? setup.Outcome : await RetrackAsync(setup, definition.Setup.Horizon, timeframe, cancellationToken).ConfigureAwait(false);
                if (outcome != setup.Outcome)
                {
                    runChanged++;
                }

                updated.Add(setup with { Outcome = outcome });
            }

            if (runChanged > 0)
            {
                await _runs.SaveRunAsync(run with { Setups = updated }, stored.Inputs, stored.ETag, cancellationToken).ConfigureAwait(false);
                changed += runChanged;
            }
        }

        return changed;
    }

    private async Task<SetupOutcome> RetrackAsync(TradeSetup setup, int horizon, Timeframe timeframe, CancellationToken cancellationToken)
    {
        // The signal bar and the horizon's bars after it, however far apart in time (sessions, weekends): one page of
        // the scan timeframe's stored bars from the signal on, else one page of the ingested timeframe's bars, enough
        // to rebuild them at the scan's timeframe.
        var symbol = new Symbol(setup.Symbol);
        var until = time.GetUtcNow().UtcDateTime.AddTicks(timeframe.Ticks);
        var ownPage = await bars.ReadAsync(new BarRangeQuery(symbol, timeframe, setup.Time, until, Math.Min(BarRangeQuery.MaxPageSize, horizon + 2)), cancellationToken).ConfigureAwait(false);
        ScanSeries series;
        if (ownPage.Items.Count > 0 || timeframe == settings.Timeframe || !timeframe.IsMultipleOf(settings.Timeframe))
        {
            series = new ScanSeries(setup.Symbol, BarSeries.From([.. ownPage.Items.Select(i => i.Bar)]), timeframe);
        }
        else
        {
            var perBar = (int)Math.Max(1, timeframe.Ticks / settings.Timeframe.Ticks);
            var pageSize = (int)Math.Min(BarRangeQuery.MaxPageSize, (long)(horizon + 2) * perBar);
            var page = await bars.ReadAsync(new BarRangeQuery(symbol, settings.Timeframe, setup.Time, time.GetUtcNow().UtcDateTime.AddTicks(settings.Timeframe.Ticks), pageSize), cancellationToken).ConfigureAwait(false);
            series = new ScanSeries(setup.Symbol, BarSeries.From([.. page.Items.Select(i => i.Bar)]), settings.Timeframe).Resampled(timeframe);
        }

        return series.Count == 0 || series.Bars.Time[0] != setup.Time
            ? setup.Outcome
            : OutcomeTracker.Track(series.Bars, 0, setup.Side, setup.Entry, setup.Stop, setup.Target, horizon);
    }
}
