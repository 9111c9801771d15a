using MarketIntel.Infrastructure.Tests.Arm;
using MarketIntel.Infrastructure.Tests.Checks;

namespace MarketIntel.Infrastructure.Tests;

/// <summary>
/// <c>azd up</c> with defaults deploys Durable's Azure Storage backend (what the app built here runs); the Durable Task
/// Scheduler is an opt-in (<c>DURABLE_BACKEND=DurableTaskScheduler</c>); host.json and its scheduler variant match.
/// </summary>
public sealed class DurableBackendTests
{
    private static readonly InfraSources Infra = InfraSources.Load();

    [Fact]
    public void DefaultDeployment_IsTheKeylessAzureStorageBackend_WithoutScheduler()
    {
        var problems = DurableBackendCheck.Run(Infra.Snapshot(AzdEnvironment.Default), DurableBackendCheck.AzureStorage);
        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));

        // Deployed without azd (az deployment sub create) the template's own default applies: the same backend.
        var parameter = Infra.Template.Parameters["durableBackend"];
        Assert.Equal(DurableBackendCheck.AzureStorage, (string?)parameter["defaultValue"]);
        Assert.Equal([DurableBackendCheck.AzureStorage, DurableBackendCheck.Scheduler], parameter["allowedValues"]!.AsArray().Select(v => (string?)v));
    }

    [Fact]
    public void SchedulerDeployment_HasTheSchedulerTaskHubRoleAndConnection()
    {
        var problems = DurableBackendCheck.Run(Infra.Snapshot(AzdEnvironment.Scheduler), DurableBackendCheck.Scheduler);
        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    [Fact]
    public void EachDeployment_FailsTheOtherBackendsCheck()
    {
        // The two environments really differ: each check rejects the other backend's deployment.
        Assert.Contains(DurableBackendCheck.Run(Infra.Snapshot(AzdEnvironment.Default), DurableBackendCheck.Scheduler), p => p.Contains("no Microsoft.DurableTask/schedulers", StringComparison.Ordinal));
        var scheduler = DurableBackendCheck.Run(Infra.Snapshot(AzdEnvironment.Scheduler), DurableBackendCheck.AzureStorage);
        Assert.Contains(scheduler, p => p.Contains("provisions Microsoft.DurableTask/schedulers", StringComparison.Ordinal));
        Assert.Contains(scheduler, p => p.Contains("Storage Queue Data Contributor", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AzdDefaultFlippedToTheScheduler_IsReported()
    {
        // azd's default is main.parameters.json's ${DURABLE_BACKEND=...}; the snapshots are taken through it.
        var infra = await Infra.RecompiledWith(InfraSources.Parameters, t => Replace(t, "${DURABLE_BACKEND=AzureStorage}", "${DURABLE_BACKEND=DurableTaskScheduler}"));
        var problems = DurableBackendCheck.Run(infra.Snapshot(AzdEnvironment.Default), DurableBackendCheck.AzureStorage);
        Assert.Contains(problems, p => p.Contains("provisions Microsoft.DurableTask/schedulers", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("sets DURABLE_TASK_SCHEDULER_CONNECTION_STRING", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("default", RoleCheck.TableDataContributor, "Storage Table Data Contributor")]
    [InlineData("default", RoleCheck.BlobDataOwner, "Storage Blob Data Owner")]
    [InlineData("scheduler", RoleCheck.DurableTaskDataContributor, "Durable Task Data Contributor")]
    public void RoleMissing_IsReported(string environment, string role, string expected)
    {
        var env = AzdEnvironment.All.Single(e => e.Name == environment);
        var infra = Infra.WithSnapshot(env, root => MutationHelpers.RemoveAssignments(root, role, RoleCheck.IdentityPrincipal, env));
        var backend = env == AzdEnvironment.Default ? DurableBackendCheck.AzureStorage : DurableBackendCheck.Scheduler;
        Assert.Contains(DurableBackendCheck.Run(infra.Snapshot(env), backend), p => p.Contains(expected, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("AzureWebJobsStorage__credential", "connectionstring", "AzureWebJobsStorage__credential is 'connectionstring'")]
    [InlineData("AzureWebJobsStorage__accountName", "someotheraccount", "the storage account's name")]
    [InlineData("AzureWebJobsStorage", "DefaultEndpointsProtocol=https;AccountName=x", "sets AzureWebJobsStorage (a connection string)")]
    public void StorageSettingWrong_IsReported(string name, string value, string expected)
    {
        var infra = Infra.WithSnapshot(AzdEnvironment.Default, root => MutationHelpers.AppSettings(root)[name] = value);
        Assert.Contains(DurableBackendCheck.Run(infra.Snapshot(AzdEnvironment.Default), DurableBackendCheck.AzureStorage), p => p.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void HostJson_DefaultIsAzureStorage_SchedulerVariantIsAzureManaged_SampleCoversTheReadSettings()
    {
        var problems = HostJsonCheck.Run(Repository.Read(HostJsonCheck.DefaultHost), Repository.Read(HostJsonCheck.SchedulerHost), Repository.Read(HostJsonCheck.Sample), HostSettings());
        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    [Theory]
    [InlineData(HostJsonCheck.DefaultHost, "\"type\": \"AzureStorage\"", "\"type\": \"azureManaged\"", "expected AzureStorage")]
    [InlineData(HostJsonCheck.DefaultHost, "\"connectionName\": \"AzureWebJobsStorage\"", "\"connectionName\": \"DurableStorage\"", "uses connection 'DurableStorage'")]
    [InlineData(HostJsonCheck.DefaultHost, "\"hubName\": \"%TASKHUB_NAME%\"", "\"hubName\": \"marketintel\"", "hubName is 'marketintel'")]
    [InlineData(HostJsonCheck.DefaultHost, "\"maxConcurrentActivityFunctions\": 8", "\"maxConcurrentActivityFunctions\": 10", "differs from host.json at extensions.durableTask.maxConcurrentActivityFunctions")]
    [InlineData(HostJsonCheck.SchedulerHost, "\"type\": \"azureManaged\"", "\"type\": \"AzureStorage\"", "must be type azureManaged")]
    [InlineData(HostJsonCheck.SchedulerHost, "\"routePrefix\": \"api\"", "\"routePrefix\": \"\"", "differs from host.json at extensions.http.routePrefix")]
    [InlineData(HostJsonCheck.Sample, "\"AzureWebJobsStorage\": \"UseDevelopmentStorage=true\",", "", "lacks 'AzureWebJobsStorage'")]
    [InlineData(HostJsonCheck.Sample, "\"TASKHUB_NAME\": \"default\",", "", "lacks 'TASKHUB_NAME'")]
    [InlineData(HostJsonCheck.Sample, "\"AzureWebJobsStorage\": \"UseDevelopmentStorage=true\"", "\"AzureWebJobsStorage\": \"DefaultEndpointsProtocol=https;AccountName=x\"", "must be UseDevelopmentStorage=true")]
    [InlineData(HostJsonCheck.Sample, "\"Api__Owner\": \"default\",", "\"Api__Owner\": \"default\", \"Api__Key\": \"k\",", "Api__Key")]
    public void HostJsonOrSampleWrong_IsReported(string file, string from, string to, string expected)
    {
        string Text(string f) => f == file ? Replace(Repository.Read(f), from, to) : Repository.Read(f);
        var problems = HostJsonCheck.Run(Text(HostJsonCheck.DefaultHost), Text(HostJsonCheck.SchedulerHost), Text(HostJsonCheck.Sample), HostSettings());
        Assert.Contains(problems, p => p.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void HostSettings_IncludeTheSchedulerVariantsConnection()
    {
        Assert.Contains("DURABLE_TASK_SCHEDULER_CONNECTION_STRING", HostSettings());
        Assert.Contains("TASKHUB_NAME", HostSettings());
    }

    private static IEnumerable<string> HostSettings() =>
        new CodeSettings(CodeSettings.HostJsonFiles.ToDictionary(f => f, Repository.Read, StringComparer.Ordinal)).Settings.Keys;

    private static string Replace(string text, string from, string to)
    {
        Assert.True(text.Contains(from, StringComparison.Ordinal), $"mutation anchor not found: {from}");
        return text.Replace(from, to, StringComparison.Ordinal);
    }
}
