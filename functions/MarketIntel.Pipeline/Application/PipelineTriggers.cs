using MarketIntel.Ingestion.Providers;
using MarketIntel.Pipeline.Activities;
using MarketIntel.Pipeline.Ports;
using MarketIntel.Pipeline.Scheduling;
using MarketIntel.Pipeline.Workflows;

namespace MarketIntel.Pipeline.Application;

/// <summary>
/// What each timer does, shared by the Functions app's timer triggers and the local host's scheduler: read the
/// configured watchlist, build the run with an id from the scheduled time, start it. Returns the instance id.
/// </summary>
public sealed class PipelineTriggers(Watchlists watchlists, IOrchestrationStarter starter, PipelineSettings settings)
{
    public PipelineSettings Settings => settings;

    /// <summary>The symbols of the pipeline's watchlist (<see cref="PipelineSettings.Watchlist"/>).</summary>
    public Task<IReadOnlyList<string>> UniverseAsync(CancellationToken cancellationToken) => watchlists.SymbolsAsync(settings.Watchlist, cancellationToken);

    public async Task<string> StartIngestAsync(DateTime scheduledUtc, CancellationToken cancellationToken)
    {
        var request = ScheduledRuns.Ingest(settings, await UniverseAsync(cancellationToken).ConfigureAwait(false), scheduledUtc);
        await starter.StartAsync(IngestOrchestration.Name, request.RunId, request, cancellationToken).ConfigureAwait(false);
        return request.RunId;
    }

    public async Task<string> StartScanAsync(DateTime scheduledUtc, CancellationToken cancellationToken)
    {
        var request = ScheduledRuns.Scan(settings, await UniverseAsync(cancellationToken).ConfigureAwait(false), scheduledUtc);
        await starter.StartAsync(ScanOrchestration.Name, request.RunId, request, cancellationToken).ConfigureAwait(false);
        return request.RunId;
    }

    public async Task<string> StartOutcomesAsync(DateTime scheduledUtc, CancellationToken cancellationToken)
    {
        var id = ScheduledRuns.Outcomes(scheduledUtc);
        await starter.StartAsync(MaintenanceOrchestrations.Outcomes, id, id, cancellationToken).ConfigureAwait(false);
        return id;
    }

    public async Task<string> StartRetentionAsync(DateTime scheduledUtc, CancellationToken cancellationToken)
    {
        var request = ScheduledRuns.Retention(settings, [.. ProviderNames.All, .. RetentionActivities.ExtraSources], scheduledUtc);
        await starter.StartAsync(MaintenanceOrchestrations.Retention, request.RunId, request, cancellationToken).ConfigureAwait(false);
        return request.RunId;
    }
}
