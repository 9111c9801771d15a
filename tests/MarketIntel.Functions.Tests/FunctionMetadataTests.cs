using System.Reflection;
using System.Text.Json;
using MarketIntel.Api;
using MarketIntel.Functions.Streaming;
using MarketIntel.Pipeline.Engine;
using MarketIntel.Pipeline.Scheduling;
using MarketIntel.Pipeline.Workflows;

namespace MarketIntel.Functions.Tests;

/// <summary>
/// The <c>functions.metadata</c> the Worker SDK generated for the built app (what the Functions host indexes) against the
/// code's own tables: the route table, the pipeline catalog, the schedule settings and the Event Hub settings.
/// </summary>
[Trait("Category", "FunctionsApi")]
public sealed class FunctionMetadataTests
{
    private static readonly Lazy<List<JsonElement>> Functions = new(Load);

    private static List<JsonElement> Load()
    {
        var configuration = typeof(FunctionMetadataTests).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()!.Configuration;
        var root = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "../../../../.."));
        var path = Path.Combine(root, "functions", "MarketIntel.Functions", "bin", configuration, "net10.0", "functions.metadata");
        Assert.True(File.Exists(path), $"the Functions app's build writes {path}");
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        return [.. document.RootElement.EnumerateArray().Select(f => f.Clone())];
    }

    private static JsonElement Trigger(JsonElement function) =>
        function.GetProperty("bindings").EnumerateArray().Single(b => b.GetProperty("type").GetString()!.EndsWith("Trigger", StringComparison.Ordinal));

    private static List<JsonElement> OfTrigger(string type) => [.. Functions.Value.Where(f => Trigger(f).GetProperty("type").GetString() == type)];

    private static string Name(JsonElement function) => function.GetProperty("name").GetString()!;

    [Fact]
    public void EveryRouteOfTheRouteTable_IsOneHttpFunction_WithItsMethodRouteAndAccess_AndThereAreNoOthers()
    {
        var http = OfTrigger("httpTrigger").ToDictionary(Name);
        Assert.Equal(ApiRoutes.All.Select(r => r.Name).Order(StringComparer.Ordinal), http.Keys.Order(StringComparer.Ordinal));
        foreach (var route in ApiRoutes.All)
        {
            var trigger = Trigger(http[route.Name]);
            Assert.Equal(route.Template, trigger.GetProperty("route").GetString());
            Assert.Equal([route.Method.ToLowerInvariant()], trigger.GetProperty("methods").EnumerateArray().Select(m => m.GetString()));
            Assert.Equal(route.Access == ApiAccess.Write ? "Function" : "Anonymous", trigger.GetProperty("authLevel").GetString());
        }
    }

    [Fact]
    public void RoutesThatStartRuns_BindTheDurableClient()
    {
        var starters = Functions.Value.Where(f => f.GetProperty("bindings").EnumerateArray().Any(b => b.GetProperty("type").GetString() == "durableClient")).Select(Name);
        Assert.Equal(["IngestTimer", "OutcomeTimer", "RetentionTimer", "ScanTimer", "StartMonteCarlo", "StartScan"], starters.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void EveryOrchestrationAndActivityOfThePipelineCatalog_IsOneDurableFunction_AndThereAreNoOthers()
    {
        var catalog = PipelineCatalog.Register(new NameRegistry(), new PipelineActivities(null!, null!, null!, null!, null!, null!));
        Assert.Equal(catalog.Orchestrations.Order(StringComparer.Ordinal), OfTrigger("orchestrationTrigger").Select(Name).Order(StringComparer.Ordinal));
        Assert.Equal(catalog.Activities.Order(StringComparer.Ordinal), OfTrigger("activityTrigger").Select(Name).Order(StringComparer.Ordinal));
        Assert.Equal(typeof(ActivityNames).GetFields().Select(f => (string)f.GetValue(null)!).Order(StringComparer.Ordinal), catalog.Activities.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void EveryTimer_ReadsItsScheduleFromItsPipelineSetting()
    {
        var timers = OfTrigger("timerTrigger").ToDictionary(Name, f => Trigger(f).GetProperty("schedule").GetString());
        Assert.Equal(
            new Dictionary<string, string?>
            {
                ["IngestTimer"] = $"%{PipelineSettings.Keys.IngestSchedule}%",
                ["ScanTimer"] = $"%{PipelineSettings.Keys.ScanSchedule}%",
                ["OutcomeTimer"] = $"%{PipelineSettings.Keys.OutcomeSchedule}%",
                ["RetentionTimer"] = $"%{PipelineSettings.Keys.RetentionSchedule}%",
            },
            timers);
    }

    [Fact]
    public void TheTickFunction_IsABatchedEventHubTrigger_OnItsSettings_RetriedWithBackoffForever()
    {
        var ticks = Assert.Single(OfTrigger("eventHubTrigger"));
        var trigger = Trigger(ticks);
        Assert.Equal("Ticks", Name(ticks));
        Assert.Equal(
            ($"%{TickHubSettings.EventHubName}%", TickHubSettings.Connection, $"%{TickHubSettings.ConsumerGroup}%", "Many", "String"),
            (trigger.GetProperty("eventHubName").GetString(), trigger.GetProperty("connection").GetString(), trigger.GetProperty("consumerGroup").GetString(),
             trigger.GetProperty("cardinality").GetString(), trigger.GetProperty("dataType").GetString()));
        var retry = ticks.GetProperty("retry");
        Assert.Equal(("exponentialBackoff", -1), (retry.GetProperty("strategy").GetString(), retry.GetProperty("maxRetryCount").GetInt32()));
    }

    [Fact]
    public void TheAppHasNoFunctionOutsideTheseTables()
    {
        var known = new[] { "httpTrigger", "orchestrationTrigger", "activityTrigger", "timerTrigger", "eventHubTrigger" };
        Assert.All(Functions.Value, f => Assert.Contains(Trigger(f).GetProperty("type").GetString(), known));
        Assert.All(Functions.Value, f => Assert.Equal("MarketIntel.Functions.dll", f.GetProperty("scriptFile").GetString()));
    }

    /// <summary>Collects the catalog's names; it never calls the registered delegates.</summary>
    private sealed class NameRegistry : IPipelineRegistry
    {
        public List<string> Orchestrations { get; } = [];

        public List<string> Activities { get; } = [];

        public void AddOrchestration<TIn, TOut>(string name, Func<IOrchestrationContext, TIn, Task<TOut>> run) => Orchestrations.Add(name);

        public void AddActivity<TIn, TOut>(string name, Func<TIn, CancellationToken, Task<TOut>> run) => Activities.Add(name);
    }
}
