using System.Text.Json;
using System.Text.Json.Nodes;

namespace MarketIntel.Infrastructure.Tests.Checks;

/// <summary>
/// host.json (the default build: Durable's Azure Storage backend on AzureWebJobsStorage), host.scheduler.json (what a
/// build with <c>-p:DurableBackend=Scheduler</c> copies as host.json: the Durable Task Scheduler) and
/// local.settings.sample.json (every setting the app reads, on Azurite and emulators, no secrets).
/// </summary>
public static class HostJsonCheck
{
    public const string DefaultHost = "host.json";
    public const string SchedulerHost = "host.scheduler.json";
    public const string Sample = "local.settings.sample.json";

    /// <summary>Settings the Functions app reads at start-up or in triggers, which a local run needs in its settings file.</summary>
    public static readonly IReadOnlyList<string> ReadByTheApp =
    [
        "AzureWebJobsStorage", "FUNCTIONS_WORKER_RUNTIME", "DURABLE_TASK_SCHEDULER_CONNECTION_STRING", "TASKHUB_NAME", "APPLICATIONINSIGHTS_CONNECTION_STRING",
        "IngestSchedule", "ScanSchedule", "OutcomeSchedule", "RetentionSchedule", "TicksEventHubName", "TicksConsumerGroup", "TicksEventHub",
        "Storage__Provider", "Pipeline__Provider", "Pipeline__Timeframe", "Pipeline__Watchlist", "Pipeline__ScanStrategy", "Pipeline__BatchSize",
        "Pipeline__RawArchiveRetentionDays", "Api__Owner",
    ];

    /// <summary>Problems, one line each. <paramref name="hostSettings"/>: the settings the host files name (%X%, connection names).</summary>
    public static List<string> Run(string defaultHost, string schedulerHost, string sample, IEnumerable<string> hostSettings)
    {
        var problems = new List<string>();
        var host = JsonNode.Parse(defaultHost)!.AsObject();
        var scheduler = JsonNode.Parse(schedulerHost)!.AsObject();

        var provider = host["extensions"]?["durableTask"]?["storageProvider"];
        var type = (string?)provider?["type"];
        if (type is not null && !type.Equals("AzureStorage", StringComparison.OrdinalIgnoreCase))
        {
            problems.Add($"{DefaultHost}: durableTask.storageProvider.type is '{type}', expected AzureStorage (or none: the default)");
        }

        var connection = (string?)provider?["connectionName"] ?? (string?)provider?["connectionStringName"];
        if (connection is not null && connection != "AzureWebJobsStorage")
        {
            problems.Add($"{DefaultHost}: the Azure Storage backend uses connection '{connection}', expected AzureWebJobsStorage (keyless in Azure, Azurite locally)");
        }

        var schedulerProvider = scheduler["extensions"]?["durableTask"]?["storageProvider"];
        if ((string?)schedulerProvider?["type"] != "azureManaged" || (string?)schedulerProvider?["connectionStringName"] != DurableBackendCheck.SchedulerConnection)
        {
            problems.Add($"{SchedulerHost}: durableTask.storageProvider must be type azureManaged with connectionStringName {DurableBackendCheck.SchedulerConnection}");
        }

        foreach (var (name, json) in new[] { (DefaultHost, host), (SchedulerHost, scheduler) })
        {
            var hub = (string?)json["extensions"]?["durableTask"]?["hubName"];
            if (hub != "%TASKHUB_NAME%")
            {
                problems.Add($"{name}: durableTask.hubName is '{hub}', expected %TASKHUB_NAME%");
            }
        }

        // The variant is host.json with another provider; anything else that differs has drifted.
        Compare(Comparable(host), Comparable(scheduler), "", problems);

        using var doc = JsonDocument.Parse(sample, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        var values = doc.RootElement.GetProperty("Values").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.ToString(), StringComparer.Ordinal);
        foreach (var name in ReadByTheApp.Concat(hostSettings).Distinct().Where(n => !values.ContainsKey(n)))
        {
            problems.Add($"{Sample} lacks '{name}', which the app reads");
        }

        if (values.GetValueOrDefault("AzureWebJobsStorage") != "UseDevelopmentStorage=true")
        {
            problems.Add($"{Sample}: AzureWebJobsStorage must be UseDevelopmentStorage=true (Azurite runs the default Durable backend locally)");
        }

        if (values.ContainsKey("Api__Key"))
        {
            problems.Add($"{Sample}: Api__Key is the local host's key; the Functions app uses function keys");
        }

        return problems;
    }

    private static JsonObject Comparable(JsonObject json)
    {
        var copy = json.DeepClone().AsObject();
        (copy["extensions"]?["durableTask"] as JsonObject)?.Remove("storageProvider");
        if (copy["logging"]?["logLevel"] is JsonObject levels)
        {
            // Each backend's own log category (DurableTask.AzureStorage, DurableTask.AzureManagedBackend).
            foreach (var key in levels.Select(p => p.Key).Where(k => k.StartsWith("DurableTask.", StringComparison.Ordinal) && k != "DurableTask.Core").ToList())
            {
                levels.Remove(key);
            }
        }

        return copy;
    }

    private static void Compare(JsonNode? a, JsonNode? b, string path, List<string> problems)
    {
        if (a is JsonObject oa && b is JsonObject ob)
        {
            foreach (var key in oa.Select(p => p.Key).Union(ob.Select(p => p.Key)))
            {
                Compare(oa[key], ob[key], path.Length == 0 ? key : $"{path}.{key}", problems);
            }
        }
        else if (!JsonNode.DeepEquals(a, b))
        {
            problems.Add($"{SchedulerHost} differs from {DefaultHost} at {path}: {b?.ToJsonString() ?? "missing"} vs {a?.ToJsonString() ?? "missing"}");
        }
    }
}
