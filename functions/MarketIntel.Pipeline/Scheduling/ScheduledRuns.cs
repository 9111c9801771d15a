using System.Globalization;
using System.Text.Json;
using MarketIntel.Core.Scanning;
using MarketIntel.Pipeline.Workflows;

namespace MarketIntel.Pipeline.Scheduling;

/// <summary>
/// The orchestration requests a timer starts, with instance ids derived from the scheduled time (not the time the
/// timer actually fired), so a timer that fires twice for one occurrence names the same instance and starts it once.
/// Both hosts build their timer runs here.
/// </summary>
public static class ScheduledRuns
{
    public static string InstanceId(string kind, DateTime scheduledUtc) =>
        kind.ToLowerInvariant() + "-" + scheduledUtc.ToUniversalTime().ToString("yyyyMMdd'T'HHmmss", CultureInfo.InvariantCulture);

    /// <summary>Ingest every watchlist symbol's bars that closed before the scheduled time.</summary>
    public static IngestRunRequest Ingest(PipelineSettings settings, IReadOnlyList<string> symbols, DateTime scheduledUtc)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return new IngestRunRequest(InstanceId(IngestOrchestration.Name, scheduledUtc), settings.Provider, symbols, settings.Timeframe.ToString(),
            settings.Timeframe.BucketStart(scheduledUtc.ToUniversalTime()), settings.BatchSize);
    }

    /// <summary>Run the configured built-in scan over the watchlist.</summary>
    public static ScanRunRequest Scan(PipelineSettings settings, IReadOnlyList<string> symbols, DateTime scheduledUtc)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var definition = BuiltInScan(settings.ScanStrategy, null, settings.Timeframe.ToString());
        return new ScanRunRequest(InstanceId(ScanOrchestration.Name, scheduledUtc), AsJson(definition), symbols, settings.BatchSize);
    }

    /// <summary>Refresh the outcomes of earlier scans' open setups.</summary>
    public static string Outcomes(DateTime scheduledUtc) => InstanceId(MaintenanceOrchestrations.Outcomes, scheduledUtc);

    /// <summary>Delete raw archive days older than the retention, looking back a further 60 days (runs missed while stopped).</summary>
    public static RetentionRequest Retention(PipelineSettings settings, IReadOnlyList<string> providers, DateTime scheduledUtc)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return new RetentionRequest(InstanceId(MaintenanceOrchestrations.Retention, scheduledUtc), providers,
            scheduledUtc.ToUniversalTime().Date.AddDays(-settings.RawArchiveRetentionDays), 60);
    }

    /// <summary>A scan definition as orchestration input, in its own JSON form (<see cref="ScanDefinition.Parse"/> reads it back).</summary>
    public static JsonElement AsJson(ScanDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        using var document = JsonDocument.Parse(definition.ToJson());
        return document.RootElement.Clone();
    }

    /// <summary>
    /// A built-in strategy's entry rule as a scan definition: long setups, the default ATR stop and 2R target, so its
    /// setups and outcome statistics match the strategy's backtests.
    /// </summary>
    public static ScanDefinition BuiltInScan(string strategy, IReadOnlyDictionary<string, double>? parameters, string? timeframe)
    {
        var rule = (RuleStrategy)StrategyCatalog.Create(strategy, parameters);
        return new ScanDefinition { Name = rule.Name, Entry = rule.Entry.Text, Timeframe = timeframe };
    }
}
