using System.Text.Json;
using MarketIntel.Api;
using MarketIntel.Core.Market;
using MarketIntel.Core.Storage;
using MarketIntel.Pipeline.Application;
using MarketIntel.Pipeline.Engine.Local;
using MarketIntel.Pipeline.ReadModels;
using MarketIntel.Pipeline.Scheduling;
using NCrontab;

namespace MarketIntel.Host;

/// <summary>
/// The local host's timers: the same six-field schedules (same setting names) the Functions app's timer triggers use,
/// starting the same runs through <see cref="PipelineTriggers"/>. On a first start it also seeds the demo watchlist
/// and runs ingest, then a scan and a risk report at once, so a newcomer sees data within a minute.
/// </summary>
internal sealed class PipelineScheduler(
    PipelineTriggers triggers, MonteCarloRuns monteCarlo, LocalOrchestrationRunner runner, IRecordStore records, IBarStore bars, ApiOptions api, LocalHostOptions options,
    TimeProvider time, ILogger<PipelineScheduler> logger) : BackgroundService
{
    public static IReadOnlyList<string> DemoSymbols { get; } = ["BTC-USD", "ETH-USD", "SOL-USD", "EUR-USD", "AAPL", "MSFT", "NVDA", "SPY"];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            if (options.DemoWatchlist)
            {
                await SeedWatchlistAsync(stoppingToken);
            }

            if (options.RunOnStart)
            {
                await RunOnStartAsync(stoppingToken);
            }

            if (options.Schedules)
            {
                await RunSchedulesAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
    }

    private async Task SeedWatchlistAsync(CancellationToken cancellationToken)
    {
        var name = triggers.Settings.Watchlist;
        var envelope = new RecordEnvelope<Watchlist>(name, api.Owner, RecordKinds.Watchlist, time.GetUtcNow(),
            JsonSerializer.SerializeToElement(new { demo = true }), ApiVersion.Current, "active", new Watchlist(name, DemoSymbols));
        var result = await records.CreateAsync(envelope, cancellationToken);
        if (result.Outcome == WriteOutcome.Created)
        {
            logger.LogInformation("Seeded watchlist '{Name}' with {Symbols}", name, string.Join(", ", DemoSymbols));
        }
    }

    private async Task RunOnStartAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var ingest = await triggers.StartIngestAsync(now, cancellationToken);
        await runner.WaitAsync(ingest).WaitAsync(cancellationToken);
        await triggers.StartScanAsync(now, cancellationToken);
        var universe = await triggers.UniverseAsync(cancellationToken);
        if (universe.Count > 0 && await CalibratedJobAsync(universe[0], cancellationToken) is { } job)
        {
            var started = await monteCarlo.StartAsync(job, runner, cancellationToken);
            if (started.Succeeded)
            {
                logger.LogInformation("Started the start-up risk report {Id} for {Symbol}", started.Value.Id, universe[0]);
            }
            else
            {
                logger.LogWarning("No start-up risk report for {Symbol}: {Field}: {Problem}", universe[0], started.Error.Field, started.Error.Message);
            }
        }
    }

    /// <summary>
    /// A GBM calibrated to the symbol's stored bars (mean and standard deviation of log returns per bar), over the next
    /// 60 bars: the risk of holding it for an hour of 1m bars.
    /// </summary>
    private async Task<MonteCarloJob?> CalibratedJobAsync(string symbol, CancellationToken cancellationToken)
    {
        var timeframe = triggers.Settings.Timeframe;
        var history = await BarHistory.ReadLastAsync(bars, new Symbol(symbol), timeframe, 1000, time.GetUtcNow().UtcDateTime, cancellationToken);
        if (history.Count < 30)
        {
            return null;
        }

        var returns = new double[history.Count - 1];
        for (var i = 1; i < history.Count; i++)
        {
            returns[i - 1] = Math.Log(history[i].Close / history[i - 1].Close);
        }

        var mean = returns.Average();
        var variance = returns.Sum(r => (r - mean) * (r - mean)) / (returns.Length - 1);
        return new MonteCarloJob { Model = "gbm", Mu = mean, Sigma = Math.Sqrt(variance), Horizon = 60, Paths = 50_000, Batches = 8, Seed = 7 };
    }

    private async Task RunSchedulesAsync(CancellationToken cancellationToken)
    {
        var s = triggers.Settings;
        var schedules = new (string Key, CrontabSchedule Schedule, Func<DateTime, CancellationToken, Task<string>> Start)[]
        {
            (PipelineSettings.Keys.IngestSchedule, PipelineSettings.ParseSchedule(PipelineSettings.Keys.IngestSchedule, s.IngestSchedule), triggers.StartIngestAsync),
            (PipelineSettings.Keys.ScanSchedule, PipelineSettings.ParseSchedule(PipelineSettings.Keys.ScanSchedule, s.ScanSchedule), triggers.StartScanAsync),
            (PipelineSettings.Keys.OutcomeSchedule, PipelineSettings.ParseSchedule(PipelineSettings.Keys.OutcomeSchedule, s.OutcomeSchedule), triggers.StartOutcomesAsync),
            (PipelineSettings.Keys.RetentionSchedule, PipelineSettings.ParseSchedule(PipelineSettings.Keys.RetentionSchedule, s.RetentionSchedule), triggers.StartRetentionAsync),
        };
        var next = schedules.Select(x => x.Schedule.GetNextOccurrence(time.GetUtcNow().UtcDateTime)).ToArray();
        while (!cancellationToken.IsCancellationRequested)
        {
            var due = Array.IndexOf(next, next.Min());
            var wait = next[due] - time.GetUtcNow().UtcDateTime;
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, time, cancellationToken);
            }

            var occurrence = DateTime.SpecifyKind(next[due], DateTimeKind.Utc);
            try
            {
                var id = await schedules[due].Start(occurrence, cancellationToken);
                logger.LogInformation("{Schedule} fired for {Occurrence:O}: started {Id}", schedules[due].Key, occurrence, id);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogError(ex, "{Schedule} fired for {Occurrence:O} but its run could not start", schedules[due].Key, occurrence);
            }

            next[due] = schedules[due].Schedule.GetNextOccurrence(occurrence);
        }
    }
}
