using MarketIntel.Core.Storage;
using MarketIntel.Ingestion.Providers;
using MarketIntel.Pipeline.Activities;
using MarketIntel.Pipeline.Local;
using MarketIntel.Pipeline.Orchestrations;
using MarketIntel.Pipeline.Scheduling;

namespace MarketIntel.Api;

/// <summary>
/// What each timer does, shared by the Functions app's timer triggers and the local host's scheduler: read the
/// configured watchlist, build the run with an id from the scheduled time, start it. Returns the instance id.
/// </summary>
public sealed class PipelineTriggers(IRecordStore records, IOrchestrationStarter starter, PipelineSettings settings, ApiOptions options)
{
    public PipelineSettings Settings => settings;

    public async Task<IReadOnlyList<string>> UniverseAsync(CancellationToken cancellationToken)
    {
        var watchlist = await records.GetAsync<Watchlist>(RecordKinds.Watchlist, options.Owner, settings.Watchlist, cancellationToken).ConfigureAwait(false);
        return watchlist?.Payload.Symbols ?? [];
    }

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
