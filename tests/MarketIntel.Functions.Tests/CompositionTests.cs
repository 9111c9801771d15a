using System.Reflection;
using MarketIntel.Api;
using MarketIntel.Functions.Durable;
using MarketIntel.Pipeline.Orchestration;
using MarketIntel.Pipeline.Orchestrations;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using Microsoft.Extensions.DependencyInjection;

namespace MarketIntel.Functions.Tests;

[Trait("Category", "FunctionsApi")]
public sealed class CompositionTests
{
    [Fact]
    public void ProgramBuild_ComposesAContainerThatActivatesEveryFunctionClass()
    {
        var data = Path.Combine(Path.GetTempPath(), "mi-functions-" + Guid.NewGuid().ToString("N"));
        try
        {
            using var host = Program.Build([$"--Storage:DataPath={data}"]);
            Assert.Equal("functions", host.Services.GetRequiredService<ApiHostInfo>().Name);
            Assert.Null(host.Services.GetRequiredService<ApiOptions>().Key);
            var classes = typeof(Program).Assembly.GetTypes().Where(t => !t.IsAbstract && t.GetMethods().Any(m => m.GetCustomAttribute<FunctionAttribute>() is not null));
            foreach (var type in classes.Where(t => !(t.IsAbstract && t.IsSealed)))
            {
                Assert.NotNull(ActivatorUtilities.CreateInstance(host.Services, type));
            }
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            if (Directory.Exists(data))
            {
                Directory.Delete(data, recursive: true);
            }
        }
    }

    [Fact]
    public void EveryActivityAndOrchestrationThePipelineCalls_HasADurableFunctionOfThatName_AndNamesAreUnique()
    {
        var functions = typeof(Program).Assembly.GetTypes().SelectMany(t => t.GetMethods())
            .Select(m => (Method: m, Name: m.GetCustomAttribute<FunctionAttribute>()?.Name)).Where(f => f.Name is not null).ToList();
        Assert.Equal(functions.Count, functions.Select(f => f.Name).Distinct(StringComparer.OrdinalIgnoreCase).Count());

        string[] Triggered<TAttribute>() where TAttribute : Attribute =>
            [.. functions.Where(f => f.Method.GetParameters().Any(p => p.GetCustomAttribute<TAttribute>() is not null)).Select(f => f.Name!).Order(StringComparer.Ordinal)];

        var activities = typeof(ActivityNames).GetFields().Select(f => (string)f.GetValue(null)!).Order(StringComparer.Ordinal);
        Assert.Equal(activities, Triggered<ActivityTriggerAttribute>());
        Assert.Equal(new[] { MonteCarloOrchestration.Name, IngestOrchestration.Name, ScanOrchestration.Name, FanOutOrchestration.Name, MaintenanceOrchestrations.Outcomes, MaintenanceOrchestrations.Retention }.Order(StringComparer.Ordinal),
            Triggered<OrchestrationTriggerAttribute>());
        Assert.All(functions.Where(f => f.Method.GetParameters().Any(p => p.GetCustomAttribute<OrchestrationTriggerAttribute>() is not null)),
            f => Assert.Equal(typeof(TaskOrchestrationContext), f.Method.GetParameters().Single().ParameterType));
    }

    [Fact]
    public void HostJson_UsesTheSchedulerBackendAndTheTaskHubSetting_AndTheSampleSettingsCoverEveryAppSetting()
    {
        var root = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "../../../../.."));
        using var host = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(root, "host.json")));
        var durable = host.RootElement.GetProperty("extensions").GetProperty("durableTask");
        Assert.Equal("%TASKHUB_NAME%", durable.GetProperty("hubName").GetString());
        Assert.Equal(("azureManaged", "DURABLE_TASK_SCHEDULER_CONNECTION_STRING"),
            (durable.GetProperty("storageProvider").GetProperty("type").GetString(), durable.GetProperty("storageProvider").GetProperty("connectionStringName").GetString()));

        using var sample = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(root, "local.settings.sample.json")));
        var values = sample.RootElement.GetProperty("Values").EnumerateObject().Select(p => p.Name).ToHashSet();
        string[] read =
        [
            "AzureWebJobsStorage", "FUNCTIONS_WORKER_RUNTIME", "DURABLE_TASK_SCHEDULER_CONNECTION_STRING", "TASKHUB_NAME", "APPLICATIONINSIGHTS_CONNECTION_STRING",
            "IngestSchedule", "ScanSchedule", "OutcomeSchedule", "RetentionSchedule", "TicksEventHubName", "TicksConsumerGroup", "TicksEventHub",
            "Storage__Provider", "Pipeline__Provider", "Pipeline__Timeframe", "Pipeline__Watchlist", "Pipeline__ScanStrategy", "Pipeline__BatchSize",
            "Pipeline__RawArchiveRetentionDays", "Api__Owner",
        ];
        Assert.All(read, r => Assert.Contains(r, values));
        Assert.DoesNotContain("Api__Key", values);
    }

    [Fact]
    public void PayloadsCrossDurableInThePipelinesJsonShape()
    {
        var json = PipelinePayload.From(new RunRecord("r", "k", "Completed", DateTime.UnixEpoch, DateTime.UnixEpoch, "s"));
        Assert.True(json.TryGetProperty("runId", out _));
        Assert.Equal(PipelineJson.Options.PropertyNamingPolicy, System.Text.Json.JsonNamingPolicy.CamelCase);
        Assert.Throws<ArgumentException>(() => PipelinePayload.Read<RunRecord>(System.Text.Json.JsonDocument.Parse("null").RootElement));
    }
}
