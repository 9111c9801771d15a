using System.Globalization;
using MarketIntel.Core.Market;
using MarketIntel.Core.Storage;
using MarketIntel.Ingestion.Service;
using MarketIntel.Pipeline.Activities;
using MarketIntel.Pipeline.ReadModels;
using MarketIntel.Pipeline.Scheduling;
using MarketIntel.Pipeline.Workflows;

namespace MarketIntel.Pipeline.Application;

/// <summary>
/// What the system did: the orchestration runs and the system events of a UTC day, and the watchlist rows the
/// ingest runs compute. Days are <c>yyyy-MM-dd</c>; none means today.
/// </summary>
public sealed class SystemHistory(IRecordStore records, Watchlists watchlists, PipelineSettings settings, TimeProvider time)
{
    /// <summary>Orchestration runs of a day, newest first, optionally of one kind (any case).</summary>
    public async Task<UseCaseResult<List<RunRecord>>> RunsAsync(string? kind, string? day, CancellationToken cancellationToken)
    {
        if (!TryDay(day, out var date, out var problem))
        {
            return problem;
        }

        var runs = new List<RunRecord>();
        await foreach (var r in records.ReadAllAsync<RunRecord>(RecordKinds.OrchestrationRun, RunPartition(date), cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            if (string.IsNullOrEmpty(kind) || string.Equals(r.Payload.Kind, kind, StringComparison.OrdinalIgnoreCase))
            {
                runs.Add(r.Payload);
            }
        }

        runs.Sort((a, b) => b.StartedUtc.CompareTo(a.StartedUtc));
        return runs;
    }

    /// <summary>The partition of a day's orchestration runs.</summary>
    public static string RunPartition(DateOnly day) => RunRecordActivities.Partition(day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc));

    /// <summary>The newest <paramref name="count"/> system events of a day, newest first.</summary>
    public async Task<UseCaseResult<List<SystemEventDto>>> EventsAsync(string? day, int count, CancellationToken cancellationToken)
    {
        if (!TryDay(day, out var date, out var problem))
        {
            return problem;
        }

        var events = new List<SystemEventDto>();
        await foreach (var r in records.ReadAllAsync<IngestionEvent>(RecordKinds.SystemEvent, IngestionEventLog.Partition(date), cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            if (r.Payload is { } e)
            {
                events.Add(new SystemEventDto(r.CreatedAt, e.Type, e.Severity, e.Provider, e.Symbol, e.Timeframe, e.Message, e.ArchiveKey, e.Counts));
            }
        }

        events.Reverse();
        return events.Take(count).ToList();
    }

    /// <summary>The latest indicator snapshot of every symbol of a watchlist (default: the pipeline's) that has one.</summary>
    public async Task<UseCaseResult<List<IndicatorSnapshot>>> SnapshotsAsync(string? watchlist, CancellationToken cancellationToken)
    {
        var name = string.IsNullOrEmpty(watchlist) ? settings.Watchlist : watchlist;
        var list = await watchlists.GetAsync(name, cancellationToken).ConfigureAwait(false);
        if (!list.Succeeded)
        {
            return list.Error;
        }

        var rows = new List<IndicatorSnapshot>();
        foreach (var symbol in list.Value.Symbols)
        {
            if (Symbol.IsValid(symbol, out _) && await records.GetAsync<IndicatorSnapshot>(RecordKinds.IndicatorSnapshot, symbol, settings.Timeframe.ToString(), cancellationToken).ConfigureAwait(false) is { } snapshot)
            {
                rows.Add(snapshot.Payload);
            }
        }

        return rows;
    }

    private bool TryDay(string? day, out DateOnly date, out UseCaseError problem)
    {
        date = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        problem = null!;
        if (!string.IsNullOrEmpty(day) && !DateOnly.TryParseExact(day, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date))
        {
            problem = UseCaseError.Invalid("day", $"'{day}' is not a date (yyyy-MM-dd)");
            return false;
        }

        return true;
    }
}
