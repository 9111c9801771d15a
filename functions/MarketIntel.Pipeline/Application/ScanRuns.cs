using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using MarketIntel.Core.Scanning;
using MarketIntel.Core.Storage;
using MarketIntel.Pipeline.Activities;
using MarketIntel.Pipeline.Ports;
using MarketIntel.Pipeline.ReadModels;
using MarketIntel.Pipeline.Scheduling;
using MarketIntel.Pipeline.Workflows;

namespace MarketIntel.Pipeline.Application;

/// <summary>
/// Scan runs: start one (the definition parsed and validated once, then carried to every batch and the merge), read
/// one, list the latest, and find the completed run whose setups and outcomes are asked for.
/// </summary>
public sealed class ScanRuns(IRecordStore records, Watchlists watchlists, PipelineSettings settings, TimeProvider time)
{
    private readonly ScanRunStore _runs = new(records);

    /// <summary>Most setups a run keeps in its ranking (and a setups read may ask for).</summary>
    public const int MaxSetups = ScanActivities.MaxRankedSetups;

    /// <summary>How run documents are written as JSON: NaN forward returns for open setups, enum names.</summary>
    public static JsonSerializerOptions Json => ScanRunStore.Json;

    /// <summary>
    /// Starts a scan of a built-in strategy or a definition over the given universe (default: the definition's, else the
    /// pipeline's watchlist). The same request within the same minute names the same run: a retried request does not scan
    /// twice, while a failed or interrupted run of it is started again under that id.
    /// </summary>
    public async Task<UseCaseResult<RunStarted>> StartAsync(ScanRequest? request, IOrchestrationStarter starter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(starter);
        if (request is null || (request.Strategy is null) == (request.Definition is null))
        {
            return UseCaseError.Invalid("body", $"give either \"strategy\" (one of {string.Join(", ", StrategyCatalog.Names)}) or \"definition\" (a scan definition)");
        }

        if (request.Definition is not null && request.Timeframe is not null)
        {
            return UseCaseError.Invalid("timeframe", "with a definition, set \"timeframe\" inside it");
        }

        ScanDefinition definition;
        try
        {
            definition = request.Strategy is not null
                ? ScheduledRuns.BuiltInScan(request.Strategy, request.Parameters, request.Timeframe ?? settings.Timeframe.ToString())
                : ScanDefinition.Parse(request.Definition!.Value.GetRawText());
            definition.Validate();
        }
        catch (StrategyException ex)
        {
            return UseCaseError.Invalid(ex.Field, ex.Message);
        }
        catch (Exception ex) when (ex is FormatException or JsonException or ScanSyntaxException)
        {
            return UseCaseError.Invalid(request.Strategy is not null ? "strategy" : "definition", ex.Message);
        }

        var universe = request.Universe ?? (definition.Universe.Count > 0 ? definition.Universe : await watchlists.SymbolsAsync(settings.Watchlist, cancellationToken).ConfigureAwait(false));
        if (universe.Count == 0)
        {
            return UseCaseError.Invalid("universe", $"no symbols: give \"universe\" or fill the watchlist '{settings.Watchlist}'");
        }

        if (universe.Count > watchlists.MaxSymbols)
        {
            return UseCaseError.Invalid("universe", $"at most {watchlists.MaxSymbols} symbols per scan");
        }

        var known = await watchlists.KnownSymbolsAsync(cancellationToken).ConfigureAwait(false);
        if (universe.FirstOrDefault(s => !known.Contains(s)) is { } unknown)
        {
            return UseCaseError.NotFound($"unknown symbol '{unknown}' in the universe: add it to a watchlist first");
        }

        var now = time.GetUtcNow().UtcDateTime;
        var json = ScheduledRuns.AsJson(definition);
        var id = RunId(json, universe, now);
        if (await _runs.GetRunAsync(id, cancellationToken).ConfigureAwait(false) is { } existing && existing.Run.Status is RunStatus.Running or RunStatus.Completed)
        {
            return new RunStarted(id, existing.Run.Status);
        }

        var created = new DateTime(now.Ticks - (now.Ticks % TimeSpan.TicksPerSecond), DateTimeKind.Utc);
        await _runs.SaveRunAsync(new ScanRunDocument(id, definition.Name, RunStatus.Running, created, null, definition.Timeframe, universe, [], 0, 0, null, null, json),
            JsonSerializer.SerializeToElement(request, JsonSerializerOptions.Web), cancellationToken: cancellationToken).ConfigureAwait(false);
        await starter.StartAsync(ScanOrchestration.Name, id, new ScanRunRequest(id, json, universe, settings.BatchSize), cancellationToken).ConfigureAwait(false);
        return new RunStarted(id, RunStatus.Running);
    }

    /// <summary>A run's id: a hash of its definition, universe and the minute it was asked for.</summary>
    public static string RunId(JsonElement definition, IReadOnlyList<string> universe, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(universe);
        var canonical = definition.GetRawText() + "\n" + string.Join(",", universe) + "\n" + nowUtc.ToString("yyyyMMddHHmm", CultureInfo.InvariantCulture);
        return "scan-" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)), 0, 10).ToLowerInvariant();
    }

    /// <summary>The latest runs, newest first.</summary>
    public async Task<List<ScanRunDocument>> ListAsync(int count, CancellationToken cancellationToken)
    {
        var result = new List<ScanRunDocument>();
        foreach (var listing in await _runs.ListAsync(time.GetUtcNow().UtcDateTime, count, cancellationToken).ConfigureAwait(false))
        {
            if (await _runs.GetRunAsync(listing.RunId, cancellationToken).ConfigureAwait(false) is { } found)
            {
                result.Add(found.Run);
            }
        }

        return result;
    }

    public async Task<UseCaseResult<ScanRunDocument>> GetAsync(string id, CancellationToken cancellationToken)
    {
        if (!IsRunId(id))
        {
            return UseCaseError.Invalid("id", $"'{id}' is not a scan run id");
        }

        var found = await _runs.GetRunAsync(id, cancellationToken).ConfigureAwait(false);
        return found is null ? UseCaseError.NotFound($"scan run '{id}' does not exist") : found.Value.Run;
    }

    /// <summary>
    /// The completed run named by <paramref name="id"/> (the request's <c>scan</c> field), or the latest completed one
    /// when none is named; a named run that has not completed is a conflict that says what it is.
    /// </summary>
    public async Task<UseCaseResult<ScanRunDocument>> CompletedAsync(string? id, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(id))
        {
            var latest = await _runs.LatestCompletedAsync(time.GetUtcNow().UtcDateTime, cancellationToken).ConfigureAwait(false);
            return latest is null ? UseCaseError.NotFound("no scan has completed yet") : latest;
        }

        if (!IsRunId(id))
        {
            return UseCaseError.Invalid("scan", $"'{id}' is not a scan run id");
        }

        var found = await _runs.GetRunAsync(id, cancellationToken).ConfigureAwait(false);
        return found switch
        {
            null => UseCaseError.NotFound($"scan run '{id}' does not exist"),
            { Run.Status: not RunStatus.Completed } => UseCaseError.Conflict("Not ready",
                $"scan run '{id}' is {RunStatuses.Name(found.Value.Run.Status)}{(found.Value.Run.Reason is { } reason ? $": {reason}" : string.Empty)}"),
            _ => found.Value.Run,
        };
    }

    private static bool IsRunId(string id) =>
        id.StartsWith("scan-", StringComparison.Ordinal) && id.Length <= 40 && id.Skip(5).All(char.IsAsciiLetterOrDigit);
}
